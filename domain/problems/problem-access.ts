import type { FilterQuery } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { Problem, ProblemTicket, Ticket } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { ProblemStatus } from '../../core/problem-enums';
import type { TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, toPage } from '../pagination';
import { parentTenant } from '../parent-tenant';
import { storeTimeZone } from '../store-time';
import { withNetworkScope } from '../tenants/network-scope';
import type { ProblemsArgs } from '../../schema/graphql/problem.types';

/**
 * Which problems a caller reads: a store its own and its HQ's (the network's,
 * shared with the stores by the database); an HQ its own and, through the
 * audited network scope, its stores'. Another network's are never found.
 */
export async function findProblem(ctx: TenantContext, id: string): Promise<Problem> {
  const problem =
    ctx.tenantKind === TenantKind.HQ
      ? await withNetworkScope(ctx, 'a problem record of the network', () => ctx.em.findOne(Problem, { id }))
      : await ctx.em.findOne(Problem, { tenantId: { $in: await ownAndHq(ctx) }, id });
  if (!problem) throw notFound('Problem');
  return problem;
}

/** The caller's own problem, to change it: another's (its HQ's, read by a store) is PROBLEM_NOT_FOUND here. */
export async function ownProblemForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<Problem> {
  const problem = await ctx.em.findOne(Problem, { tenantId: ctx.tenantId, id });
  if (!problem) throw new UserInputError('PROBLEM_NOT_FOUND', 'No such problem of yours', ['problemId']);
  if (expectedVersion != null && expectedVersion !== problem.version) {
    throw new UserInputError('STALE', `Problem was changed by someone else (version ${problem.version}, you had ${expectedVersion}); reload and retry`, [
      'expectedVersion',
    ]);
  }
  return problem;
}

/** Problems, newest first, filtered; an HQ reads its network's (or one store's with `store`). */
export async function listProblems(ctx: TenantContext, args: ProblemsArgs): Promise<Page<Problem>> {
  checkPageSize(args.first);
  const where: Record<string, unknown> = { ...afterCondition(args.after) };
  if (args.status?.length) where.status = { $in: args.status };
  if (args.modelId) where.modelId = args.modelId;
  if (args.faultCategory) where.faultCategory = args.faultCategory;
  if (args.overdue) {
    const today = DateTime.fromJSDate(ctx.clock.now(), { zone: await storeTimeZone(ctx) }).toISODate();
    where.dueDate = { $lt: today };
    where.status = args.status?.length ? { $in: args.status.filter((s) => s !== ProblemStatus.RESOLVED) } : { $ne: ProblemStatus.RESOLVED };
  }
  const read = (tenants: FilterQuery<Problem>) => ctx.em.find(Problem, { ...where, ...(tenants as object) }, { orderBy: NEWEST_FIRST, limit: args.first + 1 });
  if (ctx.tenantKind !== TenantKind.HQ) {
    if (args.store && args.store !== ctx.tenantId) throw notFound('Store');
    return toPage(await read({ tenantId: { $in: await ownAndHq(ctx) } }), args.first);
  }
  // RLS under the network scope shows the HQ's rows and its own stores' only.
  return withNetworkScope(ctx, 'problem records of the network', async () => toPage(await read(args.store ? { tenantId: args.store } : {}), args.first));
}

/** The linked tickets the caller can read: a store's own problem's, or an HQ's (its own or a store's) through the network scope. */
/**
 * The linked tickets the caller can read of each problem, in the order they
 * were linked (tickets linked in one step keep their numbers' order): one
 * read of the links and one of the tickets for all the problems together.
 */
export async function linkedTicketsOf(ctx: TenantContext, problems: readonly Problem[]): Promise<Ticket[][]> {
  const read = async () => {
    const links = await ctx.em.find(
      ProblemTicket,
      { tenantId: { $in: [...new Set(problems.map((problem) => problem.tenantId))] }, problemId: { $in: problems.map((problem) => problem.id) } },
      { fields: ['problemId', 'ticketTenantId', 'ticketId', 'linkedAt'] },
    );
    if (links.length === 0) return problems.map(() => []);
    const tickets = await ctx.em.find(Ticket, {
      tenantId: { $in: [...new Set(links.map((link) => link.ticketTenantId))] },
      id: { $in: [...new Set(links.map((link) => link.ticketId))] },
    });
    const ticketById = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    return problems.map((problem) =>
      links
        .filter((link) => link.problemId === problem.id && ticketById.has(link.ticketId))
        .sort((a, b) => a.linkedAt.getTime() - b.linkedAt.getTime() || ticketById.get(a.ticketId)!.number.localeCompare(ticketById.get(b.ticketId)!.number))
        .map((link) => ticketById.get(link.ticketId)!),
    );
  };
  return ctx.tenantKind === TenantKind.HQ ? withNetworkScope(ctx, 'tickets of a network problem', read) : read();
}

async function ownAndHq(ctx: TenantContext): Promise<string[]> {
  const hq = await parentTenant(ctx);
  return hq ? [ctx.tenantId, hq] : [ctx.tenantId];
}
