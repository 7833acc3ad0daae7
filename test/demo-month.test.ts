import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { monthOptions } from '../tenants/generate-month/options';
import { runTenantsCli } from '../tenants/tenants.commands';
import { startTestApi, TestApi } from './support/test-api';

/**
 * `generate-month` on the demo network (tenants/demo with the demo HQ's
 * standard published): a past month of tickets whose figures, top problems
 * and store ranking answer through GraphQL, the same from the same seed.
 */
const MONTH = '2026-10';
const PASSWORD = 'demo-password-1';
const FIGURES = `query($f: ServiceFigureFilter!) { serviceFigures(filter: $f) { storeCount metrics { metric measured met breached compliancePercent } } }`;
const FILTER = { f: { period: { from: `${MONTH}-01`, to: `${MONTH}-31` } } };
let first: TestApi;
let second: TestApi;

async function demoApi(): Promise<TestApi> {
  const api = await startTestApi({ clock: systemClock, provision: false });
  await applyTenants(api.orm, loadTenantFiles(join(projectRoot(), 'tenants', 'demo')), systemClock);
  const hqAdmin = await api.login('demo-hq', 'admin@demo-hq.example.com', PASSWORD);
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8');
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  return api;
}

async function cli(api: TestApi, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTenantsCli(argv, { config: api.config, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err: err.join('\n') };
}

/** What was written, without the ids the database draws itself (staff ids differ between two applied demos). */
async function written(api: TestApi): Promise<string> {
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(`select md5(string_agg(t::text, '|' order by t::text)) as tickets,
        (select md5(string_agg(e::text, '|' order by e::text)) from (select ticket_id, kind, occurred_at, summary, visibility from ticket_events) e) as events,
        (select md5(string_agg(f::text, '|' order by f::text)) from (select ticket_id, metric, outcome, local_date from ticket_metric_facts) f) as facts,
        (select md5(string_agg(w::text, '|' order by w::text)) from (select id, reference, status, store_due_at, repaired_at, returned_at, created_at from work_orders) w) as work_orders
      from (select id, number, type, status, priority, fault_category, created_at, resolved_at, closed_at from tickets) t`);
    return JSON.stringify(rows[0]);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  first = await demoApi();
  second = await demoApi();
}, 60_000);

afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

test('the same seed writes the same month; a month is generated once', async () => {
  const run = await cli(first, ['generate-month', '--seed', '7', '--month', MONTH, '--per-day', '3']);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  // 27 working days (no Sundays) in October 2026, 3 a day in each of 3 stores
  expect(run.out.join('\n')).toContain('generated 243 tickets in 2026-10 (bj-zgc 81, sh-xjh 81, sz-hqb 81)');
  expect(await cli(second, ['generate-month', '--seed', '7', '--month', MONTH, '--per-day', '3'])).toMatchObject({ code: 0 });
  expect(await written(second)).toBe(await written(first));
  const supervisor = await first.login('demo-hq', 'supervisor@demo-hq.example.com', PASSWORD);
  const a = await first.gql(FIGURES, FILTER, supervisor);
  const b = await second.gql(FIGURES, FILTER, await second.login('demo-hq', 'supervisor@demo-hq.example.com', PASSWORD));
  expect(a.body.data).toEqual(b.body.data);

  const again = await cli(first, ['generate-month', '--seed', '8', '--month', MONTH, '--per-day', '3']);
  expect(again.code).toBe(1);
  expect(again.err).toContain('2026-10 already has generated tickets');
  // two months generated and their facts rebuilt: a minute on a quiet machine, more under a full test run
}, 180_000);

