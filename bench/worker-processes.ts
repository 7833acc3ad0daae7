import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'pg';
import { projectRoot } from '../core/project-root';
import { ActionKind } from '../core/action-enums';
import { formatRun, latenessAt, RunFigures } from './run-figures';

/**
 * Scaling out: the real worker (`dist/bin/worker.js`, as deployed) run as 1,
 * 2, ... separate OS processes on one queue and one database, each with the
 * production defaults, over the same actions due within a minute. Lateness
 * is read from the database afterwards (completed_at - due_at, both written
 * by the worker's own code), so the bench process measures nothing itself and
 * adds no work to the runs. The actions are ticket watches of tickets that
 * are gone: the real processor, with nothing to act on, so the figures are
 * the engine's (relay, BullMQ, the run's transaction) per process.
 */
export interface ProcessBenchSetup {
  adminUrl: string;
  appUrl: string;
  redisPrefix: string;
  admin: Client;
  tenantIds: string[];
  actions: number;
  processCounts: number[];
  spreadMs: number;
  /** The plain BullMQ worker over the same number of jobs and spread, in this process. */
  baseline: () => Promise<RunFigures>;
}

/** Child processes start in a few seconds on a busy machine: the first action falls due after they are up. */
const FIRST_DUE_AFTER_MS = 10_000;
const STALL_MS = 60_000;

type Write = (line: string) => void;

export async function benchWorkerProcesses(write: Write, setup: ProcessBenchSetup): Promise<void> {
  const arrival = setup.actions / (setup.spreadMs / 1000);
  write(`scaling out: ${setup.actions} actions due within ${setup.spreadMs / 1000} s (${arrival.toFixed(0)} /s), the worker as separate processes`);
  write(formatRun('baseline: BullMQ, delays over 1 min', await setup.baseline(), 'after the first was due', true));
  const summary: string[] = [];
  for (const processes of setup.processCounts) {
    const spread = await runProcesses(setup, processes, 'spread');
    write(formatRun(`${processes} worker process${processes > 1 ? 'es' : ''}, due over 1 min`, spread, 'after the first was due', true));
    let capacity = spread.count / spread.seconds;
    if (capacity >= 0.9 * arrival) {
      const burst = await runProcesses(setup, processes, 'burst');
      capacity = burst.count / burst.seconds;
      write(formatRun(`${processes} worker process${processes > 1 ? 'es' : ''}, all due at once`, burst, 'from the first run', false));
    } else {
      write(`${''.padEnd(38)}(behind the ${arrival.toFixed(0)} /s arrival rate all along: its rate is its capacity)`);
    }
    const p99 = latenessAt(spread, 0.99);
    summary.push(
      `  ${String(processes).padStart(2)} process(es): p99 lateness ${(p99 / 1000).toFixed(2)} s ${p99 < 1000 ? '(under 1 s)' : '(over 1 s)'}, ${capacity.toFixed(0)} actions/s`,
    );
  }
  for (const line of summary) write(line);
}

/** One run: fresh rows, `processes` workers started, every action run once, the workers stopped, lateness read back. */
async function runProcesses(setup: ProcessBenchSetup, processes: number, shape: 'spread' | 'burst'): Promise<RunFigures> {
  const { admin } = setup;
  await admin.query('delete from scheduled_actions');
  const firstDue = shape === 'spread' ? new Date(Date.now() + FIRST_DUE_AFTER_MS) : new Date(Date.now() - 1000);
  await admin.query(
    `insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, max_attempts)
     select ($1::uuid[])[1 + i % cardinality($1::uuid[])], $2, 'scale-' || i,
            $3::timestamptz + make_interval(secs => i * $4::float8 / $5 / 1000), 6
       from generate_series(0, $5 - 1) i`,
    [setup.tenantIds, ActionKind.TICKET_WATCH, firstDue, shape === 'spread' ? setup.spreadMs : 0, setup.actions],
  );
  await admin.query('analyze scheduled_actions');
  const prefix = `${setup.redisPrefix}:${shape}${processes}`;
  const children = Array.from({ length: processes }, () => startWorkerProcess(setup, prefix));
  try {
    await untilNonePending(admin, children);
  } finally {
    await Promise.all(children.map(stop));
  }
  const rows = await admin.query<{ late: number }>(
    `select (extract(epoch from completed_at - due_at) * 1000)::float8 as late from scheduled_actions where state = 'DONE'`,
  );
  // Spread: from the first due instant; all due at once: from the first run, so the processes' start is not counted.
  const span = await admin.query<{ seconds: number }>(
    `select extract(epoch from max(completed_at) - ${shape === 'spread' ? 'min(due_at)' : 'min(completed_at)'})::float8 as seconds from scheduled_actions`,
  );
  const lateMs = Float64Array.from(rows.rows.map((row) => row.late));
  return { count: rows.rows.length, seconds: span.rows[0].seconds, lateMs };
}

function startWorkerProcess(setup: ProcessBenchSetup, prefix: string): ChildProcess {
  return spawn(process.execPath, [join(projectRoot(), 'dist', 'bin', 'worker.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'scale-out-bench-only-secret-0123456789abcdef',
      DATABASE_URL: setup.adminUrl,
      APP_DATABASE_URL: setup.appUrl,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function untilNonePending(admin: Client, children: ChildProcess[]): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const crashed = children.find((child) => child.exitCode !== null);
    if (crashed) throw new Error(`a worker process exited with ${crashed.exitCode}`);
    const { rows } = await admin.query<{ n: string }>(`select count(*) as n from scheduled_actions where state = 'PENDING'`);
    const pending = Number(rows[0].n);
    if (pending === 0) return;
    if (pending !== last) {
      last = pending;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS) {
      throw new Error(`stuck with ${pending} pending for ${STALL_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
