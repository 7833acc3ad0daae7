import type { TenantContext } from '../context';
import type { DomainEventType, EventOf } from '../events/domain-events';

/**
 * The customer-care figures' facts (`ticket_care_facts`, `callback_care_facts`)
 * written again from the rows they describe, in the caller's transaction: the
 * tickets `scope` selects (alias `t`) get their row, and each of their
 * callbacks its row, in one statement. The same statement serves a change
 * (one ticket and the tickets on its device) and the rebuild (a batch of a
 * store's tickets), so the two cannot disagree.
 */
async function writeCareFacts(ctx: TenantContext, scope: { sql: string; params: unknown[] }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.em.execute(
    `with scope as (
       select t.tenant_id, t.id, t.created_at, t.type, t.channel, t.priority, t.device_id, t.result_reported_at, t.resolved_at, s.time_zone
         from tickets t join tenants s on s.id = t.tenant_id
        where ${scope.sql}
     ),
     ticket_rows as (
       insert into ticket_care_facts (tenant_id, ticket_id, registered_at, local_date, ticket_type, channel, priority, device_id,
                                      result_reported_at, called_back, resolved_at, resolved_local_date, returned_at, computed_at)
       select t.tenant_id, t.id, t.created_at, (t.created_at at time zone t.time_zone)::date, t.type, t.channel, t.priority, t.device_id,
              t.result_reported_at,
              exists (select 1 from callbacks c where c.tenant_id = t.tenant_id and c.ticket_id = t.id and c.state in ('ANSWERED', 'CALLED_BY_PHONE')),
              t.resolved_at, (t.resolved_at at time zone t.time_zone)::date,
              -- The same device registered again after this resolution: the first such ticket.
              (select min(n.created_at) from tickets n
                where t.device_id is not null and n.tenant_id = t.tenant_id and n.device_id = t.device_id and n.id <> t.id and n.created_at > t.resolved_at),
              ?::timestamptz
         from scope t
       on conflict (tenant_id, ticket_id) do update
          set registered_at = excluded.registered_at, local_date = excluded.local_date, ticket_type = excluded.ticket_type,
              channel = excluded.channel, priority = excluded.priority, device_id = excluded.device_id,
              result_reported_at = excluded.result_reported_at, called_back = excluded.called_back, resolved_at = excluded.resolved_at,
              resolved_local_date = excluded.resolved_local_date, returned_at = excluded.returned_at, computed_at = excluded.computed_at
     )
     insert into callback_care_facts (tenant_id, callback_id, ticket_id, resolved_at, local_date, ticket_type, channel, priority, paid_service,
                                      state, sent_at, score, answered_at, reopened, computed_at)
     select c.tenant_id, c.id, c.ticket_id, c.resolved_at, (c.resolved_at at time zone t.time_zone)::date, t.type, t.channel, t.priority,
            t.type = 'PAID_SERVICE'
              or exists (select 1 from service_orders o where o.tenant_id = t.tenant_id and o.ticket_id = t.id and o.paid_at is not null),
            c.state, c.sent_at, c.score, c.answered_at,
            c.answered_at is not null
              and exists (select 1 from ticket_events e
                           where e.tenant_id = c.tenant_id and e.ticket_id = c.ticket_id and e.kind = 'STATUS_CHANGED'
                             and e.data->>'to' = 'REOPENED' and e.occurred_at >= c.answered_at),
            ?::timestamptz
       from callbacks c join scope t on t.tenant_id = c.tenant_id and t.id = c.ticket_id
     on conflict (tenant_id, callback_id) do update
        set resolved_at = excluded.resolved_at, local_date = excluded.local_date, ticket_type = excluded.ticket_type, channel = excluded.channel,
            priority = excluded.priority, paid_service = excluded.paid_service, state = excluded.state, sent_at = excluded.sent_at,
            score = excluded.score, answered_at = excluded.answered_at, reopened = excluded.reopened, computed_at = excluded.computed_at`,
    [...scope.params, now, now],
  );
}

/**
 * A ticket changed: its care facts follow, with those of the other tickets on
 * its device (a new registration brings an earlier repair back). What the
 * change wrote through the ORM is flushed first, since the facts are read
 * from the tables.
 */
export async function recordCareFacts(ctx: TenantContext, { ticket }: EventOf<CareChange>): Promise<void> {
  await ctx.em.flush();
  await writeCareFacts(ctx, {
    sql: `t.tenant_id = ? and (t.id = ? or (?::uuid is not null and t.device_id = ?::uuid))`,
    params: [ticket.tenantId, ticket.id, ticket.deviceId ?? null, ticket.deviceId ?? null],
  });
}

/** The changes the care facts follow. */
export const CARE_CHANGES = [
  'TicketRegistered',
  'TicketMoved',
  'TicketDetailsChanged',
  'ComplaintResultReported',
  'CallbackChanged',
  'ServiceOrderPaid',
] as const satisfies readonly DomainEventType[];

type CareChange = (typeof CARE_CHANGES)[number];

/**
 * Writes one batch of a store's care facts again from its tickets (in id
 * order, after `after`); returns the last ticket id of the batch, or null once
 * the store is done.
 */
export async function rebuildCareFacts(ctx: TenantContext, after: string | null, batch = 500): Promise<{ rebuilt: number; last: string | null }> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    `select id from tickets where tenant_id = ?${after ? ' and id > ?' : ''} order by id limit ?`,
    after ? [ctx.tenantId, after, batch] : [ctx.tenantId, batch],
  );
  if (rows.length) await writeCareFacts(ctx, { sql: 't.tenant_id = ? and t.id in (?)', params: [ctx.tenantId, rows.map((row) => row.id)] });
  return { rebuilt: rows.length, last: rows.length === batch ? rows[rows.length - 1].id : null };
}
