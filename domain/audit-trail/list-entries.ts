import { TenantKind } from '../../core/enums';
import { AuditEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { encodeCursor, firstPageOf, KeysetReading, Page, PageRequest, readKeysetPages } from '../pagination';
import { Permission } from '../permissions';
import { withNetworkScope } from '../tenants/network-scope';

/** Which entries to read; every condition narrows (all uuids, already decoded from global ids). */
export interface AuditFilter {
  actorId?: string | null;
  /** A global id, as the trail keeps it. */
  objectId?: string | null;
  operation?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  /** HQ: only these tenants of its network (its own included if named); a store or partner: its own at most. */
  tenantIds?: readonly string[] | null;
}

/** The audit trail, newest first, a page at a time. */
export async function listAuditEntries(ctx: TenantContext, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
  return firstPageOf(page, (reading, onPage) => readAuditTrail(ctx, filter, reading, onPage), auditCursorOf);
}

function auditCursorOf(entry: AuditEvent): string {
  return encodeCursor({ createdAt: entry.occurredAt, id: entry.id });
}

/**
 * Reads the trail in keyset pages and hands each one over before reading the
 * next, so an export of any size holds one page at a time (rows are not kept
 * by the entity manager). An HQ reads its network under one audited network
 * scope; anyone else reads its own tenant only, whatever the filter names.
 */
export async function readAuditTrail(
  ctx: TenantContext,
  filter: AuditFilter,
  reading: KeysetReading,
  onPage: (rows: AuditEvent[]) => Promise<void>,
): Promise<void> {
  if (!ctx.principal.permissions.has(Permission.AUDIT_READ)) throw forbidden('Your role may not read the audit trail');
  const readPages = (tenantCondition: Record<string, unknown>) =>
    readKeysetPages(
      reading,
      (after, limit) =>
        ctx.em.find(
          AuditEvent,
          {
            ...tenantCondition,
            ...conditionsOf(filter),
            ...(after ? { $or: [{ occurredAt: { $lt: after.createdAt } }, { occurredAt: after.createdAt, id: { $lt: after.id } }] } : {}),
          },
          { orderBy: { occurredAt: 'desc', id: 'desc' }, limit, disableIdentityMap: true },
        ),
      (last) => ({ createdAt: last.occurredAt, id: last.id }),
      onPage,
    );
  if (ctx.tenantKind === TenantKind.HQ) {
    // RLS decides which tenants the network covers; the filter can only narrow it.
    const tenants = filter.tenantIds?.length ? { tenantId: { $in: [...filter.tenantIds] } } : {};
    return withNetworkScope(ctx, 'audit trail across the network', () => readPages(tenants));
  }
  if (filter.tenantIds?.length && !filter.tenantIds.includes(ctx.tenantId)) return onPage([]);
  return readPages({ tenantId: ctx.tenantId });
}

function conditionsOf(filter: AuditFilter): Record<string, unknown> {
  const occurredAt: Record<string, Date> = {};
  if (filter.from) occurredAt.$gte = filter.from;
  if (filter.to) occurredAt.$lt = filter.to;
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.objectId ? { objectIds: { $contains: [filter.objectId] } } : {}),
    ...(filter.operation ? { action: filter.operation } : {}),
    ...(Object.keys(occurredAt).length > 0 ? { occurredAt } : {}),
  };
}
