import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { projectRoot } from '../../core/project-root';
import { createTestDatabase } from '../../test/support/test-database';

/**
 * P4: what Row Level Security costs an indexed read. pgbench runs each script
 * of this folder as the runtime role (RLS on, the tenant set by set_config,
 * as the api does) and as the database owner, whom RLS does not apply to,
 * with the same statements: alternating rounds, tps and mean latency of each,
 * the ratio last. `BENCH_RLS_TICKETS` sets the tickets per store (two stores),
 * `BENCH_RLS_SECONDS` the length of a round, `BENCH_RLS_CLIENTS` pgbench's clients.
 */
const TICKETS = Number(process.env.BENCH_RLS_TICKETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_RLS_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_RLS_CLIENTS ?? 4);
const ROUNDS = 2;
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
const SCRIPTS = [
  { name: "a store's newest tickets, first page", file: 'tickets-page.sql' },
  { name: 'one ticket by id', file: 'ticket-by-id.sql' },
];

type Write = (line: string) => void;

interface PgbenchFigures {
  tps: number;
  latencyMs: number;
}

/** Two stores of TICKETS tickets each; the ids of the first store's are md5('rls-bench-<n>'), for the by-id script. */
async function seed(adminUrl: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const hq = await admin.query(`insert into tenants (slug, name, kind) values ('rls-hq', 'RLS bench HQ', 'HQ') returning id`);
    const { rows } = await admin.query(
      `insert into tenants (slug, name, kind, parent_id)
       select s, 'RLS bench ' || s, 'STORE', $1 from unnest(array['rls-one', 'rls-two']) s returning id`,
      [hq.rows[0].id],
    );
    for (const [index, { id }] of rows.entries()) {
      const customer = await admin.query(`insert into customers (tenant_id, name, phone) values ($1, 'Bench', '13700000000') returning id`, [id]);
      await admin.query(
        `insert into tickets (id, tenant_id, number, type, channel, priority, status, customer_id, problem, contact_name, contact_phone, created_at)
         select case when $4 = 0 then md5('rls-bench-' || g)::uuid else gen_random_uuid() end, $1, 'R' || $4 || '-2026-' || lpad(g::text, 7, '0'),
                'REPAIR', 'WALK_IN', 'NORMAL', case when g % 10 = 0 then 'NEW' else 'CLOSED' end, $2, 'Bench problem', 'Bench', '137',
                now() - g * interval '1 minute'
         from generate_series(1, $3::int) g`,
        [id, customer.rows[0].id, TICKETS, index],
      );
    }
    await admin.query('analyze tickets');
    return rows[0].id;
  } finally {
    await admin.end();
  }
}

async function pgbench(url: string, script: string, tenant: string): Promise<PgbenchFigures> {
  const { stdout } = await promisify(execFile)(
    PGBENCH,
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(CLIENTS),
      '-j',
      String(Math.min(CLIENTS, 2)),
      '-T',
      String(SECONDS),
      '-D',
      `tenant=${tenant}`,
      '-D',
      `count=${TICKETS}`,
      '-f',
      script,
      url,
    ],
    { maxBuffer: 1 << 20 },
  );
  const tps = /tps = ([\d.]+)/.exec(stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(stdout);
  const failed = /number of failed transactions: (\d+)/.exec(stdout);
  if (!tps || !latency) throw new Error(`pgbench said:\n${stdout}`);
  if (failed && Number(failed[1]) > 0) throw new Error(`pgbench transactions failed:\n${stdout}`);
  return { tps: Number(tps[1]), latencyMs: Number(latency[1]) };
}

function mean(all: PgbenchFigures[]): PgbenchFigures {
  return { tps: all.reduce((s, f) => s + f.tps, 0) / all.length, latencyMs: all.reduce((s, f) => s + f.latencyMs, 0) / all.length };
}

function describe(name: string, f: PgbenchFigures): string {
  return `${name.padEnd(62)} ${f.tps.toFixed(0).padStart(7)} tps   latency ${f.latencyMs.toFixed(3)} ms`;
}

export async function benchRls(write: Write): Promise<void> {
  const db = await createTestDatabase();
  try {
    const tenant = await seed(db.adminUrl);
    // The runtime role must find its rows: a read that returns nothing would flatter RLS.
    const check = new Client({ connectionString: db.appUrl });
    await check.connect();
    try {
      await check.query('begin');
      await check.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
      const seen = (await check.query(`select count(*)::int as n from tickets where id = md5('rls-bench-1')::uuid`)).rows[0].n;
      const page = (await check.query(`select count(*)::int as n from (select 1 from tickets where tenant_id = $1 limit 20) p`, [tenant])).rows[0].n;
      await check.query('commit');
      if (seen !== 1 || page !== 20) throw new Error(`the runtime role reads ${seen} ticket by id and ${page} on a page`);
    } finally {
      await check.end();
    }
    write(`P4 row level security: ${TICKETS} tickets in each of 2 stores, pgbench ${CLIENTS} clients, ${ROUNDS} alternating rounds of ${SECONDS} s`);
    const ratios: string[] = [];
    for (const { name, file } of SCRIPTS) {
      const script = join(projectRoot(), 'bench', 'rls', file);
      const withRls: PgbenchFigures[] = [];
      const without: PgbenchFigures[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        withRls.push(await pgbench(db.appUrl, script, tenant));
        without.push(await pgbench(db.adminUrl, script, tenant));
      }
      const on = mean(withRls);
      const off = mean(without);
      write(describe(`${name}, owner (no RLS)`, off));
      write(describe(`${name}, runtime role (RLS)`, on));
      ratios.push(`ratio ${name}: RLS ${(on.tps / off.tps).toFixed(2)} of the throughput without, latency ${(on.latencyMs / off.latencyMs).toFixed(2)}x`);
    }
    for (const line of ratios) write(line);
  } finally {
    await db.drop();
  }
}
