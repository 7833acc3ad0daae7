import { DateTime } from 'luxon';
import { ActionKind } from '../../core/action-enums';
import type { Problem } from '../../schema/entities';
import type { TenantContext } from '../context';
import { scheduleAction } from '../scheduling/schedule';
import { calendarOf } from '../standards/tenant-calendar';

/** What a PROBLEM_DUE action does when it runs. */
export enum ProblemDueStage {
  /** On the due date, at the start of its working hours: the owner is reminded. */
  REMINDER = 'REMINDER',
  /** Once the due date has passed unresolved: the owner, the managers and HQ's supervisors are told. */
  OVERDUE = 'OVERDUE',
}

export interface ProblemDuePayload {
  problemId: string;
  stage: ProblemDueStage;
  /** The due date the action was scheduled for: a later date given meanwhile makes it stale. */
  dueDate: string;
}

/**
 * A problem being handled gets the same kind of clock as a ticket's
 * standard: durable actions on the owner's working calendar, scheduled in
 * the transaction that sets the due date. Each action's key names the due
 * date, so a new date schedules new ones and the old ones find themselves
 * stale when they run; the problem's escalation is cleared with it.
 */
export async function scheduleProblemDue(ctx: TenantContext, problem: Problem): Promise<void> {
  if (!problem.dueDate) return;
  problem.escalatedAt = null;
  const calendar = await calendarOf(ctx);
  const dueDay = DateTime.fromISO(problem.dueDate, { zone: calendar.timeZone }).startOf('day');
  const stages: [ProblemDueStage, Date][] = [
    [ProblemDueStage.REMINDER, calendar.nextWorkingInstant(dueDay.toJSDate())],
    // Messages wait for working hours: the escalation goes out when the next working day starts.
    [ProblemDueStage.OVERDUE, calendar.nextWorkingInstant(dueDay.plus({ days: 1 }).toJSDate())],
  ];
  for (const [stage, dueAt] of stages) {
    const payload: ProblemDuePayload = { problemId: problem.id, stage, dueDate: problem.dueDate };
    await scheduleAction(ctx, {
      kind: ActionKind.PROBLEM_DUE,
      key: `problem-due:${problem.id}:${problem.dueDate}:${stage}`,
      // A reminder for a date already under way goes out now rather than never.
      dueAt: dueAt < ctx.clock.now() ? ctx.clock.now() : dueAt,
      payload: { ...payload },
    });
  }
}
