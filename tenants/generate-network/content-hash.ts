import type { Client } from 'pg';

/**
 * A fingerprint of the generated network's content, by natural keys (slugs,
 * ticket numbers, e-mails, serials) rather than row ids or write times: two
 * runs with the same seed and as-of instant must print the same one.
 * Order-independent sums of row hashes, so it costs one scan per table.
 */
const PARTS: Record<string, string> = {
  tenants: `select t.slug || '|' || t.kind || '|' || t.name || '|' || coalesce(p.slug, '') as row from tenants t left join tenants p on p.id = t.parent_id`,
  staff: `select t.slug || '|' || u.email || '|' || u.name || '|' || u.role as row from staff_users u join tenants t on t.id = u.tenant_id`,
  customers: `select c.id || '|' || c.name || '|' || c.phone || '|' || c.tier || '|' || coalesce(c.email, '') as row from customers c`,
  devices: `select d.id || '|' || d.customer_id || '|' || d.serial_number || '|' || m.model_code || '|' || d.purchase_source as row
              from devices d join product_models m on m.id = d.model_id`,
  tickets: `select t.id || '|' || t.number || '|' || t.status || '|' || t.type || '|' || t.channel || '|' || t.priority || '|' || t.customer_id
                   || '|' || coalesce(t.device_id::text, '') || '|' || coalesce(t.assignee_id::text, '') || '|' || t.created_at || '|'
                   || coalesce(t.closed_at::text, '') || '|' || t.contact_phone as row from tickets t`,
  timeline: `select e.ticket_id || '|' || e.kind || '|' || e.summary || '|' || e.occurred_at || '|' || e.data::text as row from ticket_events e`,
  parts: `select p.ticket_id || '|' || p.part_number || '|' || p.expected_on || '|' || p.status as row from parts_orders p`,
  clockPoints: `select p.ticket_id || '|' || p.metric || '|' || p.at_risk_at || '|' || p.due_at as row from ticket_clock_points p`,
};

export interface ContentHash {
  counts: Record<string, number>;
  hash: string;
}

export async function networkContentHash(admin: Client): Promise<ContentHash> {
  const counts: Record<string, number> = {};
  const sums: string[] = [];
  for (const [name, rows] of Object.entries(PARTS)) {
    const { rows: result } = await admin.query<{ n: string; sum: string | null }>(
      `select count(*) as n, sum(hashtextextended(row, 0)::numeric) as sum from (${rows}) r`,
    );
    counts[name] = Number(result[0].n);
    sums.push(`${name}:${result[0].n}:${result[0].sum ?? 0}`);
  }
  const { rows } = await admin.query<{ hash: string }>('select md5($1) as hash', [sums.join(';')]);
  return { counts, hash: rows[0].hash };
}
