import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { loadConfig } from '../infra/config';
import { GENERATED_STAFF_PASSWORD } from '../tenants/generate-network/generate';
import { runTenantsCli } from '../tenants/tenants.commands';
import { countStatements } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The scale generator on a small network (5 stores, 2,000 tickets): the same
 * seed writes the same content, the distributions are the intended ones, and
 * the product works on what it wrote.
 */
const AS_OF = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())).toISOString();
const ARGS = ['generate-network', '--seed', '7', '--stores', '5', '--tickets', '2000', '--as-of', AS_OF];

let first: TestDatabase;
let second: TestDatabase;
let admin: Client;
const outputs: string[][] = [];

async function generate(db: TestDatabase): Promise<string[]> {
  const lines: string[] = [];
  const config = loadConfig({ ...process.env, DATABASE_URL: db.adminUrl, APP_DATABASE_URL: db.appUrl, LOG_LEVEL: 'silent' });
  const code = await runTenantsCli(ARGS, { config, out: (line) => lines.push(line), err: (line) => lines.push(line) });
  if (code !== 0) throw new Error(lines.join('\n'));
  return lines;
}

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  outputs.push(await generate(first));
  outputs.push(await generate(second));
  admin = new Client({ connectionString: first.adminUrl });
  await admin.connect();
}, 180_000);

// Dropping two generated databases (their facts included) waits for a checkpoint each, long on a busy machine.
afterAll(async () => {
  await admin?.end();
  await Promise.all([first?.drop(), second?.drop()]);
}, 120_000);

const hashOf = (lines: string[]) => lines.find((line) => line.startsWith('content hash '));

test('the same seed writes the same network', () => {
  expect(hashOf(outputs[0])).toMatch(/^content hash [0-9a-f]{32}$/);
  expect(hashOf(outputs[1])).toBe(hashOf(outputs[0]));
});

test('a generated database is not generated into twice', async () => {
  const config = loadConfig({ ...process.env, DATABASE_URL: first.adminUrl, APP_DATABASE_URL: first.appUrl, LOG_LEVEL: 'silent' });
  const errors: string[] = [];
  expect(await runTenantsCli(ARGS, { config, out: () => undefined, err: (line) => errors.push(line) })).toBe(1);
  expect(errors.join('\n')).toContain('already holds a generated network');
});

