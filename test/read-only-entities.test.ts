import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { TicketSort } from '../core/desk-enums';
import { TenantKind } from '../core/enums';
import { SYSTEM_PRINCIPAL, type TenantContext } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { searchTickets } from '../domain/tickets/ticket-search';
import { Ticket } from '../schema/entities';
import { insertTicket, uuidOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * A page of tickets is read, not edited: its tickets and the rows read with
 * them are not in the request's unit of work (no snapshot of them, nothing
 * compared at the commit's flush), yet they are whole entities, typed as the
 * entity says, and a ticket the request manages already comes back as itself.
 */
let api: TestApi;
let admin: Client;
let storeA: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
  for (let i = 0; i < 3; i++) await insertTicket(admin, { problem: `Overheats ${i}` });
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

const inStoreA = <T>(work: (ctx: TenantContext) => Promise<T>) =>
  inTenantTransaction(api.orm, storeA, (em) => work({ tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }));

test('a page of tickets and its customers are whole entities outside the unit of work, and a change to them is never saved', async () => {
  const page = await inStoreA(async (ctx) => {
    const found = await searchTickets(ctx, {}, TicketSort.NEWEST, { first: 10 }, { customer: true });
    expect(found.items).toHaveLength(3);
    for (const ticket of found.items) {
      expect(ticket).toBeInstanceOf(Ticket);
      expect(ticket.createdAt).toBeInstanceOf(Date);
      expect(ctx.em.getUnitOfWork().getById(Ticket.name, ticket.id)).toBeUndefined();
    }
    expect(found.related.customers).toHaveLength(3);
    expect(ctx.em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    found.items[0].problem = 'changed on a read page';
    await ctx.em.flush();
    return found;
  });
  const { rows } = await admin.query<{ problem: string }>(`select problem from tickets where id = $1`, [page.items[0].id]);
  expect(rows[0].problem).toMatch(/^Overheats/);
});

test('a ticket the request already manages comes back from the page as that same entity', async () => {
  const id = uuidOf(await insertTicket(admin, { problem: 'Managed first' }));
  await inStoreA(async (ctx) => {
    const managed = await ctx.em.findOneOrFail(Ticket, { tenantId: storeA, id });
    const found = await searchTickets(ctx, {}, TicketSort.NEWEST, { first: 10 });
    expect(found.items.find((ticket) => ticket.id === id)).toBe(managed);
  });
});
