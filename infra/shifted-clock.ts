import { readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../domain/clock';
import { systemClock } from '../domain/clock';

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
      this.offsetMs = readOffset(this.offsetFile);
      this.readAt = real;
    }
    return new Date(real + this.offsetMs);
  }
}

export function readOffset(file: string): number {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0; // no file yet: no shift
  }
}

/** Moves the shared clock forward (never back: actions already run would look undone). */
export function advanceOffset(file: string, ms: number): number {
  if (!(ms >= 0)) throw new Error('the clock only moves forward');
  const next = readOffset(file) + ms;
  writeFileSync(file, `${next}\n`);
  return next;
}

export function clockFrom(config: { CLOCK_OFFSET_FILE?: string }): Clock {
  return config.CLOCK_OFFSET_FILE ? new ShiftedClock(config.CLOCK_OFFSET_FILE) : systemClock;
}
