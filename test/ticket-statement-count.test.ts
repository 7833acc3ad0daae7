import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { countStatements, StatementCount } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * N+1 is a bug: reading 50 tickets with their customer, device, assignee,
 * parts orders (with their date changes) and last 5 timeline entries must run the same number of SQL
 * statements as reading 5. Every statement the server sends is counted at the
 * driver.
 */
let api: TestApi;
let token: string;
const NESTED = `query($n: Int!) { tickets(first: $n) { edges { node {
  number customer { name phone } device { serialNumber } assignee { name }
  partsOrders { partNumber expectedOn late dateChanges { previousOn expectedOn } } hasLatePart
  recentTimeline(limit: 5) { kind summary }
} } } }`;

beforeAll(async () => {
  api = await startTestApi({ env: { MAX_QUERY_COST: '100000', RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  token = await api.login('store-a', 'agent@store-a.test');
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `select t.id as tenant, s.id as tech from tenants t join staff_users s on s.tenant_id = t.id where t.slug = 'store-a' and s.email = 'tech@store-a.test'`,
    );
    const { tenant, tech } = rows[0];
    const model = await admin.query(
      `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
       select id, 'SC-1', 'Counted', 'LAPTOP', 12, 24 from tenants where slug = 'hq-one' returning id`,
    );
    // 50 tickets, each with its own customer, device, two parts (each moved once) and seven timeline entries.
    await admin.query(
      `with c as (
         insert into customers (tenant_id, name, phone) select $1, 'Customer ' || g, '1390000' || lpad(g::text, 4, '0') from generate_series(1, 50) g returning id, phone
       ), d as (
         insert into devices (tenant_id, customer_id, model_id, serial_number, purchase_source)
         select $1, c.id, $3, 'SC-' || c.phone, 'ELSEWHERE' from c returning id, customer_id
       ), t as (
         insert into tickets (tenant_id, number, type, channel, priority, status, customer_id, device_id, problem, contact_name, contact_phone, assignee_id)
         select $1, 'SC-2026-' || lpad(row_number() over ()::text, 6, '0'), 'REPAIR', 'WALK_IN', 'NORMAL', 'IN_PROGRESS', d.customer_id, d.id, 'Counted problem', 'Counted', '139', $2 from d
         returning id
       ), p as (
         insert into parts_orders (tenant_id, ticket_id, part_number, description, quantity, supplier, ordered_at, expected_on, status)
         select $1, t.id, 'FAN-' || k, 'Fan', 1, 'Supplier', now(), current_date + k, 'ORDERED' from t, generate_series(1, 2) k returning id, expected_on
       ), moved as (
         insert into parts_order_date_changes (tenant_id, parts_order_id, previous_on, expected_on, reason, changed_at)
         select $1, p.id, p.expected_on - 1, p.expected_on, 'supplier', now() from p returning 1
       )
       insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, actor_kind, occurred_at)
       select $1, t.id, 'NOTE', 'INTERNAL', 'entry ' || k, 'SYSTEM', now() + k * interval '1 second' from t, generate_series(1, 7) k`,
      [tenant, tech, model.rows[0].id],
    );
  } finally {
    await admin.end();
  }
  void toGlobalId;
}, 60000);

afterAll(async () => {
  await api.stop();
});

async function statementsFor(n: number): Promise<{ statements: StatementCount; tickets: number; entries: number; dateChanges: number }> {
  const counter = countStatements();
  const result = await api.gql(NESTED, { n }, token);
  const statements = counter.stop();
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  const edges = result.body.data.tickets.edges;
  const dateChanges = edges.flatMap((edge: { node: { partsOrders: { dateChanges: unknown[] }[] } }) =>
    edge.node.partsOrders.flatMap((part) => part.dateChanges),
  );
  return { statements, tickets: edges.length, entries: edges[0].node.recentTimeline.length, dateChanges: dateChanges.length };
}

test('50 tickets with their relations cost the same fixed number of statements as 5', async () => {
  await statementsFor(5); // warm-up: first-use look-ups of the process are not the point here
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(small.tickets).toBe(5);
  expect(large.tickets).toBe(50);
  expect(large.entries).toBe(5);
  expect(large.dateChanges).toBe(100); // every part's one change, each under its own part
  expect(large.statements).toEqual(small.statements);
  // Besides BEGIN, set_config and COMMIT: the caller's check, the page of tickets with their latest entries, customers, devices,
  // assignees, the store (its calendar, for lateness) and the parts with their date changes.
  expect(large.statements).toMatchObject({ begin: 1, setConfig: 1, commit: 1 });
  expect(large.statements.work).toBeLessThanOrEqual(8);
});
