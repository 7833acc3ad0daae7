import { AuditEvent } from '../schema/entities';
import type { TenantContext } from './context';

/** Appends to the tenant's audit trail, in the caller's transaction. */
export function recordAudit(ctx: TenantContext, action: string, detail: Record<string, unknown> = {}): void {
  ctx.em.create(AuditEvent, {
    tenantId: ctx.tenantId,
    actorKind: ctx.principal.kind,
    actorId: ctx.principal.id,
    action,
    detail,
    occurredAt: ctx.clock.now(),
  });
}
