import { DateTime } from 'luxon';
import { Client } from 'pg';
import { GENERATED_STAFF_PASSWORD } from '../tenants/generate-network/generate';
import { DEFAULT_STORES, DEFAULT_TICKETS } from '../tenants/generate-network/options';
import { startTestApi } from '../test/support/test-api';
import { FIRST_RESPONSE_SCAN, FirstResponseScan, sameFirstResponse } from './figures-scan';
import { scaleDatabase } from './scale-network';

/**
 * HQ's service figures over a generated network (`BENCH_ONLY=figures npm run
 * bench`): by default 1,000 stores and 2,000,000 tickets over a year, with
 * their figure facts written by the product's own rebuild (BENCH_SCALE=0.1 for
 * 100 stores and 200,000 tickets). A month's figures are read through GraphQL
 * for the whole network as HQ (every figure, then the counts alone, without
 * the medians), and for the largest and the median store as each store's
 * manager, serially; beside each, in the same run, the month's
 * first response counted by a plain SQL scan over the tickets and their
 * timelines (what the figures cost without facts), which must agree with the
 * api's. Medians and p90 are printed beside the goals.
 */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const REQUESTS = Number(process.env.BENCH_FIGURES_REQUESTS ?? 60);
/** Each series stops starting new calls after this long (a slow read is still timed, on fewer calls). */
const BUDGET_MS = Number(process.env.BENCH_FIGURES_BUDGET_MS ?? 30_000);

const FIGURES = `query($filter: ServiceFigureFilter!) {
  serviceFigures(filter: $filter) {
    from to storeCount
    metrics { metric measured met breached running compliancePercent medianWorkingMinutes p90WorkingMinutes }
    firstResponse { measured responded averageMinutes medianMinutes averageWorkingMinutes medianWorkingMinutes within24Hours within24HoursPercent withinStandardPercent }
  }
}`;

/** The same month without the medians and 90th percentiles: what the console's store comparison and its series ask for. */
const COUNTS = `query($filter: ServiceFigureFilter!) {
  serviceFigures(filter: $filter) {
    from to storeCount
    metrics { metric measured met breached running compliancePercent }
    firstResponse { measured responded averageMinutes averageWorkingMinutes within24Hours within24HoursPercent withinStandardPercent }
  }
}`;

interface FirstResponse {
  measured: number;
  responded: number;
  averageMinutes: number | null;
  medianMinutes: number | null;
  within24Hours: number;
  within24HoursPercent: number | null;
}

interface Read {
  name: string;
  goalMs: number;
  token: string;
  /** The stores the plain scan counts. */
  storeIds: string[];
  /** Every figure by default. */
  query?: string;
}

interface Timing {
  median: number;
  p90: number;
  calls: number;
}

