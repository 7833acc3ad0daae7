import { Collection, Entity, ManyToOne, OneToMany, PrimaryKey, PrimaryKeyProp, Property, Ref, ref } from '@mikro-orm/core';
import { DatabaseSchema, SchemaComparator } from '@mikro-orm/knex';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * What MikroORM's relations do over our composite keys, under Row Level
 * Security (recorded in docs/architecture.md, "Relations over the composite
 * key"). The entities below map three real tables (only the columns this
 * needs) with the relations declared over (tenant_id, id): a ticket's customer
 * and a ticket's timeline. The tenant_id column is shared by the row's own key
 * and the relation's foreign key, as in every table of ours.
 */
@Entity({ tableName: 'customers' })
class RelCustomer {
  [PrimaryKeyProp]?: ['tenantId', 'id'];
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
}

@Entity({ tableName: 'tickets' })
class RelTicket {
  [PrimaryKeyProp]?: ['tenantId', 'id'];
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) number!: string;
  @ManyToOne(() => RelCustomer, {
    fieldNames: ['tenant_id', 'customer_id'],
    ref: true,
    updateRule: 'no action',
    foreignKeyName: 'tickets_tenant_id_customer_id_fkey',
  })
  customer!: Ref<RelCustomer>;
  @OneToMany(() => RelTicketEvent, (event) => event.ticket, { orderBy: { occurredAt: 'asc', id: 'asc' } })
  events = new Collection<RelTicketEvent>(this);
}

@Entity({ tableName: 'ticket_events' })
class RelTicketEvent {
  [PrimaryKeyProp]?: ['tenantId', 'id'];
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @ManyToOne(() => RelTicket, {
    fieldNames: ['tenant_id', 'ticket_id'],
    ref: true,
    updateRule: 'no action',
    foreignKeyName: 'ticket_events_tenant_id_ticket_id_fkey',
  })
  ticket!: Ref<RelTicket>;
  @Property({ type: 'text' }) kind!: string;
  @Property({ type: 'text' }) visibility!: string;
  @Property({ type: 'text' }) summary!: string;
  @Property({ type: 'text' }) actorKind!: string;
  @Property({ type: 'datetime' }) occurredAt!: Date;
}

/**
 * Our entities keep the foreign key's own column as a scalar (`customerId`), which the services,
 * the global ids and the filters use. Beside a relation over a composite key, MikroORM accepts
 * the scalar only as the read-only side (`persist: false`; the other way round it refuses to
 * start): the relation writes the column, the scalar merely reads it.
 */
@Entity({ tableName: 'tickets' })
class RelTicketWithScalar {
  [PrimaryKeyProp]?: ['tenantId', 'id'];
  @PrimaryKey({ type: 'uuid' }) tenantId!: string;
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) number!: string;
  @Property({ type: 'uuid', persist: false }) customerId!: string;
  @ManyToOne(() => RelCustomer, { fieldNames: ['tenant_id', 'customer_id'], ref: true })
  customer!: Ref<RelCustomer>;
}

const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';
const TICKETS_PER_TENANT = 5;

let db: TestDatabase;
let admin: Client;
let orm: MikroORM;
const statements: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  for (const [tenant, slug] of [
    [TENANT_A, 'rel-a'],
    [TENANT_B, 'rel-b'],
  ]) {
    await admin.query(`insert into tenants (id, slug, name, kind) values ($1, $2, $2, 'HQ')`, [tenant, slug]);
    for (let i = 0; i < TICKETS_PER_TENANT; i++) {
      const customer = await admin.query<{ id: string }>(`insert into customers (tenant_id, name, phone) values ($1, $2, '13800138000') returning id`, [
        tenant,
        `${slug} customer ${i}`,
      ]);
      const ticket = await admin.query<{ id: string }>(
        `insert into tickets (tenant_id, number, type, channel, priority, status, customer_id, problem, contact_name, contact_phone)
         values ($1, $2, 'REPAIR', 'WALK_IN', 'NORMAL', 'NEW', $3, 'broken', 'x', '13800138000') returning id`,
        [tenant, `${slug}-${i}`, customer.rows[0].id],
      );
      for (const summary of ['registered', 'assigned']) {
        await admin.query(
          `insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, actor_kind) values ($1, $2, 'NOTE', 'INTERNAL', $3, 'SYSTEM')`,
          [tenant, ticket.rows[0].id, summary],
        );
      }
    }
  }
  orm = await MikroORM.init({
    clientUrl: db.appUrl, // the runtime role: no BYPASSRLS
    entities: [RelCustomer, RelTicket, RelTicketEvent],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: ['query'],
    colors: false,
    logger: (message) => statements.push(message),
  });
}, 60000);

