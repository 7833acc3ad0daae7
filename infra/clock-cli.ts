import { loadConfigOrExit } from './config';
import { advanceOffset, readOffset } from './shifted-clock';

/**
 * `npm run clock -- advance 2h` (or `90m`, `3d`), `npm run clock -- show`:
 * moves the shared demo clock of the api and the worker (CLOCK_OFFSET_FILE).
 */
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 30m, 2h or 3d`);
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

function main(args: string[]): number {
  const config = loadConfigOrExit();
  const file = config.CLOCK_OFFSET_FILE;
  if (!file) {
    process.stderr.write('CLOCK_OFFSET_FILE is not set: the api and the worker run on the real clock\n');
    return 2;
  }
  const [command, amount] = args;
  if (command === 'advance' && amount) {
    const offset = advanceOffset(file, parseDuration(amount));
    process.stdout.write(`clock is now ${new Date(Date.now() + offset).toISOString()} (ahead by ${offset / 60_000} minutes)\n`);
    return 0;
  }
  if (command === 'show') {
    const offset = readOffset(file);
    process.stdout.write(`clock is ${new Date(Date.now() + offset).toISOString()} (ahead by ${offset / 60_000} minutes)\n`);
    return 0;
  }
  process.stderr.write('usage: npm run clock -- advance <30m|2h|3d> | show\n');
  return 2;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
