import type { ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';

/** How long a message waits for an earlier one to the same customer before it looks again. */
export const MESSAGE_ORDER_WAIT_MS = 2000;

/**
 * Messages to one customer about one ticket go out in the order their causes
 * happened: "resolved" never before "in progress", even when two workers pick
 * them up at once. True when an earlier message is due and still pending (or
 * being sent right now). One that is waiting out a retry delay does not hold
 * the later ones back: news late is better than no news.
 */
export async function earlierMessageOnItsWay(ctx: TenantContext, action: ScheduledAction): Promise<boolean> {
  const recipient = action.payload.recipient as { kind?: string; customerId?: string } | undefined;
  if (!action.ticketId || recipient?.kind !== 'CUSTOMER' || !recipient.customerId) return false;
  const rows = await ctx.em.execute<{ one: number }[]>(
    `select 1 as one from scheduled_actions
      where tenant_id = ? and ticket_id = ? and kind = 'NOTIFICATION' and state = 'PENDING'
        and id <> ? and created_at < ? and due_at <= ? and payload->'recipient'->>'customerId' = ?
      limit 1`,
    [ctx.tenantId, action.ticketId, action.id, action.createdAt, ctx.clock.now(), recipient.customerId],
  );
  return rows.length > 0;
}
