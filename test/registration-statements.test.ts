import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

let api: TestApi;
let admin: Client;
let token: string;
let modelId: string;
const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) { ticket { id number status version customer { id name } device { id serialNumber } } userErrors { field code message } } }`;

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

function trace(): { stop(): string[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  const seen: string[] = [];
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    seen.push((typeof first === 'string' ? first : ((first as { text?: string }).text ?? '')).replace(/\s+/g, ' ').slice(0, 400));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { stop: () => { pg.Client.prototype.query = original; return seen; } };
}

test('trace', async () => {
  const input = (i: number) => ({
    type: 'REPAIR', channel: 'WALK_IN',
    newCustomer: { name: 'Walk-in', phone: `1380000000${i}` },
    newDevice: { modelId, serialNumber: `SN-${i}-${Math.random()}`, purchaseDate: '2026-11-20', purchaseSource: 'THIS_STORE' },
    problem: 'Runs hot',
  });
  await api.gql(REGISTER, { input: input(1) }, token);
  const t = trace();
  const r = await api.gql(REGISTER, { input: input(2) }, token);
  const seen = t.stop();
  console.log(JSON.stringify(r.body).slice(0, 300) + '\n' + seen.map((s, i) => `${i + 1}: ${s}`).join('\n'));
  const t2 = trace();
  const r2 = await api.gql(REGISTER, { input: { type: 'REPAIR', channel: 'PHONE', customerId: r.body.data.registerTicket.ticket.customer.id, problem: 'again' } }, token);
  const seen2 = t2.stop();
  console.log(JSON.stringify(r2.body).slice(0, 300) + '\n' + seen2.map((s, i) => `${i + 1}: ${s}`).join('\n'));
});