export async function benchFigures(out: (line: string) => void): Promise<void> {
  const stores = Math.max(1, Math.round(DEFAULT_STORES * SCALE));
  const tickets = Math.max(stores, Math.round(DEFAULT_TICKETS * SCALE));
  out(`service figures: seed ${SEED}, ${stores} stores, ${tickets} tickets over a year`);
  const db = await scaleDatabase({ seed: SEED, stores, tickets }, out);
  if (db.generationSeconds !== null) out(`generated in ${db.generationSeconds.toFixed(0)} s`);

  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
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
    const network = await networkOf(admin);
    const month = process.env.BENCH_FIGURES_MONTH ?? network.lastFullMonth;
    out(
      `network: ${network.storeIds.length} stores, ${network.tickets} tickets, ${network.facts} facts; month ${month}: ` +
        `largest store ${network.largest.slug} (${network.largest.tickets} tickets that month), median store ${network.median.slug} (${network.median.tickets})`,
    );
    const login = (slug: string) => api.login(slug, `manager@${slug}.example.com`, GENERATED_STAFF_PASSWORD);
    const hqToken = await api.login('demo-hq', 'supervisor@demo-hq.example.com', 'demo-password-1');
    const reads: Read[] = [
      { name: `HQ network month (${network.storeIds.length} stores)`, goalMs: 200, token: hqToken, storeIds: network.storeIds },
      { name: `HQ network month, counts only`, goalMs: 200, token: hqToken, storeIds: network.storeIds, query: COUNTS },
      { name: `largest store's month (${network.largest.slug})`, goalMs: 50, token: await login(network.largest.slug), storeIds: [network.largest.id] },
      { name: `median store's month (${network.median.slug})`, goalMs: 50, token: await login(network.median.slug), storeIds: [network.median.id] },
    ];
    const range = monthRange(month);
    const rows: string[][] = [];
    for (const read of reads) {
      const call = async () => {
        const result = await api.gql(read.query ?? FIGURES, { filter: { period: { month } } }, read.token);
        if (result.status !== 200 || result.body.errors) throw new Error(`${read.name}: ${JSON.stringify(result.body.errors ?? result.body)}`);
        return result.body.data.serviceFigures as { firstResponse: FirstResponse };
      };
      const scan = async () => (await admin.query<FirstResponseScan>(FIRST_RESPONSE_SCAN, [read.storeIds, range.from, range.to, new Date()])).rows[0];
      const figures = await call();
      const agree = sameFirstResponse(figures.firstResponse, await scan());
      if (!agree.same) out(`  ${read.name}: the api and the scan disagree: ${agree.detail}`);
      const viaApi = await timed(REQUESTS, call);
      const viaScan = await timed(Math.max(5, Math.round(REQUESTS / 4)), scan);
      rows.push([
        read.name,
        `${figures.firstResponse.measured}`,
        ms(viaApi.median),
        ms(viaApi.p90),
        `${viaApi.calls}`,
        `< ${read.goalMs} ms`,
        viaApi.median < read.goalMs ? 'met' : 'not met',
        ms(viaScan.median),
        ms(viaScan.p90),
        `${viaScan.calls}`,
        agree.same ? 'yes' : 'NO',
      ]);
      out(`  measured ${read.name}`);
    }
    printTable(
      out,
      ['read', 'tickets measured', 'api median', 'api p90', 'calls', 'goal', 'median vs goal', 'scan median', 'scan p90', 'calls', 'same first response'],
      rows,
    );
    out(
      'api: serviceFigures(filter: { period: { month } }) through GraphQL (every metric and the first response; counts only: without the medians and 90th percentiles), serially; ' +
        'scan: the same first response counted by one SQL statement over tickets and their timelines (superuser, no RLS, no facts)',
    );
  } finally {
    await api.stop();
    await admin.end();
  }
}

interface Network {
  storeIds: string[];
  tickets: number;
  facts: number;
  lastFullMonth: string;
  largest: { id: string; slug: string; tickets: number };
  median: { id: string; slug: string; tickets: number };
}

/** The network's stores, the last whole month of tickets, and its largest and median stores by that month's tickets. */
async function networkOf(admin: Client): Promise<Network> {
  const count = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0].n);
  const hq = (await admin.query<{ id: string }>(`select id from tenants where slug = 'demo-hq'`)).rows[0].id;
  const newest = (await admin.query<{ at: Date }>(`select max(created_at) as at from tickets`)).rows[0].at;
  const lastFullMonth = DateTime.fromJSDate(newest, { zone: 'Asia/Shanghai' }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
  const range = monthRange(lastFullMonth);
  const sizes = (
    await admin.query<{ id: string; slug: string; tickets: number }>(
      `select s.id, s.slug, count(t.id)::int as tickets from tenants s
         left join tickets t on t.tenant_id = s.id and (t.created_at at time zone s.time_zone)::date between $2 and $3
        where s.parent_id = $1 and s.kind = 'STORE' group by s.id, s.slug order by 3 desc, s.slug`,
      [hq, range.from, range.to],
    )
  ).rows;
  return {
    storeIds: sizes.map((store) => store.id),
    tickets: await count('select count(*) as n from tickets'),
    facts: await count('select count(*) as n from ticket_metric_facts'),
    lastFullMonth,
    largest: sizes[0],
    median: sizes[Math.floor(sizes.length / 2)],
  };
}

function monthRange(month: string): { from: string; to: string } {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' });
  return { from: first.toISODate()!, to: first.endOf('month').toISODate()! };
}

/** `requests` serial calls, or fewer once the time budget runs out (at least three). */
async function timed(requests: number, call: () => Promise<unknown>): Promise<Timing> {
  const latencies: number[] = [];
  const deadline = Date.now() + BUDGET_MS;
  while (latencies.length < requests && (Date.now() < deadline || latencies.length < 3)) {
    const t0 = process.hrtime.bigint();
    await call();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { median: at(0.5), p90: at(0.9), calls: latencies.length };
}

function printTable(out: (line: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) out(line(row));
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