test('the network has the intended shape: one HQ, partners, skewed stores, ~2% open, ~4 timeline entries a ticket', async () => {
  const kinds = (await admin.query(`select kind, count(*)::int as n from tenants group by kind order by kind`)).rows;
  expect(kinds).toEqual([
    { kind: 'HQ', n: 1 },
    { kind: 'PARTNER', n: 4 },
    { kind: 'STORE', n: 5 },
  ]);
  const sizes = (
    await admin.query<{ slug: string; n: number }>(
      `select s.slug, count(t.id)::int as n from tenants s join tickets t on t.tenant_id = s.id where s.kind = 'STORE' group by s.slug order by s.slug`,
    )
  ).rows.map((r) => r.n);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(2000);
  // k^-0.8: the first store has 2^0.8 = 1.74 times the second's tickets and 3.6 times the fifth's
  expect(sizes[0] / sizes[1]).toBeCloseTo(1.74, 1);
  expect(sizes[0] / sizes[4]).toBeGreaterThan(3.3);
  const facts = (
    await admin.query(
      `select count(*) filter (where status not in ('CLOSED', 'CANCELLED'))::float / count(*) as open_share,
              (select count(*) from ticket_events)::float / count(*) as entries_per_ticket,
              count(*) filter (where status = 'CANCELLED')::float / count(*) as cancelled_share,
              count(distinct number)::int as numbers,
              max(created_at) <= $1::timestamptz and min(created_at) >= $1::timestamptz - interval '365 days' as within_year,
              count(*) filter (where created_at > $1::timestamptz - interval '30 days' and status not in ('CLOSED', 'CANCELLED'))::float
                / nullif(count(*) filter (where status not in ('CLOSED', 'CANCELLED')), 0) as open_recent_share,
              count(*) filter (where device_id is not null)::float / count(*) as with_device,
              count(*) filter (where sla_standard is not null)::int as with_standard
         from tickets`,
      [AS_OF],
    )
  ).rows[0];
  expect(facts.open_share).toBeGreaterThan(0.01);
  expect(facts.open_share).toBeLessThan(0.035);
  expect(facts.open_recent_share).toBeGreaterThan(0.75);
  expect(facts.entries_per_ticket).toBeGreaterThan(3.7);
  expect(facts.entries_per_ticket).toBeLessThan(4.5);
  expect(facts.cancelled_share).toBeGreaterThan(0.02);
  expect(facts.cancelled_share).toBeLessThan(0.06);
  expect(facts.numbers).toBe(2000);
  expect(facts.within_year).toBe(true);
  expect(facts.with_device).toBeGreaterThan(0.6);
  expect(facts.with_standard).toBe(2000);
  // every open ticket under the standard has its clock points, and finished ones have none
  const points = (
    await admin.query(
      `select count(distinct p.ticket_id)::int as tickets, count(*) filter (where t.status in ('CLOSED', 'CANCELLED'))::int as finished
         from ticket_clock_points p join tickets t on t.tenant_id = p.tenant_id and t.id = p.ticket_id`,
    )
  ).rows[0];
  const open = (await admin.query(`select count(*)::int as n from tickets where status not in ('CLOSED', 'CANCELLED')`)).rows[0].n;
  expect(points.finished).toBe(0);
  expect(points.tickets).toBeGreaterThan(open * 0.8);
  // every ticket that makes promises has its figure facts, and a year of them holds every outcome of every metric
  const measured = (
    await admin.query(
      `select count(*) filter (where t.status <> 'CANCELLED' and not exists (select 1 from ticket_metric_facts f where f.tenant_id = t.tenant_id and f.ticket_id = t.id))::int as without,
              count(*) filter (where t.status = 'CANCELLED' and exists (select 1 from ticket_metric_facts f where f.tenant_id = t.tenant_id and f.ticket_id = t.id))::int as cancelled_with
         from tickets t`,
    )
  ).rows[0];
  expect(measured).toEqual({ without: 0, cancelled_with: 0 });
  const outcomes = (
    await admin.query<{ metric: string; outcomes: string[] }>(
      `select metric, array_agg(distinct outcome order by outcome) as outcomes from ticket_metric_facts group by metric order by metric`,
    )
  ).rows;
  expect(outcomes.map((row) => row.metric)).toEqual(['CALLBACK', 'DISPATCH', 'FIRST_CONTACT', 'PROGRESS_UPDATE', 'RESOLUTION']);
  for (const row of outcomes.filter((row) => row.metric !== 'CALLBACK')) expect(row.outcomes).toEqual(expect.arrayContaining(['BREACHED', 'MET']));
  expect(outcomes.flatMap((row) => row.outcomes)).toContain('RUNNING');
  const phones = (await admin.query(`select count(*)::int as n from customers where phone !~ '^1[3589][0-9]{9}$'`)).rows[0].n;
  expect(phones).toBe(0);
});

