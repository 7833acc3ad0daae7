import type { Client } from 'pg';

/**
 * `count` tickets of a store of the test network, each with its own customer
 * and device, assigned to the store's technician, with two parts on order
 * (each moved once, neither late) and seven timeline entries: the nested read
 * of a ticket list, counted by its test and measured by its benchmark.
 */
export async function seedNestedTickets(admin: Client, store: string, count: number): Promise<void> {
  const { rows } = await admin.query(
    `select t.id as tenant, t.parent_id as hq, s.id as tech from tenants t join staff_users s on s.tenant_id = t.id
     where t.slug = $1 and s.email = 'tech@' || $1 || '.test'`,
    [store],
  );
  const { tenant, hq, tech } = rows[0];
  const model = await admin.query(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
     values ($1, 'SC-1', 'Counted', 'LAPTOP', 12, 24) returning id`,
    [hq],
  );
  await admin.query(
    `with c as (
       insert into customers (tenant_id, name, phone) select $1, 'Customer ' || g, '1390000' || lpad(g::text, 4, '0') from generate_series(1, $4::int) g returning id, phone
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
    [tenant, tech, model.rows[0].id, count],
  );
}
