import { Problem, Ticket } from '../../schema/entities';
import { ProblemStatus } from '../../core/problem-enums';
import type { TenantContext } from '../context';

const MAX_SUGGESTIONS = 5;

/**
 * The known errors that match a ticket, to offer their workaround at the desk:
 * problems of the ticket's store or of its HQ in KNOWN_ERROR whose product
 * model is the ticket's device's, and whose fault category is the ticket's
 * (when both have one). One statement on the known-error index
 * (migrations/sql/0240); a ticket without a device has none.
 */
export async function knownErrorsFor(ctx: TenantContext, ticket: Ticket): Promise<Problem[]> {
  if (!ticket.deviceId) return [];
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select p.* from problems p
      where p.tenant_id in (?, (select s.parent_id from tenants s where s.id = ?))
        and p.status = '${ProblemStatus.KNOWN_ERROR}'
        and p.model_id = (select d.model_id from devices d where d.tenant_id = ? and d.id = ?)
        and (p.fault_category is null or ?::text is null or p.fault_category = ?::text)
      order by p.created_at, p.id
      limit ${MAX_SUGGESTIONS}`,
    [ticket.tenantId, ticket.tenantId, ticket.tenantId, ticket.deviceId, ticket.faultCategory ?? null, ticket.faultCategory ?? null],
  );
  return rows.map((row) => ctx.em.map(Problem, row));
}