describe('the product on the generated network', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ database: first, provision: false });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  test("a store's newest tickets, HQ's tickets at risk, and the next registration's number", async () => {
    const store = await api.login('net-s0001', 'manager@net-s0001.example.com', GENERATED_STAFF_PASSWORD);
    const newest = await api.gql(`{ tickets(first: 20) { edges { node { number createdAt } } } }`, {}, store);
    expect(newest.body.errors).toBeUndefined();
    const expected = (
      await admin.query(
        `select t.number from tickets t join tenants s on s.id = t.tenant_id where s.slug = 'net-s0001' order by t.created_at desc, t.id desc limit 20`,
      )
    ).rows.map((r) => r.number);
    expect(newest.body.data.tickets.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual(expected);

    const hq = await api.login('demo-hq', 'supervisor@demo-hq.example.com', 'demo-password-1');
    const atRisk = await api.gql(`{ ticketsAtRisk(first: 20) { number storeSlug } }`, {}, hq);
    expect(atRisk.body.errors).toBeUndefined();
    expect(atRisk.body.data.ticketsAtRisk.length).toBeGreaterThan(0);
    expect(atRisk.body.data.ticketsAtRisk.every((t: { storeSlug: string }) => t.storeSlug.startsWith('net-s'))).toBe(true);

    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    const last = (
      await admin.query(`select max(t.number) as number from tickets t join tenants s on s.id = t.tenant_id where s.slug = 'net-s0001' and t.number like $1`, [
        `S0001-${year}-%`,
      ])
    ).rows[0].number as string | null;
    const registered = await api.gql(
      `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) { ticket { number } userErrors { code message } } }`,
      { input: { type: 'INQUIRY', channel: 'PHONE', problem: 'Generated network check', newCustomer: { name: 'Check', phone: '13900000000' } } },
      store,
    );
    expect(registered.body.errors).toBeUndefined();
    const next = last ? Number(last.split('-')[2]) + 1 : 1;
    expect(registered.body.data.registerTicket.ticket.number).toBe(`S0001-${year}-${String(next).padStart(6, '0')}`);
  });

  // Whole months are read from the rows per month: the percentiles through their buckets (the runs of one bucket sorted),
  // which must give what PostgreSQL's percentile_cont gives over every stopped run. Every store's month has few runs
  // (ranks on bucket edges, a second rank in the next bucket, single runs); the network's months many.
  test("every month's medians and 90th percentiles, store by store and for the network, equal percentile_cont over every stopped run", async () => {
    const hq = await api.login('demo-hq', 'supervisor@demo-hq.example.com', 'demo-password-1');
    const stores = (await admin.query<{ id: string }>(`select id from tenants where kind = 'STORE' order by slug`)).rows.map((row) => row.id);
    const months = (
      await admin.query<{ month: string }>(`select distinct to_char(local_date, 'YYYY-MM') as month from ticket_metric_facts order by 1`)
    ).rows.map((row) => row.month);
    expect(months.length).toBeGreaterThanOrEqual(12);
    const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
    const exact = async (storeIds: string[], month: string) =>
      (
        await admin.query<{ metric: string; median: number | null; p90: number | null; median_minutes: number | null }>(
          `select m.metric, s.working[1] as median, s.working[2] as p90, s.median_minutes
             from unnest($3::text[]) m(metric)
             left join lateral (
               select percentile_cont(array[0.5, 0.9]) within group (order by f.working_minutes_float) as working,
                      percentile_cont(0.5) within group (order by f.calendar_minutes_float) filter (where f.metric = 'FIRST_CONTACT') as median_minutes
                 from ticket_metric_facts f
                where f.tenant_id = any($1) and f.metric = m.metric and f.stopped_at is not null
                  and f.local_date between to_date($2, 'YYYY-MM') and (to_date($2, 'YYYY-MM') + interval '1 month' - interval '1 day')::date
             ) s on true
            order by m.metric`,
          [storeIds, month, ['CALLBACK', 'DISPATCH', 'FIRST_CONTACT', 'PROGRESS_UPDATE', 'RESOLUTION']],
        )
      ).rows;
    let compared = 0;
    for (const month of months) {
      for (const storeIds of [stores, ...stores.map((id) => [id])]) {
        const sorts = countStatements(/percentile_cont/);
        const response = await api.gql(
          `query($filter: ServiceFigureFilter!) {
             serviceFigures(filter: $filter) { metrics { metric medianWorkingMinutes p90WorkingMinutes } firstResponse { medianMinutes } }
           }`,
          { filter: { period: { month }, stores: storeIds.length === 1 ? [toGlobalId('Tenant', storeIds[0])] : null } },
          hq,
        );
        // Not one sort of every run: the bucket path answered.
        expect(sorts.stop().matching).toBe(0);
        expect(response.body.errors).toBeUndefined();
        const figures = response.body.data.serviceFigures;
        const expected = await exact(storeIds, month);
        const read = [...figures.metrics].sort((a: { metric: string }, b: { metric: string }) => a.metric.localeCompare(b.metric));
        expect(read).toEqual(expected.map((row) => ({ metric: row.metric, medianWorkingMinutes: round(row.median), p90WorkingMinutes: round(row.p90) })));
        expect(figures.firstResponse.medianMinutes).toBe(round(expected.find((row) => row.metric === 'FIRST_CONTACT')!.median_minutes));
        compared += expected.filter((row) => row.median !== null).length;
      }
    }
    // Most store-months have runs of every metric: hundreds of percentiles compared, not a handful.
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
