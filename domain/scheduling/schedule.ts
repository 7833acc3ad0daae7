import { currentTraceParent } from '../../core/trace-context';
import { ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';
import { ACTION_RULES } from './action-kinds';
import { ActionKind, ActionState } from '../../core/action-enums';

export interface ActionRequest {
  kind: ActionKind;
  /** Unique per tenant: scheduling the same key again returns the existing action. */
  key: string;
  dueAt: Date;
  ticketId?: string | null;
  payload?: Record<string, unknown>;
  /** The key names something created in this same transaction (a new ticket): no earlier action can hold it, so none is looked for. */
  newKey?: boolean;
}

/**
 * Schedules time-driven work in the caller's transaction, so it exists exactly
 * when the change that caused it does. The relay picks it up once it is due.
 */
export async function scheduleAction(ctx: TenantContext, request: ActionRequest): Promise<ScheduledAction> {
  const existing =
    findScheduledInUnitOfWork(ctx, request.key) ??
    (request.newKey ? null : await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, idempotencyKey: request.key }));
  const now = ctx.clock.now();
  if (existing?.state === ActionState.CANCELLED) {
    // Wanted again after all (a visit moved back to its first time): the same action comes back, in the trace of what wants it now.
    Object.assign(existing, {
      state: ActionState.PENDING,
      dueAt: request.dueAt,
      attempts: 0,
      enqueuedAt: null,
      completedAt: null,
      updatedAt: now,
      traceParent: currentTraceParent(),
    });
  }
  if (existing) return existing;
  return ctx.em.create(ScheduledAction, {
    tenantId: ctx.tenantId,
    kind: request.kind,
    idempotencyKey: request.key,
    ticketId: request.ticketId ?? null,
    dueAt: request.dueAt,
    maxAttempts: ACTION_RULES[request.kind].retry.maxAttempts,
    payload: request.payload ?? {},
    // The request (or the run) scheduling it: the worker's run of it joins that trace.
    traceParent: currentTraceParent(),
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * `key`, or the first of `key#2`, `key#3`... that names no action which has
 * already run (or is running: `taken`). A successor scheduled for the same
 * instant as the action that computes it must not be taken for that action,
 * or it would never run.
 */
export async function unusedActionKey(ctx: TenantContext, key: string, taken: readonly string[] = []): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? key : `${key}#${n}`;
    if (taken.includes(candidate)) continue;
    const existing =
      findScheduledInUnitOfWork(ctx, candidate) ?? (await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, idempotencyKey: candidate }));
    if (!existing || existing.state === ActionState.PENDING || existing.state === ActionState.CANCELLED) return candidate;
  }
}

/** An action created earlier in the same transaction and not flushed yet. */
function findScheduledInUnitOfWork(ctx: TenantContext, key: string): ScheduledAction | undefined {
  for (const entity of ctx.em.getUnitOfWork().getPersistStack()) {
    if (entity instanceof ScheduledAction && entity.tenantId === ctx.tenantId && entity.idempotencyKey === key) return entity;
  }
  return undefined;
}

/**
 * Cancels a ticket's pending actions of some kinds (a reminder for a visit that
 * moved, a watch superseded by a newer one). Processors re-read the ticket as
 * well, so an action already on its way does nothing when it no longer applies.
 */
export async function cancelPendingActions(
  ctx: TenantContext,
  filter: { ticketId: string; kinds: ActionKind[]; except?: string[]; matching?: (action: ScheduledAction) => boolean },
): Promise<number> {
  const pending = await ctx.em.find(ScheduledAction, {
    tenantId: ctx.tenantId,
    ticketId: filter.ticketId,
    kind: { $in: filter.kinds },
    state: ActionState.PENDING,
  });
  const now = ctx.clock.now();
  let cancelled = 0;
  for (const action of pending) {
    if (filter.except?.includes(action.idempotencyKey)) continue;
    if (filter.matching && !filter.matching(action)) continue;
    action.state = ActionState.CANCELLED;
    action.completedAt = now;
    action.updatedAt = now;
    cancelled++;
  }
  return cancelled;
}
