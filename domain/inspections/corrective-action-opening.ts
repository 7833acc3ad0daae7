import { CorrectiveAction, Inspection, InspectionResult } from '../../schema/entities';
import { ActionKind } from '../../core/action-enums';
import type { TenantContext } from '../context';
import { ACTION_RULES } from '../scheduling/action-kinds';
import { calendarOf } from '../standards/tenant-calendar';
import { withNetworkScope } from '../tenants/network-scope';

/** The key of a corrective action's reminder or escalation, in the store's scheduled actions. */
export const correctiveActionKey = (actionId: string, step: 'reminder' | 'escalation'): string => `corrective-action:${actionId}:${step}`;

/**
 * Opens a corrective action for each failed item, due `days` working days
 * after now on the store's own working calendar (its hours, closures and the
 * national calendar its HQ published). Each gets a reminder to the store's
 * managers one working day before the deadline (half a working day after
 * opening when it is due the next working day), and an escalation at the
 * deadline. Both run in the store's name, so they are scheduled through the
 * database function that checks the action is this HQ's for that store.
 */
export async function openCorrectiveActions(ctx: TenantContext, inspection: Inspection, failed: readonly InspectionResult[], days: number): Promise<void> {
  if (failed.length === 0) return;
  const now = ctx.clock.now();
  const calendar = await withNetworkScope(ctx, "the inspected store's working calendar", () => calendarOf(ctx, inspection.storeId));
  const dueAt = calendar.addWorkingDays(now, days);
  const remindAt = days > 1 ? calendar.addWorkingDays(now, days - 1) : calendar.addHalfWorkingDay(now);
  const actions = failed.map((result) =>
    ctx.em.create(CorrectiveAction, {
      tenantId: ctx.tenantId,
      storeId: inspection.storeId,
      inspectionId: inspection.id,
      resultId: result.id,
      dueAt,
      createdAt: now,
    }),
  );
  // The function checks the rows it schedules for: they must be written first.
  await ctx.em.flush();
  for (const action of actions) {
    for (const [kind, step, due] of [
      [ActionKind.CORRECTIVE_ACTION_REMINDER, 'reminder', remindAt],
      [ActionKind.CORRECTIVE_ACTION_ESCALATION, 'escalation', dueAt],
    ] as const) {
      await ctx.em.execute('select inspection_corrective_action_notice(?, ?, ?, ?, ?, ?, ?)', [
        inspection.storeId,
        action.id,
        kind,
        correctiveActionKey(action.id, step),
        due,
        now,
        ACTION_RULES[kind].retry.maxAttempts,
      ]);
    }
  }
}
