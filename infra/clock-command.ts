import { readCommandArgs } from './command-args';
import { advanceOffset, readOffset } from './shifted-clock';

/**
 * `npm run clock -- advance 2h` (or `90m`, `3d`), `npm run clock -- show`:
 * moves the shared demo clock of the api and the worker (CLOCK_OFFSET_FILE).
 */
const USAGE = 'usage: npm run clock -- advance <30m|2h|3d> | show';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 30m, 2h or 3d`);
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

export interface ClockCommandIo {
  /** CLOCK_OFFSET_FILE; unset when the processes run on the real clock. */
  offsetFile: string | undefined;
  out(line: string): void;
  err(line: string): void;
}

/** Runs one clock command; returns the process exit code (2 for a command it cannot run). */
export function runClockCommand(argv: string[], io: ClockCommandIo): number {
  let positionals: string[];
  try {
    ({ positionals } = readCommandArgs(argv));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = io.offsetFile;
  if (!file) {
    io.err('CLOCK_OFFSET_FILE is not set: the api and the worker run on the real clock');
    return 2;
  }
  const [command, amount] = positionals;
  try {
    if (command === 'advance' && amount) {
      const offset = advanceOffset(file, parseDuration(amount));
      io.out(`clock is now ${new Date(Date.now() + offset).toISOString()} (ahead by ${offset / 60_000} minutes)`);
      return 0;
    }
    if (command === 'show') {
      const offset = readOffset(file);
      io.out(`clock is ${new Date(Date.now() + offset).toISOString()} (ahead by ${offset / 60_000} minutes)`);
      return 0;
    }
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  io.err(USAGE);
  return 2;
}
