import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration, runClockCommand } from '../infra/clock-command';

/**
 * `npm run clock`: moves the demo clock's shared offset file forward or shows it;
 * anything else is refused with exit code 2 and the usage.
 */
function run(argv: string[], offsetFile: string | undefined) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runClockCommand(argv, { offsetFile, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err: err.join('\n') };
}

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'aftersales-clock-command-')), 'offset');

test('advance moves the offset forward by a duration, show reads it', () => {
  const file = freshFile();
  expect(run(['advance', '90m'], file)).toMatchObject({ code: 0, out: [expect.stringMatching(/^clock is now .* \(ahead by 90 minutes\)$/)] });
  expect(run(['advance', '1h'], file).code).toBe(0);
  expect(Number(readFileSync(file, 'utf8'))).toBe(150 * 60_000);
  expect(run(['show'], file)).toMatchObject({ code: 0, out: [expect.stringMatching(/^clock is .* \(ahead by 150 minutes\)$/)] });
});

test('durations are a number and one of s, m, h, d', () => {
  expect(parseDuration('30s')).toBe(30_000);
  expect(parseDuration('2h')).toBe(7_200_000);
  expect(parseDuration('1.5d')).toBe(129_600_000);
  expect(() => parseDuration('2x')).toThrow('"2x" is not a duration such as 30m, 2h or 3d');
});

test('no offset file, a wrong duration, an unknown command or option: exit code 2 and why', () => {
  expect(run(['show'], undefined)).toEqual({ code: 2, out: [], err: 'CLOCK_OFFSET_FILE is not set: the api and the worker run on the real clock' });
  const file = freshFile();
  expect(run(['advance', 'soon'], file)).toEqual({ code: 2, out: [], err: '"soon" is not a duration such as 30m, 2h or 3d' });
  expect(run(['rewind', '2h'], file)).toEqual({ code: 2, out: [], err: 'usage: npm run clock -- advance <30m|2h|3d> | show' });
  expect(run(['advance'], file).code).toBe(2);
  expect(run(['show', '--utc'], file)).toEqual({ code: 2, out: [], err: "Unknown option '--utc'\nusage: npm run clock -- advance <30m|2h|3d> | show" });
});
