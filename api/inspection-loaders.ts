import DataLoader from 'dataloader';
import type { TenantContext } from '../domain/context';
import { contestsOfResults } from '../domain/inspections/contests';
import { itemsOfChecklists } from '../domain/inspections/checklists';
import { resolutionsOf } from '../domain/inspections/corrective-actions';
import { resultsOfInspections } from '../domain/inspections/inspection-access';
import { evidenceOfResults } from '../domain/inspections/inspection-evidence';
import { TenantKind } from '../core/enums';
import { withNetworkScope } from '../domain/tenants/network-scope';
import {
  CorrectiveAction,
  CorrectiveActionResolution,
  Inspection,
  InspectionChecklist,
  InspectionChecklistItem,
  InspectionContest,
  InspectionResult,
  Tenant,
  Upload,
} from '../schema/entities';

/** The nested reads of inspections, one statement per relation for a whole page. */
export interface InspectionLoaders {
  /** The inspected store: an HQ reads its own stores through the network scope, a store itself. */
  store: DataLoader<string, Tenant | null>;
  /** Checklist versions of the caller's HQ, by id. */
  checklist: DataLoader<string, InspectionChecklist | null>;
  checklistItems: DataLoader<InspectionChecklist, InspectionChecklistItem[], string>;
  item: DataLoader<string, InspectionChecklistItem | null>;
  /** Inspections of the caller's HQ the caller may read, by id. */
  inspection: DataLoader<string, Inspection | null>;
  results: DataLoader<Inspection, InspectionResult[], string>;
  result: DataLoader<string, InspectionResult | null>;
  contest: DataLoader<InspectionResult, InspectionContest | null, string>;
  /** The photos of findings, in the inspector's order. */
  evidence: DataLoader<InspectionResult, Upload[], string>;
  correctiveActions: DataLoader<Inspection, CorrectiveAction[], string>;
  resolution: DataLoader<CorrectiveAction, CorrectiveActionResolution | null, string>;
}

export function createInspectionLoaders(ctx: TenantContext): InspectionLoaders {
  return {
    store: new DataLoader(async (ids) => {
      const read = () => ctx.em.find(Tenant, { id: { $in: [...ids] } });
      return inOrder(ids, ctx.tenantKind === TenantKind.HQ ? await withNetworkScope(ctx, 'inspected stores', read) : await read());
    }),
    checklist: new DataLoader(async (ids) => inOrder(ids, await ctx.em.find(InspectionChecklist, { id: { $in: [...ids] } }))),
    checklistItems: new DataLoader((checklists) => itemsOfChecklists(ctx, checklists), { cacheKeyFn: (row) => row.id }),
    item: new DataLoader(async (ids) => inOrder(ids, await ctx.em.find(InspectionChecklistItem, { id: { $in: [...ids] } }))),
    inspection: new DataLoader(async (ids) => inOrder(ids, await ctx.em.find(Inspection, { id: { $in: [...ids] } }))),
    results: new DataLoader((inspections) => resultsOfInspections(ctx, inspections), { cacheKeyFn: (row) => row.id }),
    result: new DataLoader(async (ids) => inOrder(ids, await ctx.em.find(InspectionResult, { id: { $in: [...ids] } }))),
    contest: new DataLoader((results) => contestsOfResults(ctx, results), { cacheKeyFn: (row) => row.id }),
    evidence: new DataLoader((results) => evidenceOfResults(ctx, results), { cacheKeyFn: (row) => row.id }),
    correctiveActions: new DataLoader(
      async (inspections) => {
        const rows = await ctx.em.find(
          CorrectiveAction,
          { tenantId: { $in: [...new Set(inspections.map((i) => i.tenantId))] }, inspectionId: { $in: inspections.map((i) => i.id) } },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
        return inspections.map((inspection) => rows.filter((row) => row.inspectionId === inspection.id));
      },
      { cacheKeyFn: (row) => row.id },
    ),
    resolution: new DataLoader((actions) => resolutionsOf(ctx, actions), { cacheKeyFn: (row) => row.id }),
  };
}

function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}
