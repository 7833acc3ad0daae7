import type { Callback, ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { cancelPendingActions, scheduleAction } from '../scheduling/schedule';

/** The scheduled work of a callback: the survey, its one reminder, and "no response". */
export const CALLBACK_ACTION_KINDS = [ActionKind.CALLBACK_SURVEY, ActionKind.CALLBACK_REMINDER, ActionKind.CALLBACK_EXPIRY];

type Step = 'survey' | 'reminder' | 'expiry';

const KIND_OF_STEP: Record<Step, ActionKind> = {
  survey: ActionKind.CALLBACK_SURVEY,
  reminder: ActionKind.CALLBACK_REMINDER,
  expiry: ActionKind.CALLBACK_EXPIRY,
};

/** Keys share one namespace with every other scheduled action of the tenant, hence the prefix and the step. */
export function callbackKey(callback: Pick<Callback, 'id'>, what: string): string {
  return `callback:${callback.id}:${what}`;
}

export async function scheduleCallbackStep(ctx: TenantContext, callback: Callback, step: Step, dueAt: Date): Promise<ScheduledAction> {
  return scheduleAction(ctx, {
    kind: KIND_OF_STEP[step],
    key: callbackKey(callback, step),
    dueAt,
    ticketId: callback.ticketId,
    payload: { callbackId: callback.id },
  });
}

/** The callback an action works on; a payload without one cannot have been written by this code. */
export function callbackIdOf(action: ScheduledAction): string {
  const id = action.payload.callbackId;
  if (typeof id !== 'string') throw new Error(`${action.kind} action ${action.id} carries no callbackId`);
  return id;
}

/**
 * Locks the ticket's pending callback actions before anything else of the
 * callback is locked. The action runner holds an action's row while its
 * processor locks the callback; taking the rows in that same order here means
 * an answer arriving while the reminder runs waits for it, instead of
 * deadlocking with it.
 */
export async function lockPendingCallbackActions(ctx: TenantContext, ticketId: string): Promise<void> {
  await ctx.em.execute(
    `select id from scheduled_actions
      where tenant_id = ? and ticket_id = ? and kind in (?) and state = 'PENDING'
      order by id for update`,
    [ctx.tenantId, ticketId, CALLBACK_ACTION_KINDS],
  );
}

/** Nothing more is sent or recorded for this callback by the schedule. */
export async function cancelCallbackActions(ctx: TenantContext, callback: Callback): Promise<void> {
  await cancelPendingActions(ctx, {
    ticketId: callback.ticketId,
    kinds: CALLBACK_ACTION_KINDS,
    matching: (action) => action.payload.callbackId === callback.id,
  });
}
