import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceOffset, readOffset, ShiftedClock } from '../infra/shifted-clock';

/**
 * The demo clock is one file shared by the api, the worker and the clock
 * command. While another process moves it forward, a reader sees the old
 * offset or the new one, never an empty or half-written file that would send
 * its clock back to the present (and wake ticket watches before their time).
 */
test('a reader never sees the clock go back while another process advances it', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'aftersales-clock-')), 'offset');
  writeFileSync(file, '60000\n');
  const writer = spawn(
    process.execPath,
    [
      '-r',
      join(__dirname, 'support', 'ts-register.js'),
      '-e',
      `const { advanceOffset } = require(${JSON.stringify(join(__dirname, '..', 'infra', 'shifted-clock.ts'))}); for (let i = 0; i < 3000; i++) advanceOffset(${JSON.stringify(file)}, 1000);`,
    ],
    { stdio: 'inherit' },
  );
  const finished = new Promise<number | null>((resolve) => writer.on('exit', resolve));
  let last = 60000;
  let reads = 0;
  let running = true;
  void finished.then(() => (running = false));
  while (running) {
    const seen = readOffset(file);
    expect(seen).toBeGreaterThanOrEqual(last);
    last = seen;
    reads++;
    if (reads % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await finished).toBe(0);
  expect(readOffset(file)).toBe(60000 + 3000 * 1000);
  expect(reads).toBeGreaterThan(100);
}, 60000);

test('the shifted clock keeps the offset it has seen when the file goes missing or holds no number', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'aftersales-clock-')), 'offset');
  advanceOffset(file, 3_600_000);
  const clock = new ShiftedClock(file, 0);
  const ahead = clock.now().getTime() - Date.now();
  expect(ahead).toBeGreaterThan(3_599_000);
  writeFileSync(file, '');
  expect(clock.now().getTime() - Date.now()).toBeGreaterThan(3_599_000);
  writeFileSync(file, 'garbage');
  expect(clock.now().getTime() - Date.now()).toBeGreaterThan(3_599_000);
});
