import type { Client } from 'pg';

/**
 * Grows the provisioned test network into one that plans like production:
 * store-a becomes a big store (200,000 tickets by default, most of them
 * closed, with their customers, devices, notes, clock points, awaited parts
 * and scheduled actions), store-b a small one beside it, partner-p gets a
 * long list of work orders and hq-two a thousand stores. Written with
 * set-based SQL on the admin connection in a few seconds; every value is
 * derived from the row's number, so two runs build the same rows.
 */
export interface LargeTenantSizes {
  tickets: number;
  /** Tickets of store-b, the other store of the same database. */
  otherTickets: number;
  workOrders: number;
  networkStores: number;
}

export const LARGE_TENANT: LargeTenantSizes = { tickets: 200_000, otherTickets: 20_000, workOrders: 50_000, networkStores: 1_000 };

/** Values the plan test searches for: each matches a handful of the big store's rows. */
export const SAMPLE = {
  /** Ticket number of the big store's ticket 1234. */
  number: 'BIG-2026-001234',
  /** Phone of customer 1234 (who has a few tickets). */
  phone: '13800001234',
  serial: 'SN-00001234',
  /** A word of the problems of tickets 1234, 1234x (and 1234xx): rare. */
  rareText: '编号1234',
  /** Customers 1234, 1234x, ... are called 顾客1234...: rare. */
  rareName: '顾客1234',
  /** A ticket with a notification scheduled (every fourth). */
  actionTicket: 'BIG-2026-001236',
  /** Two characters, too short for trigrams, in every fifth problem. */
  shortText: '黑屏',
};

const PROBLEMS = ['屏幕碎裂，触摸失灵', '开机黑屏，指示灯不亮', '电池鼓包，续航很短', '键盘进水，部分按键失灵', 'Laptop runs hot and shuts down'];
const OPEN_STATUSES = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_PARTS', 'WAITING_CUSTOMER', 'REOPENED', 'RESOLVED'];

const LOADED_TABLES = [
  'tenants',
  'staff_users',
  'customers',
  'devices',
  'tickets',
  'ticket_events',
  'ticket_clock_points',
  'parts_orders',
  'scheduled_actions',
  'work_orders',
];

function step(): (name: string) => void {
  let last = Date.now();
  return (name) => {
    if (process.env.LARGE_TENANT_TIMING) console.log(`${name}: ${Date.now() - last} ms`);
    last = Date.now();
  };
}

const KINDS = ['wo', 'dispatch', 'tenant', 'staff', 'customer', 'device', 'ticket', 'note', 'part', 'action'];

/**
 * Deterministic uuid for row `i` (an SQL expression) of a kind: the kind in
 * the first group, the number in the last, so that rows arrive in key order
 * and the primary keys grow at their end.
 */
const uuid = (kind: string, i: string) => {
  const [name, salt] = [kind.replace(/\d+$/, ''), Number(/\d+$/.exec(kind)?.[0] ?? 0)];
  const code = (KINDS.indexOf(name) + 1) * 16 + salt;
  return `('${code.toString(16).padStart(8, '0')}-0000-4000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;
};

export async function growLargeTenant(admin: Client, sizes: LargeTenantSizes = LARGE_TENANT): Promise<void> {
  const tenants = await admin.query<{ slug: string; id: string; parent_id: string | null }>(`select slug, id, parent_id from tenants`);
  const idOf = (slug: string) => tenants.rows.find((row) => row.slug === slug)!.id;
  const big = idOf('store-a');
  const hq = idOf('hq-one');
  const model = await admin.query<{ id: string }>(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
     values ($1, 'BIG-LAPTOP', 'Big laptop', 'LAPTOP', 12, 24) returning id`,
    [hq],
  );
  const timer = step();
  await admin.query('begin');
  // Loading rows into bare tables and building their indexes afterwards is many times faster than maintaining
  // them row by row (the trigram indexes above all); the foreign keys are the generator's own doing.
  await admin.query(`set local session_replication_role = replica`);
  await admin.query(`set local maintenance_work_mem = '256MB'`);
  const indexes = await admin.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indrelid
      where c.relname = any ($1) and not i.indisprimary and not i.indisunique
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  for (const index of indexes.rows) await admin.query(`drop index ${index.name}`);
  timer('drop');
  await fillStore(admin, big, 'BIG', model.rows[0].id, sizes.tickets, 0);
  await fillStore(admin, idOf('store-b'), 'SMB', model.rows[0].id, sizes.otherTickets, 1);
  await admin.query(
    `insert into work_orders (tenant_id, id, source_tenant_id, source_dispatch_id, reference, problem, status, created_at)
     select $1::uuid, ${uuid('wo', 'i')}, $2, ${uuid('dispatch', 'i')}, 'BIG-' || i, 'repair ' || i,
            (array['RECEIVED', 'IN_REPAIR', 'WAITING_PARTS', 'REPAIRED', 'RETURNED', 'RETURNED', 'RETURNED', 'RETURNED'])[1 + i % 8],
            timestamptz '2024-01-01 00:00+08' + i * interval '20 minutes'
       from generate_series(1, $3::int) i`,
    [idOf('partner-p'), big, sizes.workOrders],
  );
  await admin.query(
    `insert into tenants (id, parent_id, slug, name, kind, created_at)
     select ${uuid('tenant', 'i')}, $1, 'net-store-' || i, 'Network store ' || i, 'STORE', timestamptz '2020-01-01 00:00+08' + i * interval '1 day'
       from generate_series(1, $2::int) i`,
    [idOf('hq-two'), sizes.networkStores],
  );
  timer('load');
  for (const index of indexes.rows) await admin.query(index.definition);
  timer('index');
  await admin.query('commit');
  // ANALYZE samples 300 rows per statistics target unit at random: with a sample as large as the tables, every run
  // sees the same statistics, so the plans checked do not change from one run to the next.
  await admin.query('set default_statistics_target = 1000');
  for (const table of LOADED_TABLES) await admin.query(`analyze ${table}`);
  await admin.query('reset default_statistics_target');
  timer('analyze');
}

