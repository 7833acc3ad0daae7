import { deepStrictEqual } from 'node:assert';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { seedNestedTickets } from '../test/support/nested-seed';
import { countStatements, StatementCount } from '../test/support/statement-counter';
import { startTestApi, TestApi } from '../test/support/test-api';
import { formatResult, LoadResult, runLoad } from './load';

/**
 * P2, the nested read: a store's `tickets(first: N)` with each ticket's
 * customer, device, assignee, parts orders with their date changes and latest
 * five timeline entries, through the whole api (authentication, the tenant
 * transaction with RLS, guard, cost and rate limit, resolvers), beside one
 * hand-written SQL query returning the same data, served over a bare
 * node:http server from a pool of the same size whose connections carry the
 * tenant already. Both answer from the same database in the same run, in
 * alternating rounds; the ratio comes last.
 */
const TICKETS = Number(process.env.BENCH_NESTED_TICKETS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const POOL_SIZE = 5; // the api's own pool (test/support/test-api.ts)

const NESTED = `query($n: Int!) { tickets(first: $n) { edges { node {
  number customer { name phone } device { serialNumber } assignee { name }
  partsOrders { partNumber expectedOn late dateChanges { previousOn expectedOn } } hasLatePart
  recentTimeline(limit: 5) { kind summary }
} } } }`;

/** The same answer in one statement: the page, its joins, and a lateral read per ticket for parts and entries. */
const HAND_WRITTEN = `
select json_build_object('tickets', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
  'number', t.number,
  'customer', json_build_object('name', c.name, 'phone', c.phone),
  'device', case when d.id is null then null else json_build_object('serialNumber', d.serial_number) end,
  'assignee', case when a.id is null then null else json_build_object('name', a.name) end,
  'partsOrders', coalesce(p.parts, '[]'),
  'hasLatePart', coalesce(p.any_late, false),
  'recentTimeline', coalesce(e.entries, '[]')
)) order by t.created_at desc, t.id desc), '[]')))::text as data
from (select * from tickets where tenant_id = $1 order by created_at desc, id desc limit $2) t
cross join (select (cast($3 as timestamptz) at time zone time_zone)::date as today from tenants where id = $1) s
join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
left join devices d on d.tenant_id = t.tenant_id and d.id = t.device_id
left join staff_users a on a.tenant_id = t.tenant_id and a.id = t.assignee_id
left join lateral (
  select json_agg(json_build_object(
           'partNumber', po.part_number, 'expectedOn', po.expected_on::text,
           'late', po.status = 'ORDERED' and po.expected_on < s.today,
           'dateChanges', coalesce((
             select json_agg(json_build_object('previousOn', dc.previous_on::text, 'expectedOn', dc.expected_on::text) order by dc.changed_at, dc.id)
             from parts_order_date_changes dc where dc.tenant_id = po.tenant_id and dc.parts_order_id = po.id), '[]')
         ) order by po.ordered_at, po.id) as parts,
         bool_or(po.status = 'ORDERED' and po.expected_on < s.today) as any_late
  from parts_orders po where po.tenant_id = t.tenant_id and po.ticket_id = t.id
) p on true
left join lateral (
  select json_agg(json_build_object('kind', x.kind, 'summary', x.summary) order by x.occurred_at desc, x.seq desc) as entries
  from (select ev.kind, ev.summary, ev.occurred_at, ev.seq from ticket_events ev
        where ev.tenant_id = t.tenant_id and ev.ticket_id = t.id order by ev.occurred_at desc, ev.seq desc limit 5) x
) e on true`;

export async function benchNested(print: (line: string) => void): Promise<void> {
  const api = await startTestApi({
    env: {
      MAX_QUERY_COST: '1000000',
      RATE_LIMIT_KEY_CAPACITY: '100000000',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '100000000',
      RATE_LIMIT_TENANT_CAPACITY: '100000000',
      RATE_LIMIT_TENANT_REFILL_PER_SECOND: '100000000',
    },
  });
  let bare: { server: Server; pool: Pool; url: string } | null = null;
  try {
    const tenantId = await seed(api, TICKETS);
    const token = await api.login('store-a', 'agent@store-a.test');
    bare = await startBareServer(api.db.appUrl, tenantId);
    const body = JSON.stringify({ query: NESTED, variables: { n: TICKETS } });
    const viaApi = () => fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const bareUrl = bare.url;
    const viaSql = () => fetch(bareUrl);
    const ok = (response: Response, text: string) => response.ok && !text.includes('"errors"');

    const apiAnswer = await readCounted(viaApi);
    const sqlAnswer = await readCounted(viaSql);
    deepStrictEqual(sqlAnswer.data, apiAnswer.data, 'the hand-written query must answer the same data as the api');
    print(`P2 nested read: tickets(first: ${TICKETS}) with customer, device, assignee, parts + date changes, recentTimeline(limit: 5)`);
    print(`same data from both: yes (${apiAnswer.data.tickets.edges.length} tickets)`);
    print(`statements per request, api (JWT caller):   ${describe(apiAnswer.statements)}`);
    print(`statements per request, hand-written SQL:   ${describe(sqlAnswer.statements)}`);
    print(`${REQUESTS} requests per round, ${CONCURRENCY} concurrent clients, ${ROUNDS} alternating rounds, loopback, load generated in the same process`);

    await runLoad(200, CONCURRENCY, viaApi, ok); // warm-up, both sides
    await runLoad(200, CONCURRENCY, viaSql, ok);
    const rounds: { api: Measured; sql: Measured }[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Alternate which goes first, so neither always meets a warmer or a busier machine.
      const first = round % 2 === 1 ? 'api' : 'sql';
      const results: Partial<{ api: Measured; sql: Measured }> = {};
      for (const side of first === 'api' ? (['api', 'sql'] as const) : (['sql', 'api'] as const)) {
        results[side] = await measured(() => runLoad(REQUESTS, CONCURRENCY, side === 'api' ? viaApi : viaSql, ok));
      }
      rounds.push(results as { api: Measured; sql: Measured });
      print(formatMeasured(`round ${round} hand-written SQL`, results.sql!));
      print(formatMeasured(`round ${round} api`, results.api!));
    }
    const apiMedian = median(rounds.map((round) => round.api));
    const sqlMedian = median(rounds.map((round) => round.sql));
    print(formatMeasured('median hand-written SQL (baseline)', sqlMedian));
    print(formatMeasured('median api', apiMedian));
    print(
      `ratio api / hand-written SQL: throughput ${(apiMedian.perSecond / sqlMedian.perSecond).toFixed(2)}, p50 ${(apiMedian.p50Ms / sqlMedian.p50Ms).toFixed(1)}x, p99 ${(apiMedian.p99Ms / sqlMedian.p99Ms).toFixed(1)}x, node CPU per request ${(apiMedian.cpuMsPerRequest / sqlMedian.cpuMsPerRequest).toFixed(1)}x`,
    );
  } finally {
    if (bare) {
      await new Promise((resolve) => bare!.server.close(resolve));
      await bare.pool.end();
    }
    await api.stop();
  }
}

async function seed(api: TestApi, tickets: number): Promise<string> {
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    await seedNestedTickets(admin, 'store-a', tickets);
    await admin.query('analyze');
    const { rows } = await admin.query(`select id from tenants where slug = 'store-a'`);
    return rows[0].id;
  } finally {
    await admin.end();
  }
}

