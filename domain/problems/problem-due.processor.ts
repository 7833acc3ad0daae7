import { z } from 'zod';
import { ProblemStatus } from '../../core/problem-enums';
import { Role, StaffStatus, TenantKind } from '../../core/enums';
import { TemplateKey } from '../../core/template-keys';
import { Problem, StaffUser } from '../../schema/entities';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { Recipient, scheduleNotification } from '../notifications/notify';
import { ActionProcessor, done, skipped } from '../scheduling/processor';
import { ProblemDueStage } from './problem-due';

const payloadSchema = z.object({ problemId: z.guid(), stage: z.nativeEnum(ProblemDueStage), dueDate: z.string() });

/**
 * A problem's due date came (the owner is reminded) or passed (it is
 * escalated). It re-reads the problem: a resolved problem, or one whose due
 * date moved since, has nothing left to remind anyone of.
 */
export const processProblemDue: ActionProcessor = async ({ ctx, action }) => {
  const { problemId, stage, dueDate } = payloadSchema.parse(action.payload);
  const problem = await ctx.em.findOne(Problem, { tenantId: ctx.tenantId, id: problemId });
  if (!problem) return skipped('the problem is gone');
  if (problem.status === ProblemStatus.RESOLVED) return skipped('the problem is resolved');
  if (problem.dueDate !== dueDate || !problem.ownerId) return skipped('the problem has another due date');
  const owner = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: problem.ownerId });
  const params = { problemTitle: problem.title, dueDate, ownerName: owner?.name ?? '' };
  // Keys are unique per tenant across kinds: the messages' must differ from this action's own.
  const key = `problem-due-message:${problem.id}:${dueDate}:${stage}`;
  if (stage === ProblemDueStage.REMINDER) {
    await scheduleNotification(ctx, { key, template: TemplateKey.STAFF_PROBLEM_DUE, recipient: { kind: 'STAFF', staffId: problem.ownerId }, params });
    return done({ reminded: problem.ownerId });
  }
  problem.escalatedAt = ctx.clock.now();
  const recipients = await escalationRecipients(ctx, problem.ownerId);
  for (const [index, recipient] of recipients.entries()) {
    await scheduleNotification(ctx, { key: `${key}:${index}`, template: TemplateKey.STAFF_PROBLEM_OVERDUE, recipient, params });
  }
  recordAudit(ctx, 'PROBLEM_ESCALATED', { problemId: problem.id, dueDate });
  return done({ escalated: recipients.length });
};

/**
 * The owner, then the ones above: a store's managers (other than the owner)
 * and its HQ's supervisors; for an HQ's own problem, its admins.
 */
async function escalationRecipients(ctx: TenantContext, ownerId: string): Promise<Recipient[]> {
  const owner: Recipient = { kind: 'STAFF', staffId: ownerId };
  if (ctx.tenantKind === TenantKind.HQ) return [owner, { kind: 'TENANT_ADMINS' }];
  const managers = await ctx.em.find(
    StaffUser,
    { tenantId: ctx.tenantId, role: Role.STORE_MANAGER, status: StaffStatus.ACTIVE, id: { $ne: ownerId } },
    { orderBy: { name: 'asc' } },
  );
  return [owner, ...managers.map((manager): Recipient => ({ kind: 'STAFF', staffId: manager.id })), { kind: 'HQ_ROLE', role: Role.HQ_SUPERVISOR }];
}
