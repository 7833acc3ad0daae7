import { TenantKind } from '../../core/enums';
import { AuditEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { checkPageSize, decodeCursor, encodeCursor, Page, PageRequest } from '../pagination';
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
  checkPageSize(page.first);
  let items: AuditEvent[] = [];
  await readAuditTrail(ctx, filter, { pageSize: page.first + 1, after: page.after, maxPages: 1 }, async (rows) => {
    items = rows;
  });
  return {
    items: items.slice(0, page.first),
    hasNextPage: items.length > page.first,
    cursorOf: auditCursorOf,
  };
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
  options: { pageSize: number; after?: string | null; maxPages?: number },
  onPage: (rows: AuditEvent[]) => Promise<void>,
): Promise<void> {
  if (!ctx.principal.permissions.has(Permission.AUDIT_READ)) throw forbidden('Your role may not read the audit trail');
  const readPages = async (tenantCondition: Record<string, unknown>) => {
    let after = options.after ? decodeCursor(options.after) : null;
    for (let read = 0; options.maxPages === undefined || read < options.maxPages; read++) {
      const rows = await ctx.em.find(
        AuditEvent,
        {
          ...tenantCondition,
          ...conditionsOf(filter),
          ...(after ? { $or: [{ occurredAt: { $lt: after.createdAt } }, { occurredAt: after.createdAt, id: { $lt: after.id } }] } : {}),
        },
        { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: options.pageSize, disableIdentityMap: true },
      );
      await onPage(rows);
      if (rows.length < options.pageSize) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.occurredAt, id: last.id };
    }
  };
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
