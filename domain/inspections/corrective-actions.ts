import { CorrectiveAction, CorrectiveActionResolution } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { CorrectiveActionStatus } from '../../core/inspection-enums';
import type { CorrectiveActionsArgs, ResolveCorrectiveActionInput } from '../../schema/graphql/inspection.types';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, notFound, UserInputError } from '../errors';
import { requiredText } from '../input/text';
import { checkPageSize, decodeCursor, Page, toPage } from '../pagination';
import { parentTenant } from '../parent-tenant';
import { withNetworkScope } from '../tenants/network-scope';
import { readOnlyEntity } from '../read-only-entities';

/** Where a corrective action stands, from the store's resolution and HQ's withdrawal. */
export function correctiveActionStatus(action: CorrectiveAction, resolution: CorrectiveActionResolution | null): CorrectiveActionStatus {
  if (action.withdrawnAt) return CorrectiveActionStatus.WITHDRAWN;
  return resolution ? CorrectiveActionStatus.RESOLVED : CorrectiveActionStatus.OPEN;
}

/** The store records what it did; a resolved or withdrawn action cannot be resolved again. */
export async function resolveCorrectiveAction(ctx: TenantContext, input: ResolveCorrectiveActionInput): Promise<CorrectiveAction> {
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only the store resolves its corrective actions');
  const note = requiredText(input.note, 'note', 2000);
  return atomically(ctx, async () => {
    const hq = await parentTenant(ctx);
    const action = hq ? await ctx.em.findOne(CorrectiveAction, { tenantId: hq, id: input.correctiveActionId, storeId: ctx.tenantId }) : null;
    if (!action) throw new UserInputError('CORRECTIVE_ACTION_NOT_FOUND', 'No such corrective action of yours', ['correctiveActionId']);
    if (action.withdrawnAt) throw new UserInputError('WITHDRAWN', 'HQ withdrew it: the contest of its item was upheld', ['correctiveActionId']);
    const earlier = await ctx.em.findOne(CorrectiveActionResolution, { tenantId: ctx.tenantId, correctiveActionId: action.id });
    if (earlier) throw new UserInputError('ALREADY_RESOLVED', 'Already resolved', ['correctiveActionId']);
    ctx.em.create(CorrectiveActionResolution, {
      tenantId: ctx.tenantId,
      correctiveActionId: action.id,
      note,
      resolvedBy: ctx.principal.id,
      resolvedAt: ctx.clock.now(),
    });
    recordAudit(ctx, 'CORRECTIVE_ACTION_RESOLVED', { correctiveActionId: action.id });
    return action;
  });
}

/** One corrective action: an HQ's own, or a store's (its HQ's row that names it). */
export async function findCorrectiveAction(ctx: TenantContext, id: string): Promise<CorrectiveAction> {
  const hq = await parentTenant(ctx);
  const action = hq ? await ctx.em.findOne(CorrectiveAction, { tenantId: hq, id }) : null;
  if (!action || (ctx.tenantKind !== TenantKind.HQ && action.storeId !== ctx.tenantId)) throw notFound('CorrectiveAction');
  return action;
}

const STATUS_CONDITION: Record<CorrectiveActionStatus, string> = {
  [CorrectiveActionStatus.OPEN]:
    'a.withdrawn_at is null and not exists (select 1 from corrective_action_resolutions r where r.tenant_id = a.store_id and r.corrective_action_id = a.id)',
  [CorrectiveActionStatus.RESOLVED]:
    'a.withdrawn_at is null and exists (select 1 from corrective_action_resolutions r where r.tenant_id = a.store_id and r.corrective_action_id = a.id)',
  [CorrectiveActionStatus.WITHDRAWN]: 'a.withdrawn_at is not null',
};

/**
 * Corrective actions, newest first: an HQ's of all or one of its stores
 * (the stores' resolutions read through the network scope), a store's own.
 * `overdue`: open and past the deadline.
 */
export async function listCorrectiveActions(ctx: TenantContext, args: CorrectiveActionsArgs): Promise<Page<CorrectiveAction>> {
  checkPageSize(args.first);
  const conditions: string[] = ['a.tenant_id = ?'];
  const params: unknown[] = [];
  if (ctx.tenantKind === TenantKind.HQ) {
    params.push(ctx.tenantId);
    if (args.store) {
      conditions.push('a.store_id = ?');
      params.push(args.store);
    }
  } else if (ctx.tenantKind === TenantKind.STORE) {
    if (args.store && args.store !== ctx.tenantId) throw notFound('Store');
    conditions.push('a.store_id = ?');
    params.push(await parentTenant(ctx), ctx.tenantId);
  } else {
    throw forbidden('Only an HQ and its stores have corrective actions');
  }
  const status = args.overdue ? CorrectiveActionStatus.OPEN : args.status;
  if (args.overdue && args.status && args.status !== CorrectiveActionStatus.OPEN) return toPage([], args.first);
  if (status) conditions.push(STATUS_CONDITION[status]);
  if (args.overdue) {
    conditions.push('a.due_at < ?');
    params.push(ctx.clock.now());
  }
  if (args.after) {
    const after = decodeCursor(args.after);
    conditions.push('(a.created_at, a.id) < (?, ?)');
    params.push(after.createdAt, after.id);
  }
  params.push(args.first + 1);
  const read = async () => {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select a.* from corrective_actions a where ${conditions.join(' and ')} order by a.created_at desc, a.id desc limit ?`,
      params,
    );
    return rows.map((row) => readOnlyEntity(ctx.em, CorrectiveAction, row));
  };
  const rows = ctx.tenantKind === TenantKind.HQ ? await withNetworkScope(ctx, 'corrective actions of the network', read) : await read();
  return toPage(rows, args.first);
}

/** The stores' resolutions of several corrective actions: a store its own, an HQ its stores' through the network scope. */
export async function resolutionsOf(ctx: TenantContext, actions: readonly CorrectiveAction[]): Promise<(CorrectiveActionResolution | null)[]> {
  const read = () =>
    ctx.em.find(CorrectiveActionResolution, {
      tenantId: { $in: [...new Set(actions.map((action) => action.storeId))] },
      correctiveActionId: { $in: actions.map((action) => action.id) },
    });
  const resolutions = ctx.tenantKind === TenantKind.HQ ? await withNetworkScope(ctx, 'resolutions of corrective actions', read) : await read();
  return actions.map((action) => resolutions.find((resolution) => resolution.correctiveActionId === action.id) ?? null);
}
