import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { countStatements, StatementCount } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * A registration's SQL statements, counted at the driver, so that the count
 * cannot grow unnoticed. It was 28 (7 inserts): the store and its HQ were read
 * three times, the serial looked up before the unique key refused it anyway,
 * the new ticket's idempotency keys looked for, and the customer and device
 * read back after they were written.
 */
let api: TestApi;
let admin: Client;
let token: string;
let modelId: string;
const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) {
  ticket { id number status customer { id name } device { id serialNumber } } userErrors { field code message } } }`;

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const { rows } = await admin.query(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months, main_part_categories)
     select id, 'TK-14', 'ThinkBook 14', 'LAPTOP', 12, 24, '{CPU,MOTHERBOARD,DISK,SCREEN}' from tenants where slug = 'hq-one' returning id`,
  );
  modelId = toGlobalId('ProductModel', rows[0].id);
  token = await api.login('store-a', 'agent@store-a.test');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

let n = 0;
function newCustomerAndDevice(): Record<string, unknown> {
  n += 1;
  return {
    type: 'REPAIR',
    channel: 'WALK_IN',
    newCustomer: { name: 'Walk-in', phone: `1380000${String(n).padStart(4, '0')}` },
    newDevice: { modelId, serialNumber: `SN-COUNT-${n}`, purchaseDate: '2026-11-20', purchaseSource: 'THIS_STORE' },
    problem: 'Runs hot',
  };
}

async function counted(input: Record<string, unknown>): Promise<{ statements: StatementCount; ticket: { customer: { id: string }; device: unknown } }> {
  const counter = countStatements();
  const result = await api.gql(REGISTER, { input }, token);
  const statements = counter.stop();
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  expect(result.body.data.registerTicket.userErrors).toEqual([]);
  return { statements, ticket: result.body.data.registerTicket.ticket };
}

test('a registration with a new customer and a new device costs 19 statements, 8 of them inserts', async () => {
  await counted(newCustomerAndDevice()); // first-use look-ups of the process are not the point here
  const inserts = countInserts();
  const { statements, ticket } = await counted(newCustomerAndDevice());
  expect(inserts.stop()).toBe(8); // customer, device, ticket, webhook event, status link, message, timeline entry, audit entry
  expect(ticket.device).not.toBeNull();
  // Besides BEGIN, the tenant binding (with the caller's check) and COMMIT: the savepoint and its release, the store with its HQ, the model,
  // the standard, the ticket number, the partner endpoints, the 8 inserts and the one statement that writes the care facts (the
  // ticket's, and those of the other tickets on its device); the payload's customer and device are not read back.
  expect(statements).toEqual({ total: 19, begin: 1, commit: 1, setConfig: 1, work: 16 });
});

test('a registration for an existing customer costs 17 statements', async () => {
  const first = await counted(newCustomerAndDevice());
  const { statements } = await counted({ type: 'REPAIR', channel: 'PHONE', customerId: first.ticket.customer.id, problem: 'Again' });
  expect(statements).toEqual({ total: 17, begin: 1, commit: 1, setConfig: 1, work: 14 });
});

test('a serial already registered is still refused, and leaves nothing behind', async () => {
  const input = newCustomerAndDevice();
  await counted(input);
  const before = (await admin.query(`select count(*)::int c from customers`)).rows[0].c;
  const again = await api.gql(REGISTER, { input: { ...input, newCustomer: { name: 'Other', phone: '13899999999' } } }, token);
  expect(again.body.data.registerTicket.ticket).toBeNull();
  expect(again.body.data.registerTicket.userErrors[0]).toMatchObject({ code: 'SERIAL_TAKEN' });
  expect((await admin.query(`select count(*)::int c from customers`)).rows[0].c).toBe(before);
});

/** Counts INSERT statements sent at the driver until `stop`. */
function countInserts(): { stop(): number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  let inserts = 0;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (/^\s*insert/i.test(text)) inserts += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    stop() {
      pg.Client.prototype.query = original;
      return inserts;
    },
  };
}
