import type { AuditOutcome } from '../../core/enums';
import { currentTraceId } from '../../core/trace-context';
import { AuditEvent } from '../../schema/entities';
import type { TenantContext } from '../context';

/** What the audit trail keeps of one operation: names and ids only, never a value that was sent. */
export interface OperationRecord {
  /** The operation's name, e.g. `updateCustomer`. */
  operation: string;
  /** Global ids of the objects touched, as sent and as answered. */
  objectIds: readonly string[];
  outcome: AuditOutcome;
  /** The codes of the user errors answered, when the operation was refused. */
  userErrorCodes: readonly string[];
  requestId: string | null;
}

/**
 * Writes the entry of one operation at once, in the caller's transaction: it
 * commits with the change or not at all, and an entity manager cleared by a
 * later failed operation of the same request cannot drop it.
 */
export async function recordOperation(ctx: TenantContext, record: OperationRecord): Promise<void> {
  await ctx.em.insert(AuditEvent, {
    tenantId: ctx.tenantId,
    actorKind: ctx.principal.kind,
    actorId: ctx.principal.id,
    action: record.operation,
    detail: record.userErrorCodes.length > 0 ? { userErrors: [...record.userErrorCodes] } : {},
    objectIds: [...new Set(record.objectIds)],
    outcome: record.outcome,
    requestId: record.requestId,
    traceId: currentTraceId(),
    occurredAt: ctx.clock.now(),
  });
}
