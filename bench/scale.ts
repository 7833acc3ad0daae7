import { Client, Pool } from 'pg';
import { GENERATED_STAFF_PASSWORD } from '../tenants/generate-network/generate';
import { DEFAULT_STORES, DEFAULT_TICKETS } from '../tenants/generate-network/options';
import { countStatements } from '../test/support/statement-counter';
import { startTestApi } from '../test/support/test-api';
import { NETWORK_FIGURES_QUERY, QUEUE_QUERY, QUEUE_STATUSES } from './console-operations';
import { scaleDatabase } from './scale-network';

/**
 * P7 (`BENCH_ONLY=scale npm run bench`): the api over a generated network of
 * 1,000 stores and 2,000,000 tickets (BENCH_SCALE=0.01 for 10 stores and
 * 20,000 tickets). Each read is timed through GraphQL, serially (p50, p99) and
 * with 10 concurrent clients (p99), beside its baseline from the same run: the
 * same answer from one hand-written SQL query over pg. The api runs in this
 * process, so its statements are counted at the driver and its RSS is this
 * process's (the load generator included).
 */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const SERIAL = Number(process.env.BENCH_SCALE_REQUESTS ?? 200);
const CONCURRENT = 10;
/** Each series of calls stops starting new ones after this long. */
const BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_MS ?? 20_000);
/** Only the reads whose name contains this text (e.g. `ticketsAtRisk`), for a quick look at one of them. */
const ONLY = process.env.BENCH_SCALE_ONLY ?? '';

interface Read {
  name: string;
  goal: string;
  query: string;
  variables?: Record<string, unknown>;
  token: string;
  baseline: { sql: string; params: unknown[] };
  /** How many rows the baseline and the api must agree on. */
  rows(body: { data: Record<string, unknown> }): number;
}

interface Timing {
  p50: number;
  p99: number;
  calls: number;
  failures: number;
}

