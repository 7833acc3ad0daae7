import { Inspection, InspectionResult, Tenant } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import type { InspectionsArgs } from '../../schema/graphql/inspection.types';
import type { TenantContext } from '../context';
import { forbidden, notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, toPage } from '../pagination';
import { parentTenant } from '../parent-tenant';
import { withNetworkScope } from '../tenants/network-scope';

/**
 * Which inspections a caller reads: an HQ its own (all of its stores'); a
 * store those of its HQ that name it, and of them only the announced ones and
 * the submitted ones. The database's policy decides the store's part: an
 * unannounced inspection is not there for the store until it is submitted.
 */
export async function findInspection(ctx: TenantContext, id: string): Promise<Inspection> {
  const hq = await parentTenant(ctx);
  const inspection = hq ? await ctx.em.findOne(Inspection, { tenantId: hq, id }) : null;
  if (!inspection || (ctx.tenantKind !== TenantKind.HQ && inspection.storeId !== ctx.tenantId)) throw notFound('Inspection');
  return inspection;
}

/** Inspections, newest first: an HQ's of all or one of its stores, a store's own that it may see. */
export async function listInspections(ctx: TenantContext, args: InspectionsArgs): Promise<Page<Inspection>> {
  checkPageSize(args.first);
  const where: Record<string, unknown> = { ...afterCondition(args.after) };
  if (args.status?.length) where.status = { $in: args.status };
  if (ctx.tenantKind === TenantKind.HQ) {
    where.tenantId = ctx.tenantId;
    if (args.store) where.storeId = args.store;
  } else if (ctx.tenantKind === TenantKind.STORE) {
    if (args.store && args.store !== ctx.tenantId) throw notFound('Store');
    const hq = await parentTenant(ctx);
    Object.assign(where, { tenantId: hq, storeId: ctx.tenantId });
  } else {
    throw forbidden('Only an HQ and its stores have inspections');
  }
  return toPage(await ctx.em.find(Inspection, where, { orderBy: NEWEST_FIRST, limit: args.first + 1 }), args.first);
}

/** The HQ's own inspection, to change it, locked against a concurrent change by its version. */
export async function ownInspectionForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<Inspection> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ records inspections');
  const inspection = await ctx.em.findOne(Inspection, { tenantId: ctx.tenantId, id });
  if (!inspection) throw new UserInputError('INSPECTION_NOT_FOUND', 'No such inspection of yours', ['inspectionId']);
  if (expectedVersion != null && expectedVersion !== inspection.version) {
    throw new UserInputError('STALE', `Inspection was changed by someone else (version ${inspection.version}, you had ${expectedVersion}); reload and retry`, [
      'expectedVersion',
    ]);
  }
  return inspection;
}

/** One of the HQ's own stores, read through the network scope (a store of another network is not found). */
export async function ownStore(ctx: TenantContext, storeId: string): Promise<Tenant> {
  const store = await withNetworkScope(ctx, 'a store to inspect', () =>
    ctx.em.findOne(Tenant, { id: storeId, parentId: ctx.tenantId, kind: TenantKind.STORE }),
  );
  if (!store) throw new UserInputError('STORE_NOT_FOUND', 'No such store of yours', ['storeId']);
  return store;
}

/** The results of several inspections, in their items' order, in one statement. */
export async function resultsOfInspections(ctx: TenantContext, inspections: readonly Inspection[]): Promise<InspectionResult[][]> {
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select r.* from inspection_results r
       join inspection_checklist_items i on i.tenant_id = r.tenant_id and i.id = r.item_id
      where r.tenant_id in (?) and r.inspection_id in (?)
      order by i.position`,
    [[...new Set(inspections.map((i) => i.tenantId))], inspections.map((i) => i.id)],
  );
  const results = rows.map((row) => ctx.em.map(InspectionResult, row));
  return inspections.map((inspection) => results.filter((result) => result.inspectionId === inspection.id));
}
