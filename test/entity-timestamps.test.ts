import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Every timestamp comes from the one clock the process runs on. On a shifted
 * clock (a demo's, a test's) a row's `updated_at` is stamped by that clock,
 * like its `created_at`: it is never before it, and a change shows the time
 * on the clock, not the machine's.
 */
const clock = new ManualClock(new Date('2030-04-08T10:00:00+08:00')); // years ahead of the machine's time
let api: TestApi;
let admin: Client;
let token: string;

const gql = async (query: string, variables: Record<string, unknown>) => {
  const response = await api.gql(query, variables, token);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  const payload = Object.values(response.body.data as Record<string, { userErrors?: unknown[] }>)[0];
  if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
  return response.body.data;
};

beforeAll(async () => {
  api = await startTestApi({ clock });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  // An API key does not expire as the clock moves on.
  const manager = await api.login('store-a', 'manager@store-a.test');
  token = (await api.gql(`mutation { createApiKey(input: { name: "desk", role: STORE_MANAGER }) { secret } }`, undefined, manager)).body.data.createApiKey
    .secret;
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

test('created and changed on a clock far from the machine’s: updatedAt is the clock’s time, never before createdAt', async () => {
  const registered = await gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id customer { id } } userErrors { code message } } }`,
    {
      i: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        problem: 'Screen flickers',
        newCustomer: { name: 'Zhou Jie', phone: '13600136000', email: 'zhou@example.test' },
      },
    },
  );
  const ticketId = registered.registerTicket.ticket.id;
  const customerId = registered.registerTicket.ticket.customer.id;
  const tech = await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`);

  clock.advance(3600_000);
  await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, assigneeId: toGlobalId('StaffUser', tech.rows[0].id) },
  });
  await gql(`mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { userErrors { code message } } }`, {
    i: { id: customerId, address: '5 Zhongguancun Street' },
  });
  const part = await gql(`mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id } userErrors { code message } } }`, {
    i: { ticketId, partNumber: 'LCD-1', description: 'screen', quantity: 1, supplier: 'Parts Hub', expectedOn: '2030-04-10' },
  });
  clock.advance(3600_000);
  await gql(`mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code message } } }`, {
    i: { partsOrderId: part.orderPart.partsOrder.id, expectedOn: '2030-04-12', reason: 'supplier' },
  });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });

  const read = await gql(`query($id: ID!) { ticket(id: $id) { createdAt updatedAt customer { createdAt updatedAt } } }`, { id: ticketId });
  expect(read.ticket.createdAt).toBe('2030-04-08T02:00:00.000Z');
  expect(read.ticket.updatedAt).toBe(clock.now().toISOString());
  expect(read.ticket.customer).toEqual({ createdAt: '2030-04-08T02:00:00.000Z', updatedAt: '2030-04-08T03:00:00.000Z' });

  // Across every table that has both: nothing was changed "before" it was made.
  const tables = await admin.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name in ('created_at', 'updated_at')
      group by table_name having count(*) = 2 order by table_name`,
  );
  expect(tables.rows.length).toBeGreaterThan(15);
  const backwards: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from ${table} where updated_at < created_at`);
    if (rows[0].n > 0) backwards.push(`${table}: ${rows[0].n}`);
  }
  expect(backwards).toEqual([]);
  // And what changed under the clock carries its time: the parts order, its ticket's scheduled actions.
  const { rows: stale } = await admin.query(
    `select 'parts_orders' as t, updated_at from parts_orders where updated_at < '2030-01-01'
     union all select 'scheduled_actions', updated_at from scheduled_actions where updated_at < '2030-01-01'`,
  );
  expect(stale).toEqual([]);
});
