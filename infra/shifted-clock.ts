import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';

/**
 * A clock that runs at real speed but may be moved forward, for demos and
 * end-to-end tests across processes: the api and the worker read the same
 * offset (milliseconds) from one file, so "two days later" needs no waiting.
 * Never used in production (the config refuses it there).
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  private readAt = -Infinity;

  constructor(
    private readonly offsetFile: string,
    /** How long a read offset is trusted before the file is read again. */
    private readonly refreshMs = 100,
  ) {}

  now(): Date {
    const real = Date.now();
    if (real - this.readAt >= this.refreshMs) {
      // Never back: a file being replaced, removed or garbled keeps the offset already seen.
      this.offsetMs = Math.max(this.offsetMs, readOffset(this.offsetFile));
      this.readAt = real;
    }
    return new Date(real + this.offsetMs);
  }
}

/** The offset in the file; 0 when there is no file yet (no shift) or it holds no number. */
export function readOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return 0;
  }
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : 0;
}

/**
 * Moves the shared clock forward (never back: actions already run would look
 * undone). The new offset is written to a file beside it and renamed over it,
 * so a process reading at that moment sees the old offset or the new one,
 * never an empty file.
 */
export function advanceOffset(file: string, ms: number): number {
  if (!(ms >= 0)) throw new Error('the clock only moves forward');
  const next = readOffset(file) + ms;
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${next}\n`);
  renameSync(partial, file);
  return next;
}

export function clockFrom(config: { CLOCK_OFFSET_FILE?: string }): Clock {
  return config.CLOCK_OFFSET_FILE ? new ShiftedClock(config.CLOCK_OFFSET_FILE) : systemClock;
}
