import { currentTraceParent } from '../../core/trace-context';
import { ScheduledAction, WebhookEndpoint } from '../../schema/entities';
import { WebhookEndpointStatus } from '../../core/webhook-enums';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { withNetworkScope } from '../tenants/network-scope';
import { ActionKind, ActionState } from '../../core/action-enums';

export interface ActionFilter {
  state?: ActionState | null;
  kind?: ActionKind | null;
  ticketId?: string | null;
}

/**
 * The tenant's scheduled actions, newest first: what is pending, what was
 * done, and what died. `network`: an HQ's own and its stores' and partners'
 * (read under the audited network scope; RLS decides which tenants).
 */
export async function listActions(
  ctx: TenantContext,
  filter: ActionFilter,
  page: PageRequest,
  options: { network?: boolean } = {},
): Promise<Page<ScheduledAction>> {
  checkPageSize(page.first);
  const read = (tenantFilter: Record<string, unknown>) =>
    ctx.em.find(
      ScheduledAction,
      {
        ...tenantFilter,
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.ticketId ? { ticketId: filter.ticketId } : {}),
        ...afterCondition(page.after),
      },
      { orderBy: NEWEST_FIRST, limit: page.first + 1 },
    );
  const rows = options.network ? await withNetworkScope(ctx, 'scheduled actions across the network', () => read({})) : await read({ tenantId: ctx.tenantId });
  return toPage(rows, page.first);
}

export async function findAction(ctx: TenantContext, id: string): Promise<ScheduledAction> {
  const action = await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, id });
  if (!action) throw notFound('Scheduled action');
  return action;
}

/**
 * Gives a dead-lettered action a fresh set of attempts, due now: a person
 * fixed what made it fail (an endpoint, an address) and wants it done.
 */
export async function retryDeadAction(ctx: TenantContext, id: string): Promise<ScheduledAction> {
  return atomically(ctx, async () => {
    const action = await findAction(ctx, id);
    if (action.state !== ActionState.DEAD) {
      throw new UserInputError('NOT_DEAD', `Only a dead-lettered action can be retried by hand; this one is ${action.state}`, ['id']);
    }
    await refuseDeliveryToDisabledEndpoint(ctx, action);
    const now = ctx.clock.now();
    // The retry runs in the trace of the request that asked for it.
    Object.assign(action, {
      state: ActionState.PENDING,
      attempts: 0,
      dueAt: now,
      enqueuedAt: null,
      completedAt: null,
      updatedAt: now,
      traceParent: currentTraceParent(),
    });
    return action;
  });
}

/**
 * A webhook delivery retried while its endpoint is off would only be dropped:
 * it stays dead, and the person is told what to do first.
 */
async function refuseDeliveryToDisabledEndpoint(ctx: TenantContext, action: ScheduledAction): Promise<void> {
  if (action.kind !== ActionKind.WEBHOOK_DELIVERY || typeof action.payload.endpointId !== 'string') return;
  const endpoint = await ctx.em.findOne(WebhookEndpoint, { tenantId: ctx.tenantId, id: action.payload.endpointId });
  if (!endpoint) throw new UserInputError('ENDPOINT_DELETED', 'The webhook endpoint of this delivery was deleted: there is nowhere to deliver it', ['id']);
  if (endpoint.status !== WebhookEndpointStatus.ACTIVE) {
    throw new UserInputError('ENDPOINT_DISABLED', 'The webhook endpoint of this delivery is disabled: enable it first (enableWebhookEndpoint), then retry', [
      'id',
    ]);
  }
}
