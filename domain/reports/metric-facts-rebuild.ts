import { Tenant, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { clockRuns } from '../standards/clock-runs';
import { clockInputsInBulk } from '../standards/clocks-in-bulk';
import { storeMetricFacts } from './metric-facts';
import { rebuildMetricRollups } from './metric-rollups';
import { storeVolumeFacts } from './volume-facts';

/**
 * Writes one batch of a store's service-figure and ticket-volume facts again
 * from its tickets' history, as the writes made while they changed would have
 * left them: every ticket under a standard (in id order, after `after`) gets
 * the runs its clocks measure now and its volume rows; on the first batch the
 * facts of tickets without a standard go; the last batch counts the store's
 * `ticket_metric_rollups` again from its facts. Returns the last ticket id of
 * the batch, or null once the store is done; each batch is meant for a
 * transaction of its own.
 */
export async function rebuildMetricFacts(ctx: TenantContext, after: string | null, batch = 200): Promise<{ rebuilt: number; last: string | null }> {
  if (!after) {
    await ctx.em.execute(
      `delete from ticket_metric_facts f using tickets t
        where f.tenant_id = ? and t.tenant_id = f.tenant_id and t.id = f.ticket_id and t.sla_standard is null`,
      [ctx.tenantId],
    );
    await ctx.em.execute(
      `delete from ticket_volume_facts f using tickets t
        where f.tenant_id = ? and t.tenant_id = f.tenant_id and t.id = f.ticket_id and t.sla_standard is null`,
      [ctx.tenantId],
    );
  }
  const tickets = await ctx.em.find(
    Ticket,
    { tenantId: ctx.tenantId, slaStandard: { $ne: null }, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: batch },
  );
  const store = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const now = ctx.clock.now();
  const measured = (await clockInputsInBulk(ctx, tickets, [store])).map((inputs) => ({ ticket: inputs.ticket, runs: clockRuns({ ...inputs, now }) }));
  await storeMetricFacts(ctx, measured);
  await storeVolumeFacts(
    ctx,
    tickets.map((ticket) => ticket.id),
  );
  const last = tickets.length === batch ? tickets[tickets.length - 1].id : null;
  // The last batch counts the store's rollups again from the facts now complete.
  if (!last) await rebuildMetricRollups(ctx);
  return { rebuilt: tickets.length, last };
}
