import { DateTime } from 'luxon';
import { ProductModel, Problem, StaffUser } from '../../schema/entities';
import { ProblemStatus } from '../../core/problem-enums';
import { StaffStatus } from '../../core/enums';
import { catalogueOwner } from '../catalogue/product-model.service';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { calendarDate } from '../input/calendar-date';
import { calendarOf } from '../standards/tenant-calendar';
import { optionalText, requiredText } from '../input/text';
import { ownProblemForUpdate } from './problem-access';
import { linkTickets } from './problem-links';
import { scheduleProblemDue } from './problem-due';
import type { CreateProblemInput, MarkTopProblemHandledInput, UpdateProblemInput } from '../../schema/graphql/problem.types';

/** The furthest a due date counted in working days may be. */
const MAX_WORKING_DAYS = 250;

/**
 * Problem records (ITIL problem management): the caller records its own, a
 * store for itself and an HQ for its network, and only the owner changes one.
 * A known error carries a workaround (the desk is offered it at registration),
 * a resolved problem its fix; an owner and a due date say it is being handled.
 */
export async function createProblem(ctx: TenantContext, input: CreateProblemInput): Promise<Problem> {
  const title = requiredText(input.title, 'title', 200);
  return atomically(ctx, async () => {
    const now = ctx.clock.now();
    const problem = ctx.em.create(Problem, {
      tenantId: ctx.tenantId,
      title,
      modelId: input.modelId ? await checkedModel(ctx, input.modelId) : null,
      faultCategory: input.faultCategory ?? null,
      rootCause: optionalText(input.rootCause, 'rootCause', 5000),
      workaround: optionalText(input.workaround, 'workaround', 5000),
      fix: optionalText(input.fix, 'fix', 5000),
      status: input.status ?? ProblemStatus.OPEN,
      createdAt: now,
      updatedAt: now,
    });
    await setHandling(ctx, problem, input, now);
    checkStatus(problem);
    await ctx.em.flush();
    if (input.ticketIds?.length) await linkTickets(ctx, problem, input.ticketIds);
    return problem;
  });
}

export async function updateProblem(ctx: TenantContext, input: UpdateProblemInput): Promise<Problem> {
  return atomically(ctx, async () => {
    const problem = await ownProblemForUpdate(ctx, input.problemId, input.expectedVersion);
    if (input.title != null) problem.title = requiredText(input.title, 'title', 200);
    if (input.modelId != null) problem.modelId = await checkedModel(ctx, input.modelId);
    if (input.faultCategory != null) problem.faultCategory = input.faultCategory;
    if (input.rootCause != null) problem.rootCause = optionalText(input.rootCause, 'rootCause', 5000);
    if (input.workaround != null) problem.workaround = optionalText(input.workaround, 'workaround', 5000);
    if (input.fix != null) problem.fix = optionalText(input.fix, 'fix', 5000);
    if (input.status != null) problem.status = input.status;
    const now = ctx.clock.now();
    await setHandling(ctx, problem, input, now);
    checkStatus(problem);
    problem.updatedAt = now;
    return problem;
  });
}

/**
 * One of the month's top problems (a product model and a fault category) is
 * being handled: the caller's record for them that is not resolved gets the
 * owner and the due date, or a new record is opened for them.
 */
export async function markTopProblemHandled(ctx: TenantContext, input: MarkTopProblemHandledInput): Promise<Problem> {
  return atomically(ctx, async () => {
    const modelId = await checkedModel(ctx, input.modelId);
    const now = ctx.clock.now();
    let problem = await ctx.em.findOne(
      Problem,
      { tenantId: ctx.tenantId, modelId, faultCategory: input.faultCategory, status: { $ne: ProblemStatus.RESOLVED } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    if (!problem) {
      const model = await ctx.em.findOneOrFail(ProductModel, { tenantId: await catalogueOwner(ctx), id: modelId });
      problem = ctx.em.create(Problem, {
        tenantId: ctx.tenantId,
        title: `${model.name}: ${input.faultCategory}`,
        modelId,
        faultCategory: input.faultCategory,
        createdAt: now,
        updatedAt: now,
      });
    } else {
      problem.updatedAt = now;
    }
    await setHandling(ctx, problem, input, now);
    return problem;
  });
}

/** A model of the caller's HQ catalogue. */
async function checkedModel(ctx: TenantContext, modelId: string): Promise<string> {
  const model = await ctx.em.findOne(ProductModel, { tenantId: await catalogueOwner(ctx), id: modelId }, { fields: ['id'] });
  if (!model) throw new UserInputError('MODEL_NOT_FOUND', "No such product model in the network's catalogue", ['modelId']);
  return model.id;
}

/** What a caller gives to say who handles a problem and by when. */
interface Handling {
  ownerId?: string | null;
  dueDate?: string | null;
  dueInWorkingDays?: number | null;
}

/** An owner and a due date come together; the first time both are set, the problem is being handled from now. */
async function setHandling(ctx: TenantContext, problem: Problem, input: Handling, now: Date): Promise<void> {
  const hasDue = input.dueDate != null || input.dueInWorkingDays != null;
  if (input.ownerId == null && !hasDue) return;
  if (input.ownerId == null || !hasDue) {
    throw new UserInputError('OWNER_AND_DUE_DATE', 'Give the owner and the due date together', [input.ownerId == null ? 'ownerId' : 'dueDate']);
  }
  if (input.dueDate != null && input.dueInWorkingDays != null) {
    throw new UserInputError('DUE_DATE_AMBIGUOUS', 'Give either dueDate or dueInWorkingDays, not both', ['dueInWorkingDays']);
  }
  const due = input.dueDate != null ? calendarDate(input.dueDate, 'dueDate') : await workingDaysFromNow(ctx, input.dueInWorkingDays!, now);
  const owner = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: input.ownerId });
  if (!owner || owner.status !== StaffStatus.ACTIVE)
    throw new UserInputError('OWNER_NOT_FOUND', 'The owner must be an active staff user of yours', ['ownerId']);
  problem.handlingSince = problem.handlingSince ?? now;
  problem.ownerId = owner.id;
  if (problem.dueDate === due) return;
  problem.dueDate = due;
  await scheduleProblemDue(ctx, problem);
}

/** The day `days` working days from now on the caller's working calendar (its hours, closures and national holidays), as other deadlines count. */
async function workingDaysFromNow(ctx: TenantContext, days: number, now: Date): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS) {
    throw new UserInputError('INVALID_DUE', `dueInWorkingDays must be 1 to ${MAX_WORKING_DAYS}`, ['dueInWorkingDays']);
  }
  const calendar = await calendarOf(ctx);
  return DateTime.fromJSDate(calendar.addWorkingDays(now, days), { zone: calendar.timeZone }).toISODate()!;
}

function checkStatus(problem: Problem): void {
  if (problem.status === ProblemStatus.KNOWN_ERROR && !problem.workaround) {
    throw new UserInputError('WORKAROUND_REQUIRED', 'A known error needs its workaround', ['workaround']);
  }
  if (problem.status === ProblemStatus.RESOLVED && !problem.fix) {
    throw new UserInputError('FIX_REQUIRED', 'A resolved problem needs its fix', ['fix']);
  }
}