export async function benchScale(out: (line: string) => void): Promise<void> {
  const stores = Math.max(1, Math.round(DEFAULT_STORES * SCALE));
  const tickets = Math.max(stores, Math.round(DEFAULT_TICKETS * SCALE));
  out(`P7 scale: seed ${SEED}, ${stores} stores, ${tickets} tickets`);
  const db = await scaleDatabase({ seed: SEED, stores, tickets }, out);
  if (db.generationSeconds !== null) out(`generated in ${db.generationSeconds.toFixed(0)} s`);

  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  const baselinePool = new Pool({ connectionString: db.adminUrl, max: CONCURRENT });
  const rssBefore = process.memoryUsage().rss;
  const api = await startTestApi({
    database: { name: db.name, adminUrl: db.adminUrl, appUrl: db.appUrl, drop: async () => undefined },
    provision: false,
    env: {
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      MAX_QUERY_COST: '100000000',
      RATE_LIMIT_KEY_CAPACITY: '100000000',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '100000000',
      RATE_LIMIT_TENANT_CAPACITY: '100000000',
      RATE_LIMIT_TENANT_REFILL_PER_SECOND: '100000000',
    },
  });
  try {
    const facts = await networkFacts(admin);
    out(
      `network: ${facts.tenants} tenants, ${facts.tickets} tickets (${facts.open} open), ${facts.timeline} timeline entries, ${facts.clockPoints} clock points, ` +
        `biggest store ${facts.store.slug} with ${facts.store.tickets} tickets`,
    );
    const rssStarted = process.memoryUsage().rss;
    const storeToken = await api.login(facts.store.slug, `manager@${facts.store.slug}.example.com`, GENERATED_STAFF_PASSWORD);
    const hqToken = await api.login('demo-hq', 'supervisor@demo-hq.example.com', 'demo-password-1');
    const reads = readsOf(facts, storeToken, hqToken).filter((read) => read.name.includes(ONLY));

    const rows: string[][] = [];
    for (const read of reads) {
      const call = async () => {
        const result = await api.gql(read.query, read.variables, read.token);
        if (result.status !== 200 || result.body.errors) throw new Error(`${read.name}: ${JSON.stringify(result.body.errors ?? result.body)}`);
        return result.body;
      };
      // On a pool as wide as the load: the hand-written query's ×10 figure is ten connections at once, as the api's is.
      const baseline = async () => (await baselinePool.query(read.baseline.sql, read.baseline.params)).rowCount ?? 0;
      const first = Date.now();
      const firstBody = await call().catch((error: Error) => error);
      if (firstBody instanceof Error) {
        out(`  ${read.name}: failed after ${Date.now() - first} ms: ${firstBody.message.slice(0, 300)}`);
        rows.push([read.name, 'failed', `${Date.now() - first} ms`, '', '', '', '', '', '', read.goal, '', '']);
        continue;
      }
      const [apiRows, baselineRows] = [read.rows(firstBody), await baseline()];
      out(`  ${read.name}: first call ${Date.now() - first} ms`);
      if (apiRows !== baselineRows) out(`  note: ${read.name} returned ${apiRows} rows, its baseline ${baselineRows}`);
      const counter = countStatements();
      await call();
      const statements = counter.stop();
      const n = read.name.startsWith('HQ') ? Math.max(20, Math.round(SERIAL / 4)) : SERIAL;
      const serial = await timed(n, 1, call);
      const loaded = await timed(n, CONCURRENT, call);
      const base = await timed(n, 1, baseline);
      const baseLoaded = await timed(n, CONCURRENT, baseline);
      rows.push([
        read.name,
        `${apiRows}`,
        ms(serial.p50),
        ms(serial.p99),
        `${ms(loaded.p99)}${loaded.failures ? ` (${loaded.failures}/${loaded.calls} failed)` : ''}`,
        `${statements.work} (+${statements.total - statements.work})`,
        ms(base.p50),
        ms(base.p99),
        ms(baseLoaded.p99),
        read.goal,
        `${(serial.p99 / base.p99).toFixed(1)}×`,
        `${(loaded.p99 / baseLoaded.p99).toFixed(1)}×`,
      ]);
      out(`  measured ${read.name}: ${serial.calls} serial calls, ${loaded.calls} concurrent`);
    }
    const rssAfter = process.memoryUsage().rss;
    printTable(
      out,
      ['read', 'rows', 'p50', 'p99', `p99 ×${CONCURRENT}`, 'SQL', 'sql p50', 'sql p99', `sql p99 ×${CONCURRENT}`, 'goal', 'p99/sql', `×${CONCURRENT}/sql`],
      rows,
    );
    out(
      `SQL: statements the api sent for one call (reads and writes, +BEGIN/set_config/COMMIT); sql: the same answer from one hand-written query over pg (superuser, no RLS)`,
    );
    out(`RSS of the process (api and load generator): ${mb(rssBefore)} before the api, ${mb(rssStarted)} started, ${mb(rssAfter)} after the reads`);
  } finally {
    await api.stop();
    await admin.end();
    await baselinePool.end();
  }
}

interface NetworkFacts {
  tenants: number;
  tickets: number;
  open: number;
  timeline: number;
  clockPoints: number;
  hqId: string;
  store: { id: string; slug: string; tickets: number; phone: string; number: string; serial: string };
}

/** What the reads ask for: the biggest store, one of its customers' phone, a ticket number and a device serial from it. */
async function networkFacts(admin: Client): Promise<NetworkFacts> {
  const count = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0].n);
  const hqId = (await admin.query<{ id: string }>(`select id from tenants where slug = 'demo-hq'`)).rows[0].id;
  const store = (await admin.query<{ id: string; slug: string }>(`select id, slug from tenants where slug = 'net-s0001'`)).rows[0];
  const sample = (
    await admin.query<{ phone: string; number: string; serial: string }>(
      `select c.phone, t.number, d.serial_number as serial from tickets t join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
         join devices d on d.tenant_id = t.tenant_id and d.id = t.device_id
        where t.tenant_id = $1 order by t.number limit 1 offset 1000`,
      [store.id],
    )
  ).rows[0];
  return {
    tenants: await count('select count(*) as n from tenants'),
    tickets: await count('select count(*) as n from tickets'),
    open: await count(`select count(*) as n from tickets where status not in ('CLOSED', 'CANCELLED')`),
    timeline: await count('select count(*) as n from ticket_events'),
    clockPoints: await count('select count(*) as n from ticket_clock_points'),
    hqId,
    store: { ...store, tickets: await count(`select count(*) as n from tickets where tenant_id = '${store.id}'`), ...sample },
  };
}