test('the month answers the figures, the top problems and a ranking with a spread as the HQ supervisor', async () => {
  const supervisor = await first.login('demo-hq', 'supervisor@demo-hq.example.com', PASSWORD);
  const figures = await first.gql(FIGURES, FILTER, supervisor);
  expect(figures.body.errors).toBeUndefined();
  const metrics: { metric: string; measured: number; compliancePercent: number | null }[] = figures.body.data.serviceFigures.metrics;
  expect(figures.body.data.serviceFigures.storeCount).toBe(3);
  expect(metrics.map((m) => m.metric).sort()).toEqual(['CALLBACK', 'DISPATCH', 'FIRST_CONTACT', 'PROGRESS_UPDATE', 'RESOLUTION']);
  for (const m of metrics) expect(m.measured).toBeGreaterThan(0);
  const resolution = metrics.find((m) => m.metric === 'RESOLUTION')!;
  expect(resolution.compliancePercent).toBeGreaterThan(0);
  expect(resolution.compliancePercent).toBeLessThan(100);

  const top = await first.gql(`query($m: String!) { topProblems(month: $m) { count faultCategory } }`, { m: MONTH }, supervisor);
  expect(top.body.errors).toBeUndefined();
  expect(top.body.data.topProblems).toHaveLength(3);
  expect(top.body.data.topProblems[0].count).toBeGreaterThan(10);

  const admin = await first.login('demo-hq', 'admin@demo-hq.example.com', PASSWORD);
  const weights = await first.gql(
    `mutation($i: SetRankingWeightsInput!) { setRankingWeights(input: $i) { userErrors { code message } } }`,
    {
      i: {
        expectedVersion: 0,
        weights: [
          { figure: 'DISPATCH_COMPLIANCE', weight: 30 },
          { figure: 'RESOLUTION_COMPLIANCE', weight: 40 },
          { figure: 'FIRST_CONTACT_COMPLIANCE', weight: 30 },
        ],
      },
    },
    admin,
  );
  expect(weights.body.data.setRankingWeights.userErrors).toEqual([]);
  const ranking = await first.gql(`query($m: String!) { storeRanking(month: $m) { stores { storeSlug score rank } } }`, { m: MONTH }, supervisor);
  expect(ranking.body.errors).toBeUndefined();
  const stores: { storeSlug: string; score: number; rank: number }[] = ranking.body.data.storeRanking.stores;
  expect(stores).toHaveLength(3);
  expect(new Set(stores.map((s) => s.score)).size).toBe(3);
  // the slowest store comes last
  expect(stores.find((s) => s.storeSlug === 'sz-hqb')!.rank).toBe(3);
}, 60_000);

test('the repairs handed to the repair centre answer its figures, each as the orders themselves count it', async () => {
  const manager = await first.login('repair-partner', 'manager@repair-partner.example.com', PASSWORD);
  const read = await first.gql(
    `query($p: FigurePeriodInput!) { workOrderFigures(period: $p) { received repaired repairedOnTime repairedLate onTimePercent turnaround { medianHours } } }`,
    { p: { month: MONTH } },
    manager,
  );
  expect(read.body.errors).toBeUndefined();
  const figures = read.body.data.workOrderFigures;
  const admin = new Client({ connectionString: first.db.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `select count(*) filter (where (w.created_at at time zone 'Asia/Shanghai')::date between $1::date and ($1::date + interval '1 month' - interval '1 day')::date)::int as received,
              count(*) filter (where (w.repaired_at at time zone 'Asia/Shanghai')::date between $1::date and ($1::date + interval '1 month' - interval '1 day')::date)::int as repaired
         from work_orders w join tenants p on p.id = w.tenant_id and p.slug = 'repair-partner'`,
      [`${MONTH}-01`],
    );
    expect({ received: figures.received, repaired: figures.repaired }).toEqual(rows[0]);
  } finally {
    await admin.end();
  }
  // 3 a day: a few dozen repairs, one in seven handed over (more in the slower stores)
  expect(figures.received).toBeGreaterThan(5);
  expect(figures.repairedOnTime + figures.repairedLate).toBe(figures.repaired);
  expect(figures.turnaround.medianHours).toBeGreaterThan(0);
});

test('the timelines hold late assignments, parts orders with a slipped date, reopenings and scored callbacks', async () => {
  const admin = new Client({ connectionString: first.db.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(`select
        (select count(*) from tickets where fault_category is not null)::int as categorised,
        (select count(*) from tickets)::int as tickets,
        (select count(*) from parts_orders)::int as parts,
        (select count(*) from parts_order_date_changes)::int as slips,
        (select count(*) from ticket_events where kind = 'STATUS_CHANGED' and data->>'to' = 'REOPENED')::int as reopened,
        (select count(*) from ticket_events where kind = 'CUSTOMER_CONTACT')::int as contacts,
        (select count(*) from callbacks where state = 'ANSWERED' and score between 1 and 5)::int as callbacks,
        (select count(*) from ticket_events e join tickets t on t.tenant_id = e.tenant_id and t.id = e.ticket_id
          where e.kind = 'ASSIGNED' and e.occurred_at > t.created_at + interval '30 minutes')::int as late_assignments`);
    const r = rows[0];
    expect(r.tickets).toBe(243);
    expect(r.contacts).toBe(243);
    expect(r.categorised / r.tickets).toBeGreaterThan(0.75);
    expect(r.categorised).toBeLessThan(r.tickets);
    expect(Math.min(r.parts, r.slips, r.reopened, r.callbacks, r.late_assignments)).toBeGreaterThan(0);
    expect(r.slips).toBeLessThan(r.parts);
  } finally {
    await admin.end();
  }
});

test('by default the month before the current one in Asia/Shanghai, 15 a day', () => {
  // 2026-12-01 00:30 in Shanghai is still November in UTC
  expect(monthOptions({ seed: '7' }, new Date('2026-11-30T16:30:00Z'))).toEqual({ seed: 7, month: '2026-11', perDay: 15 });
  expect(() => monthOptions({ seed: '7', month: '2026-13' }, new Date())).toThrow('--month must be YYYY-MM');
  expect(() => monthOptions({}, new Date())).toThrow('--seed is required');
});
