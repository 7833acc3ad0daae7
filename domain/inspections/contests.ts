import { CorrectiveAction, Inspection, InspectionContest, InspectionResult } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { ContestRuling } from '../../core/inspection-enums';
import type { ContestInspectionItemInput, RuleOnInspectionContestInput } from '../../schema/graphql/inspection.types';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { optionalText, requiredText } from '../input/text';
import { parentTenant } from '../parent-tenant';
import { withNetworkScope } from '../tenants/network-scope';
import { itemsOf } from './inspection-recording';
import { weighed, weightedScore } from './inspection-score';

/**
 * A store contests a failed item of its submitted inspection, once, with a
 * reason. The contest is the store's own row; HQ reads it and rules.
 */
export async function contestInspectionItem(ctx: TenantContext, input: ContestInspectionItemInput): Promise<Inspection> {
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only the inspected store contests an item');
  const reason = requiredText(input.reason, 'reason', 2000);
  return atomically(ctx, async () => {
    const hq = await parentTenant(ctx);
    // The store's policy shows a result only of its own submitted inspections.
    const result = hq ? await ctx.em.findOne(InspectionResult, { tenantId: hq, id: input.resultId, storeId: ctx.tenantId }) : null;
    if (!result) throw new UserInputError('RESULT_NOT_FOUND', 'No such result of a submitted inspection of yours', ['resultId']);
    if (result.passed) throw new UserInputError('RESULT_PASSED', 'Only a failed item can be contested', ['resultId']);
    const earlier = await ctx.em.findOne(InspectionContest, { tenantId: ctx.tenantId, resultId: result.id });
    if (earlier) throw new UserInputError('ALREADY_CONTESTED', 'An item is contested once', ['resultId']);
    ctx.em.create(InspectionContest, {
      tenantId: ctx.tenantId,
      inspectionId: result.inspectionId,
      resultId: result.id,
      reason,
      createdBy: ctx.principal.id,
      createdAt: ctx.clock.now(),
    });
    recordAudit(ctx, 'INSPECTION_ITEM_CONTESTED', { inspectionId: result.inspectionId, resultId: result.id });
    return ctx.em.findOneOrFail(Inspection, { tenantId: hq!, id: result.inspectionId });
  });
}

/**
 * HQ rules on a contested item. Upheld: the item counts as passed (a scored
 * one in full), the
 * store's total is computed again and the item's corrective action is
 * withdrawn. Rejected: the finding and the total stand.
 */
export async function ruleOnContest(ctx: TenantContext, input: RuleOnInspectionContestInput): Promise<Inspection> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ rules on contests');
  const note = optionalText(input.note, 'note', 2000);
  return atomically(ctx, async () => {
    const result = await ctx.em.findOne(InspectionResult, { tenantId: ctx.tenantId, id: input.resultId });
    if (!result) throw new UserInputError('RESULT_NOT_FOUND', 'No such result of your inspections', ['resultId']);
    const contest = await withNetworkScope(ctx, 'a contested inspection item', () =>
      ctx.em.findOne(InspectionContest, { tenantId: result.storeId, resultId: result.id }),
    );
    if (!contest) throw new UserInputError('NOT_CONTESTED', 'The store has not contested this item', ['resultId']);
    if (result.contestRuling) throw new UserInputError('ALREADY_RULED', `Already ruled ${result.contestRuling}`, ['resultId']);
    const now = ctx.clock.now();
    Object.assign(result, { contestRuling: input.ruling, rulingNote: note, ruledAt: now, ruledBy: ctx.principal.id });
    const inspection = await ctx.em.findOneOrFail(Inspection, { tenantId: ctx.tenantId, id: result.inspectionId });
    if (input.ruling === ContestRuling.UPHELD) {
      result.passed = true;
      const items = await itemsOf(ctx, inspection);
      const results = await ctx.em.find(InspectionResult, { tenantId: ctx.tenantId, inspectionId: inspection.id });
      inspection.scorePercent = String(weightedScore(results.map((row) => weighed(row, items.get(row.itemId)!))));
      const action = await ctx.em.findOne(CorrectiveAction, { tenantId: ctx.tenantId, resultId: result.id });
      if (action) action.withdrawnAt = now;
    }
    recordAudit(ctx, 'INSPECTION_CONTEST_RULED', { inspectionId: inspection.id, resultId: result.id, ruling: input.ruling });
    return inspection;
  });
}

/** The contests of several results, for the caller: a store its own, an HQ its stores' through the network scope. */
export async function contestsOfResults(ctx: TenantContext, results: readonly InspectionResult[]): Promise<(InspectionContest | null)[]> {
  const read = () =>
    ctx.em.find(InspectionContest, {
      tenantId: { $in: [...new Set(results.map((result) => result.storeId))] },
      resultId: { $in: results.map((result) => result.id) },
    });
  const contests = ctx.tenantKind === TenantKind.HQ ? await withNetworkScope(ctx, 'contests of inspection items', read) : await read();
  return results.map((result) => contests.find((contest) => contest.resultId === result.id) ?? null);
}