/**
 * One store's rows. Ticket i belongs to customer i % (n/3) (a customer comes
 * back about three times), is registered 5 minutes after ticket i-1, and is
 * open for the newest 5%, closed or cancelled before.
 */
async function fillStore(admin: Client, tenantId: string, prefix: string, modelId: string, tickets: number, salt: number): Promise<void> {
  const timer = step();
  const customers = Math.max(1, Math.floor(tickets / 3));
  const staff = 200;
  const key = (kind: string) => `${kind}${salt}`;
  await admin.query(
    `insert into staff_users (tenant_id, id, email, name, role, created_at)
     select $1::uuid, ${uuid(key('staff'), 'i')}, 'tech' || i || '@${prefix.toLowerCase()}.test', 'Technician ' || i, 'TECHNICIAN',
            timestamptz '2023-01-01 00:00+08' + i * interval '1 day'
       from generate_series(1, $2::int) i`,
    [tenantId, staff],
  );
  timer('staff');
  await admin.query(
    `insert into customers (tenant_id, id, name, phone, tier, created_at)
     select $1::uuid, ${uuid(key('customer'), 'i')}, '顾客' || i, '138' || lpad(i::text, 8, '0'), case when i % 50 = 0 then 'VIP' else 'STANDARD' end,
            timestamptz '2024-01-01 00:00+08' + i * interval '15 minutes'
       from generate_series(1, $2::int) i`,
    [tenantId, customers],
  );
  timer('customers');
  await admin.query(
    `insert into devices (tenant_id, id, customer_id, model_id, serial_number, purchase_source, created_at)
     select $1::uuid, ${uuid(key('device'), 'i')}, ${uuid(key('customer'), 'i')}, $2, 'SN-' || lpad(i::text, 8, '0'), 'ELSEWHERE',
            timestamptz '2024-01-01 00:00+08' + i * interval '15 minutes'
       from generate_series(1, $3::int) i`,
    [tenantId, modelId, customers],
  );
  timer('devices');
  // Ticket i: customer and device 1 + i % customers; open (an open status) for the newest 5%.
  await admin.query(
    `insert into tickets (tenant_id, id, number, type, channel, priority, status, customer_id, device_id, problem, suspected_cause,
                          contact_name, contact_phone, assignee_id, created_at, updated_at, closed_at)
     select $1::uuid, ${uuid(key('ticket'), 'i')}, '${prefix}-2026-' || lpad(i::text, 6, '0'),
            (array['REPAIR', 'REPAIR', 'REPAIR', 'INQUIRY', 'COMPLAINT', 'RETURN_EXCHANGE', 'ONSITE', 'REPAIR'])[1 + i % 8],
            'WALK_IN', (array['NORMAL', 'NORMAL', 'HIGH', 'LOW', 'URGENT', 'NORMAL'])[1 + i % 6],
            case when i > $2::int * 0.95 then ($3::text[])[1 + i % 7] when i % 20 = 0 then 'CANCELLED' else 'CLOSED' end,
            ${uuid(key('customer'), '(1 + i % $4::int)')}, ${uuid(key('device'), '(1 + i % $4::int)')},
            ($5::text[])[1 + i % 5] || ' 编号' || i, case when i % 3 = 0 then '主板 ' || md5(i::text) end,
            '顾客' || (1 + i % $4::int), case when i % 10 = 0 then '139' || lpad(i::text, 8, '0') else '138' || lpad((1 + i % $4::int)::text, 8, '0') end,
            ${uuid(key('staff'), '(1 + i % $6::int)')},
            timestamptz '2024-06-01 00:00+08' + i * interval '5 minutes', timestamptz '2024-06-01 00:00+08' + i * interval '5 minutes',
            case when i <= $2::int * 0.95 then timestamptz '2024-06-03 00:00+08' + i * interval '5 minutes' end
       from generate_series(1, $2::int) i`,
    [tenantId, tickets, OPEN_STATUSES, customers, PROBLEMS, staff],
  );
  timer('tickets');
  // A note on every fourth ticket (what text search reads besides the tickets).
  await admin.query(
    `insert into ticket_events (tenant_id, id, ticket_id, kind, visibility, summary, actor_kind, occurred_at)
     select $1::uuid, ${uuid(key('note'), 'i')}, ${uuid(key('ticket'), 'i')}, 'NOTE', 'INTERNAL', '已联系顾客，备件 ' || md5(i::text), 'SYSTEM',
            timestamptz '2024-06-01 01:00+08' + i * interval '5 minutes'
       from generate_series(4, $2::int, 4) i`,
    [tenantId, tickets],
  );
  timer('notes');
  // Clock points for the open tickets: resolution for all, first contact for half.
  await admin.query(
    `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at)
     select $1::uuid, t.id, m.metric, t.created_at + m.due - interval '2 hours', t.created_at + m.due, t.created_at
       from tickets t
       cross join (values ('RESOLUTION', interval '3 days'), ('FIRST_CONTACT', interval '4 hours')) m (metric, due)
      where t.tenant_id = $1 and t.status not in ('CLOSED', 'CANCELLED', 'RESOLVED')
        and (m.metric = 'RESOLUTION' or t.number like '%0' or t.number like '%2' or t.number like '%4' or t.number like '%6' or t.number like '%8')`,
    [tenantId],
  );
  timer('clock points');
  // Parts: one order for every tenth ticket, those of tickets waiting for parts still awaited.
  await admin.query(
    `insert into parts_orders (tenant_id, id, ticket_id, part_number, description, quantity, supplier, ordered_at, expected_on, arrived_at, status)
     select t.tenant_id, ${uuid(key('part'), 'right(t.number, 6)::int')}, t.id, 'P-' || right(t.number, 6), 'Part', 1, 'Supplier', t.created_at,
            (t.created_at + interval '5 days')::date,
            case when t.status = 'WAITING_PARTS' then null else t.created_at + interval '4 days' end,
            case when t.status = 'WAITING_PARTS' then 'ORDERED' else 'ARRIVED' end
       from tickets t
      where t.tenant_id = $1 and (t.status = 'WAITING_PARTS' or right(t.number, 1) = '0')`,
    [tenantId],
  );
  timer('parts');
  // A notification for every fourth ticket (done, dead for one in a hundred of them), a watch for every open one.
  await admin.query(
    `insert into scheduled_actions (tenant_id, id, kind, idempotency_key, ticket_id, due_at, state, max_attempts, created_at, updated_at)
     select t.tenant_id, ${uuid(key('action'), 'n.i * 2 + k.watch')}, k.kind, k.kind || ':' || t.number, t.id, t.created_at + interval '1 hour',
            case when k.watch = 1 then 'PENDING' when n.i % 400 = 0 then 'DEAD' else 'DONE' end, 5, t.created_at, t.created_at
       from tickets t
       cross join lateral (select right(t.number, 6)::int as i) n
       cross join (values ('NOTIFICATION', 0), ('TICKET_WATCH', 1)) k (kind, watch)
      where t.tenant_id = $1
        and case when k.watch = 1 then t.status not in ('CLOSED', 'CANCELLED') else n.i % 4 = 0 end`,
    [tenantId],
  );
  timer('actions');
}