afterAll(async () => {
  await orm?.close(true);
  await admin?.end();
  await db?.drop();
});

async function asTenant<T>(tenantId: string, work: (em: MikroORM['em']) => Promise<T>, on: MikroORM = orm): Promise<T> {
  const em = on.em.fork({ clear: true });
  await em.begin();
  try {
    await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    return await work(em);
  } finally {
    await em.rollback();
  }
}

test('the schema generator reads the relations as the foreign keys the migrations declare', async () => {
  const platform = orm.em.getPlatform();
  const migrated = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, undefined, undefined, undefined, []);
  const diff = new SchemaComparator(platform).compare(migrated, orm.getSchemaGenerator().getTargetSchema());
  const fks = Object.fromEntries(
    ['tickets', 'ticket_events'].map((table) => {
      const changed = diff.changedTables[`public.${table}`] ?? diff.changedTables[table];
      return [
        table,
        {
          added: Object.values(changed?.addedForeignKeys ?? {}),
          changed: Object.values(changed?.changedForeignKeys ?? {}),
          indexes: Object.keys(changed?.addedIndexes ?? {}),
        },
      ];
    }),
  );
  // Declared with the migrations' name and rule (PostgreSQL's `_fkey` name, no action on update where
  // MikroORM would say `_foreign` and cascade),
  // the relations are the existing foreign keys, and no index is asked for beyond the SQL ones.
  expect(fks).toEqual({ tickets: { added: [], changed: [], indexes: [] }, ticket_events: { added: [], changed: [], indexes: [] } });
});

const selects = (from: number) => statements.slice(from).filter((line) => /\bselect\b/i.test(line) && !/set_config/.test(line));

test('populate over the composite key: one statement per relation for a whole page, and only the tenant’s rows', async () => {
  await asTenant(TENANT_A, async (em) => {
    const tickets = await em.find(RelTicket, {}, { orderBy: { number: 'asc' } });
    expect(tickets).toHaveLength(TICKETS_PER_TENANT); // RLS: tenant B's tickets are not there
    const before = statements.length;
    await em.populate(tickets, ['customer', 'events']);
    const issued = selects(before);
    expect(issued).toHaveLength(2); // customers, then events: one each, whatever the page size
    expect(issued[0]).toMatch(/from "customers" as "\w+" where \("\w+"\."tenant_id", "\w+"\."id"\) in/);
    expect(issued[1]).toMatch(/from "ticket_events" as "\w+" where \("\w+"\."tenant_id", "\w+"\."ticket_id"\) in/);
    for (const ticket of tickets) {
      expect(ticket.customer.getEntity().tenantId).toBe(TENANT_A);
      expect(ticket.events.getItems().map((event) => event.summary)).toEqual(['registered', 'assigned']);
    }
  });
});

test('references load in one batch with the dataloader, like the hand-written per-request loaders', async () => {
  await asTenant(TENANT_A, async (em) => {
    const tickets = await em.find(RelTicket, {});
    const before = statements.length;
    const customers = await Promise.all(tickets.map((ticket) => ticket.customer.load({ dataloader: true })));
    expect(customers.every((customer) => customer?.tenantId === TENANT_A)).toBe(true);
    expect(selects(before)).toHaveLength(1);
  });
});

test('collections load in one batch with the dataloader, each with its own rows in the declared order', async () => {
  await asTenant(TENANT_A, async (em) => {
    const tickets = await em.find(RelTicket, {});
    const before = statements.length;
    const timelines = await Promise.all(tickets.map((ticket) => ticket.events.load({ dataloader: true })));
    expect(selects(before)).toHaveLength(1);
    timelines.forEach((events, i) => {
      expect(events.getItems().map((event) => event.summary)).toEqual(['registered', 'assigned']);
      expect(events.getItems().every((event) => event.ticket.id === tickets[i].id)).toBe(true);
    });
  });
});