const TICKET_FIELDS = 'edges { node { id number status createdAt } }';
const edges = (field: string) => (body: { data: Record<string, unknown> }) => (body.data[field] as { edges: unknown[] }).edges.length;
const NEWEST = 'order by t.created_at desc, t.id desc limit 20';

function readsOf(facts: NetworkFacts, storeToken: string, hqToken: string): Read[] {
  const store = facts.store;
  return [
    {
      name: 'store tickets(first: 20) newest',
      goal: 'p99 < 20 ms',
      query: `{ tickets(first: 20) { ${TICKET_FIELDS} } }`,
      token: storeToken,
      baseline: { sql: `select t.id, t.number, t.status, t.created_at from tickets t where t.tenant_id = $1 ${NEWEST}`, params: [store.id] },
      rows: edges('tickets'),
    },
    {
      name: 'tickets(customerPhone:)',
      goal: 'p99 < 20 ms',
      query: `query($p: String!) { tickets(first: 20, customerPhone: $p) { ${TICKET_FIELDS} } }`,
      variables: { p: store.phone },
      token: storeToken,
      baseline: {
        sql: `select t.id, t.number, t.status, t.created_at from tickets t
               where t.tenant_id = $1 and t.customer_id in (select c.id from customers c where c.tenant_id = $1 and c.phone = $2) ${NEWEST}`,
        params: [store.id, store.phone],
      },
      rows: edges('tickets'),
    },
    {
      name: 'tickets(number:)',
      goal: 'p99 < 20 ms',
      query: `query($n: String!) { tickets(first: 20, number: $n) { ${TICKET_FIELDS} } }`,
      variables: { n: store.number },
      token: storeToken,
      baseline: {
        sql: `select t.id, t.number, t.status, t.created_at from tickets t where t.tenant_id = $1 and t.number = $2`,
        params: [store.id, store.number],
      },
      rows: edges('tickets'),
    },
    {
      name: 'tickets(deviceSerial:)',
      goal: 'p99 < 20 ms',
      query: `query($s: String!) { tickets(first: 20, deviceSerial: $s) { ${TICKET_FIELDS} } }`,
      variables: { s: store.serial },
      token: storeToken,
      baseline: {
        sql: `select t.id, t.number, t.status, t.created_at from tickets t
               where t.tenant_id = $1 and t.device_id in (select d.id from devices d where d.tenant_id = $1 and d.serial_number = $2) ${NEWEST}`,
        params: [store.id, store.serial],
      },
      rows: edges('tickets'),
    },
    {
      // The console's work queue as the desk opens it: the 30 most urgent open tickets with everything a row shows.
      name: 'store work queue (URGENCY, first 30)',
      goal: '(console: page ≤ 1.5 s)',
      query: QUEUE_QUERY,
      variables: { first: 30, after: null, status: QUEUE_STATUSES },
      token: storeToken,
      baseline: {
        sql: `select u.id from (
                (select p.ticket_id as id, min(p.due_at) as at, 0 as rank from ticket_clock_points p
                   join tickets t on t.tenant_id = p.tenant_id and t.id = p.ticket_id
                  where p.tenant_id = $1 and t.status = any($2) group by p.ticket_id)
                union all
                (select t.id, t.created_at, 1 from tickets t
                  where t.tenant_id = $1 and t.status = any($2)
                    and not exists (select 1 from ticket_clock_points p where p.tenant_id = t.tenant_id and p.ticket_id = t.id))
              ) u order by u.rank, u.at, u.id limit 30`,
        params: [store.id, QUEUE_STATUSES],
      },
      rows: edges('tickets'),
    },
    {
      name: 'HQ tenants(first: 20, kind: STORE)',
      goal: '(none)',
      query: `{ tenants(first: 20, kind: STORE) { edges { node { id slug name } } } }`,
      token: hqToken,
      baseline: {
        sql: `select t.id, t.slug, t.name from tenants t where t.parent_id = $1 and t.kind = 'STORE' order by t.created_at desc, t.id desc limit 20`,
        params: [facts.hqId],
      },
      rows: edges('tenants'),
    },
    {
      name: 'HQ ticketsAtRisk(first: 20)',
      goal: 'p99 < 100 ms, < 10 statements',
      query: `{ ticketsAtRisk(first: 20) { number storeSlug status mostUrgent { metric state dueAt } } }`,
      token: hqToken,
      baseline: {
        sql: `select p.ticket_id, min(p.due_at) as due_at from ticket_clock_points p
               where p.tenant_id in (select s.id from tenants s where s.parent_id = $1) and p.at_risk_at <= now()
               group by p.ticket_id order by 2 limit 20`,
        params: [facts.hqId],
      },
      rows: (body) => (body.data.ticketsAtRisk as unknown[]).length,
    },
    {
      // HQ's network page: eight weeks of every store's figures (a row per store and week, zeros included).
      name: 'HQ networkFigures(weeks: 8)',
      goal: '(console: HQ network page)',
      query: NETWORK_FIGURES_QUERY,
      variables: { weeks: 8 },
      token: hqToken,
      baseline: {
        // The same counts by one query, for the same eight weeks of each store's calendar (weeks with something to count only).
        sql: `with store as (select id, time_zone from tenants where parent_id = $1 and kind = 'STORE'),
              opened as (
                select t.tenant_id, date_trunc('week', t.created_at at time zone s.time_zone) as week, count(*) as n
                  from tickets t join store s on s.id = t.tenant_id
                 where t.created_at >= now() - interval '8 weeks'
                   and date_trunc('week', t.created_at at time zone s.time_zone) >= date_trunc('week', now() at time zone s.time_zone) - interval '7 weeks'
                 group by 1, 2),
              outcome as (
                select e.tenant_id, date_trunc('week', coalesce((e.data->>'breachedAt')::timestamptz, e.occurred_at) at time zone s.time_zone) as week,
                       count(distinct e.ticket_id) filter (where e.kind = 'SLA_MET' and e.data->>'metric' = 'RESOLUTION') as met,
                       count(distinct e.ticket_id) filter (where e.kind = 'SLA_BREACHED') as breached
                  from ticket_events e join store s on s.id = e.tenant_id
                 where e.kind in ('SLA_MET', 'SLA_BREACHED') and e.occurred_at >= now() - interval '8 weeks'
                   and date_trunc('week', coalesce((e.data->>'breachedAt')::timestamptz, e.occurred_at) at time zone s.time_zone)
                       >= date_trunc('week', now() at time zone s.time_zone) - interval '7 weeks'
                 group by 1, 2)
              select * from opened o full join outcome x on x.tenant_id = o.tenant_id and x.week = o.week`,
        params: [facts.hqId],
      },
      // The api's rows with something counted, to set beside the baseline's.
      rows: (body) =>
        (body.data.networkFigures as { opened: number; resolvedOnTime: number; breached: number }[]).filter(
          (week) => week.opened + week.resolvedOnTime + week.breached > 0,
        ).length,
    },
  ];
}

/**
 * `requests` calls from `concurrency` clients, or fewer when the time budget
 * runs out first (a slow read is still timed, on fewer calls); a call that
 * fails counts as failed and its latency is kept.
 */
async function timed(requests: number, concurrency: number, call: () => Promise<unknown>): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const deadline = Date.now() + BUDGET_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests && (Date.now() < deadline || latencies.length < concurrency)) {
        next += 1;
        const t0 = process.hrtime.bigint();
        await call().catch(() => (failures += 1));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), calls: latencies.length, failures };
}

function printTable(out: (line: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) out(line(row));
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
