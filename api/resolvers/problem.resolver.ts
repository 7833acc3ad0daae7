import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { findProblem, listProblems } from '../../domain/problems/problem-access';
import { linkProblemTickets, unlinkProblemTicket } from '../../domain/problems/problem-links';
import { createProblem, markTopProblemHandled, updateProblem } from '../../domain/problems/problem-records';
import { topProblems, type TopProblemRow } from '../../domain/problems/top-problems';
import { Problem, ProductModel, StaffUser, Ticket } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  CreateProblemInput,
  LinkProblemTicketsInput,
  MarkTopProblemHandledInput,
  ProblemConnection,
  ProblemPayload,
  ProblemsArgs,
  TopProblem,
  TopProblemsArgs,
  UnlinkProblemTicketInput,
  UpdateProblemInput,
} from '../../schema/graphql/problem.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { GlobalIdArg } from '../graphql/global-ids';
import { PermittedQuery } from '../graphql/permitted-query';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

type Saved = Promise<Omit<ProblemPayload, 'userErrors'>>;

@Resolver(() => Problem)
export class ProblemResolver {
  @PermittedQuery(() => ProblemConnection, "Problem records, newest first: a store's own and its HQ's; an HQ's own and its stores'.", Permission.PROBLEM_READ)
  async problems(@Args() args: ProblemsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Problem>> {
    return toConnection(await listProblems(tenantOf(ctx), args));
  }

  @PermittedQuery(() => Problem, 'One problem record by id.', Permission.PROBLEM_READ)
  problem(@GlobalIdArg('id', 'Problem') id: string, @Ctx() ctx: ApiContext): Promise<Problem> {
    return findProblem(tenantOf(ctx), id);
  }

  @PermittedQuery(
    () => [TopProblem],
    "The month's three most frequent problems (product model and fault category) with the previous month's counts: a store's, or the network's for an HQ.",
    Permission.PROBLEM_READ,
  )
  topProblems(@Args() args: TopProblemsArgs, @Ctx() ctx: ApiContext): Promise<TopProblemRow[]> {
    return topProblems(tenantOf(ctx), args.month, args.store);
  }

  @SavingMutation(() => ProblemPayload, "Record a problem (a store its own, an HQ the network's), optionally with linked tickets.", Permission.PROBLEM_MANAGE)
  async createProblem(@Arg('input') input: CreateProblemInput, @Ctx() ctx: ApiContext): Saved {
    return { problem: await createProblem(tenantOf(ctx), input) };
  }

  @SavingMutation(() => ProblemPayload, 'Change a problem record: root cause, workaround, fix, status, owner and due date.', Permission.PROBLEM_MANAGE)
  async updateProblem(@Arg('input') input: UpdateProblemInput, @Ctx() ctx: ApiContext): Saved {
    return { problem: await updateProblem(tenantOf(ctx), input) };
  }

  @SavingMutation(() => ProblemPayload, 'Link tickets that share the cause of a problem.', Permission.PROBLEM_MANAGE)
  async linkProblemTickets(@Arg('input') input: LinkProblemTicketsInput, @Ctx() ctx: ApiContext): Saved {
    return { problem: await linkProblemTickets(tenantOf(ctx), input) };
  }

  @SavingMutation(() => ProblemPayload, 'Unlink a ticket from a problem.', Permission.PROBLEM_MANAGE)
  async unlinkProblemTicket(@Arg('input') input: UnlinkProblemTicketInput, @Ctx() ctx: ApiContext): Saved {
    return { problem: await unlinkProblemTicket(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => ProblemPayload,
    "Mark one of the month's top problems as being handled, by an owner and a due date (on the caller's record for it, opened if there is none).",
    Permission.PROBLEM_MANAGE,
  )
  async markTopProblemHandled(@Arg('input') input: MarkTopProblemHandledInput, @Ctx() ctx: ApiContext): Saved {
    return { problem: await markTopProblemHandled(tenantOf(ctx), input) };
  }

  @FieldResolver(() => ProductModel, { nullable: true, description: 'The product model the tickets share.' })
  model(@Root() problem: Problem, @Ctx() ctx: ApiContext): Promise<ProductModel | null> {
    return problem.modelId ? loadersOf(ctx).productModel.load(problem.modelId) : Promise.resolve(null);
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: "Who handles it (shown to the problem's owner)." })
  owner(@Root() problem: Problem, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return problem.ownerId && problem.tenantId === tenantOf(ctx).tenantId ? loadersOf(ctx).staffUser.load(problem.ownerId) : Promise.resolve(null);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether it is the caller's own record, which the caller may change (a store reads its HQ's records, an HQ its stores', without changing them).",
  })
  mine(@Root() problem: Problem, @Ctx() ctx: ApiContext): boolean {
    return problem.tenantId === tenantOf(ctx).tenantId;
  }

  @FieldResolver(() => [Ticket], { description: 'The linked tickets the caller can read, in the order they were linked.' })
  tickets(@Root() problem: Problem, @Ctx() ctx: ApiContext): Promise<Ticket[]> {
    return loadersOf(ctx).ticketsByProblem.load(problem);
  }
}