/** One query per request on a pool of the api's size, as the runtime role, each connection bound to the store for its whole life. */
async function startBareServer(appUrl: string, tenantId: string): Promise<{ server: Server; pool: Pool; url: string }> {
  const pool = new Pool({ connectionString: appUrl, max: POOL_SIZE, options: `-c app.tenant_id=${tenantId}` });
  const server = createServer((request, response) => {
    request.resume();
    pool
      .query<{ data: string }>(HAND_WRITTEN, [tenantId, TICKETS, new Date()])
      .then(({ rows }) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`{"data":${rows[0].data}}`);
      })
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: error.message }] }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, pool, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readCounted(send: () => Promise<Response>): Promise<{ statements: StatementCount; data: any }> {
  await (await send()).text(); // first-use look-ups of the process are not the point here
  const counter = countStatements();
  const response = await send();
  const text = await response.text();
  const statements = counter.stop();
  const parsed = JSON.parse(text);
  if (parsed.errors) throw new Error(text);
  return { statements, data: parsed.data };
}

function describe(count: StatementCount): string {
  return `${count.total} in all, ${count.work} besides BEGIN/set_config/COMMIT (${count.begin} BEGIN, ${count.setConfig} set_config, ${count.commit} COMMIT)`;
}

/** A round's load figures and the CPU this process spent per request (server and load generator alike, PostgreSQL apart). */
type Measured = LoadResult & { cpuMsPerRequest: number };

async function measured(load: () => Promise<LoadResult>): Promise<Measured> {
  const before = process.cpuUsage();
  const result = await load();
  const spent = process.cpuUsage(before);
  return { ...result, cpuMsPerRequest: (spent.user + spent.system) / 1000 / result.requests };
}

function formatMeasured(name: string, result: Measured): string {
  return `${formatResult(name, result)}   node CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request`;
}

/** The median round by throughput, with its own latencies. */
function median<T extends LoadResult>(results: T[]): T {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)];
}
