import type { Client } from 'pg';
import { fromGlobalId, toGlobalId } from '../../core/global-id';

/**
 * Desk rows written straight into the database on the admin connection, for
 * tests of what hangs off a ticket: a customer and a ticket (optionally with a
 * device of a catalogue model) without going through registration.
 */
export interface TicketFixtureOptions {
  /** Slug of the store; default `store-a`. */
  store?: string;
  /** Default REPAIR. */
  type?: string;
  /** Default IN_PROGRESS. */
  status?: string;
  problem?: string;
  contactAddress?: string | null;
  /** Gives the ticket a device of this model (created in the store's HQ catalogue when missing). */
  device?: { modelCode: string; serialNumber: string };
}

let counter = 0;

/** Inserts a customer and a ticket; returns the ticket's global id. */
export async function insertTicket(admin: Client, options: TicketFixtureOptions = {}): Promise<string> {
  const store = options.store ?? 'store-a';
  const tenant = await admin.query<{ id: string; parent_id: string }>(`select id, parent_id from tenants where slug = $1`, [store]);
  if (!tenant.rows[0]) throw new Error(`no tenant ${store}`);
  const { id: tenantId, parent_id: hqId } = tenant.rows[0];
  counter += 1;
  const number = `TST-2026-${String(counter).padStart(6, '0')}`;
  const phone = `1370000${String(counter).padStart(4, '0')}`;
  const customer = await admin.query<{ id: string }>(`insert into customers (tenant_id, name, phone, address) values ($1, $2, $3, $4) returning id`, [
    tenantId,
    `Fixture Customer ${counter}`,
    phone,
    options.contactAddress ?? null,
  ]);
  const customerId = customer.rows[0].id;
  let deviceId: string | null = null;
  if (options.device) {
    const model = await admin.query<{ id: string }>(
      `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
       values ($1, $2, $2, 'LAPTOP', 12, 24)
       on conflict (tenant_id, model_code) do update set name = excluded.name
       returning id`,
      [hqId, options.device.modelCode],
    );
    const device = await admin.query<{ id: string }>(
      `insert into devices (tenant_id, customer_id, model_id, serial_number, purchase_source) values ($1, $2, $3, $4, 'ELSEWHERE') returning id`,
      [tenantId, customerId, model.rows[0].id, options.device.serialNumber],
    );
    deviceId = device.rows[0].id;
  }
  const ticket = await admin.query<{ id: string }>(
    `insert into tickets (tenant_id, number, type, channel, priority, status, customer_id, device_id, problem, contact_name, contact_phone, contact_address)
     values ($1, $2, $3, 'WALK_IN', 'NORMAL', $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      tenantId,
      number,
      options.type ?? 'REPAIR',
      options.status ?? 'IN_PROGRESS',
      customerId,
      deviceId,
      options.problem ?? 'Laptop runs hot and shuts down under load',
      `Fixture Customer ${counter}`,
      phone,
      options.contactAddress ?? null,
    ],
  );
  return toGlobalId('Ticket', ticket.rows[0].id);
}

/** The uuid behind a global id, for SQL. */
export function uuidOf(globalId: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw new Error(`not a global id: ${globalId}`);
  return decoded.id;
}

export interface TimelineRow {
  kind: string;
  visibility: string;
  summary: string;
  data: Record<string, unknown>;
  actor_kind: string;
}

/** A ticket's timeline, in the order it was written. */
export async function timelineOf(admin: Client, ticketGlobalId: string): Promise<TimelineRow[]> {
  const { rows } = await admin.query<TimelineRow>(
    `select kind, visibility, summary, data, actor_kind from ticket_events where ticket_id = $1 order by occurred_at, seq`,
    [uuidOf(ticketGlobalId)],
  );
  return rows;
}

/** A global id of a tenant, by slug. */
export async function tenantGlobalId(admin: Client, slug: string): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(`select id from tenants where slug = $1`, [slug]);
  if (!rows[0]) throw new Error(`no tenant ${slug}`);
  return toGlobalId('Tenant', rows[0].id);
}

/** A global id of a staff user, by e-mail. */
export async function staffGlobalId(admin: Client, email: string): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(`select id from staff_users where email = $1`, [email]);
  if (!rows[0]) throw new Error(`no staff user ${email}`);
  return toGlobalId('StaffUser', rows[0].id);
}