test('a reference into another tenant resolves to nothing: RLS still decides', async () => {
  const foreign = (await admin.query<{ customer_id: string }>(`select customer_id from tickets where tenant_id = $1 limit 1`, [TENANT_B])).rows[0];
  await asTenant(TENANT_A, async (em) => {
    expect(await em.findOne(RelCustomer, { tenantId: TENANT_B, id: foreign.customer_id })).toBeNull();
    // A reference spelled with tenant B's key loads nothing for tenant A.
    const reference = em.getReference(RelCustomer, [TENANT_B, foreign.customer_id]);
    expect(await ref(reference).load()).toBeNull();
  });
});

test('writing through a relation: the shared tenant_id is written once, with the row’s own key', async () => {
  const events = await asTenant(TENANT_A, async (em) => {
    const ticket = await em.findOneOrFail(RelTicket, { number: 'rel-a-0' });
    const event = em.create(RelTicketEvent, {
      tenantId: TENANT_A,
      id: '00000000-0000-4000-8000-0000000000e1',
      ticket: ref(ticket),
      kind: 'NOTE',
      visibility: 'INTERNAL',
      summary: 'through a relation',
      actorKind: 'SYSTEM',
      occurredAt: new Date(),
    });
    const before = statements.length;
    await em.flush();
    const insert = statements.slice(before).find((line) => /insert into "ticket_events"/.test(line)) ?? '';
    expect(insert.match(/"tenant_id"/g)).toHaveLength(1);
    await em.refresh(event);
    return (await em.find(RelTicketEvent, { ticket }, { orderBy: { occurredAt: 'asc' } })).map((e) => e.summary);
  });
  expect(events).toContain('through a relation');
});

test('beside the scalar key column: the relation populates in one statement, and only the relation writes the column', async () => {
  const beside = await MikroORM.init({
    clientUrl: db.appUrl,
    entities: [RelCustomer, RelTicketWithScalar],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: ['query'],
    colors: false,
    logger: (message) => statements.push(message),
  });
  try {
    await asTenant(
      TENANT_A,
      async (em) => {
        const tickets = await em.find(RelTicketWithScalar, {});
        const before = statements.length;
        await em.populate(tickets, ['customer']);
        expect(selects(before)).toHaveLength(1);
        for (const ticket of tickets) expect(ticket.customer.getEntity().id).toBe(ticket.customerId);
        // The read-only scalar still filters, as the services' look-ups by key do.
        const byScalar = await em.find(RelTicketWithScalar, { customerId: { $in: [tickets[2].customerId] } });
        expect(byScalar.map((found) => found.id)).toEqual([tickets[2].id]);
        const [ticket, other] = tickets;
        // Setting the scalar alone changes nothing in the database: every write would have to go through the relation.
        ticket.customerId = other.customerId;
        const beforeScalar = statements.length;
        await em.flush();
        expect(statements.slice(beforeScalar).filter((line) => /update "tickets"/.test(line))).toEqual([]);
        ticket.customer = other.customer;
        const beforeRelation = statements.length;
        await em.flush();
        const update = statements.slice(beforeRelation).find((line) => /update "tickets"/.test(line)) ?? '';
        expect(update.match(/"customer_id"/g)).toHaveLength(1);
        // The shared column is written again, with the row's own value (the relation's tenant is the row's).
        expect(update).toMatch(/^\[query\] update "tickets" set "tenant_id" = \$1, "customer_id" = \$2 where "tenant_id" = \$3 and "id" = \$4/);
        const stored = await em.execute<{ tenant_id: string; customer_id: string }[]>(`select tenant_id, customer_id from tickets where id = ?`, [ticket.id]);
        expect(stored[0]).toEqual({ tenant_id: TENANT_A, customer_id: other.customerId });
      },
      beside,
    );
  } finally {
    await beside.close(true);
  }
});
