import { Problem, ProblemTicket, Ticket } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { withNetworkScope } from '../tenants/network-scope';
import { ownProblemForUpdate } from './problem-access';
import type { LinkProblemTicketsInput, UnlinkProblemTicketInput } from '../../schema/graphql/problem.types';

const MAX_LINKS = 100;

/** Links tickets that share the problem's cause; a ticket linked already stays as it is. The problem's version moves on. */
export async function linkProblemTickets(ctx: TenantContext, input: LinkProblemTicketsInput): Promise<Problem> {
  return atomically(ctx, async () => {
    const problem = await ownProblemForUpdate(ctx, input.problemId, input.expectedVersion);
    await linkTickets(ctx, problem, input.ticketIds);
    problem.updatedAt = ctx.clock.now();
    return problem;
  });
}

export async function unlinkProblemTicket(ctx: TenantContext, input: UnlinkProblemTicketInput): Promise<Problem> {
  return atomically(ctx, async () => {
    const problem = await ownProblemForUpdate(ctx, input.problemId, input.expectedVersion);
    const link = await ctx.em.findOne(ProblemTicket, { tenantId: ctx.tenantId, problemId: problem.id, ticketId: input.ticketId });
    if (!link) throw new UserInputError('TICKET_NOT_LINKED', 'The ticket is not linked to this problem', ['ticketId']);
    ctx.em.remove(link);
    problem.updatedAt = ctx.clock.now();
    return problem;
  });
}

/**
 * A store links its own tickets; an HQ links tickets of its own stores, read
 * through the audited network scope. A ticket the caller cannot read answers
 * TICKET_NOT_FOUND, whether it does not exist or belongs to another store.
 * The links only: the caller says whether the problem itself changed.
 */
export async function linkTickets(ctx: TenantContext, problem: Problem, ticketIds: string[]): Promise<void> {
  const wanted = [...new Set(ticketIds)];
  if (wanted.length < 1 || wanted.length > MAX_LINKS) {
    throw new UserInputError('INVALID_TICKETS', `Link 1 to ${MAX_LINKS} tickets at a time`, ['ticketIds']);
  }
  const tickets = await readableTickets(ctx, wanted);
  const missing = wanted.filter((id) => !tickets.has(id));
  if (missing.length > 0) {
    throw new UserInputError('TICKET_NOT_FOUND', `${missing.length} of the tickets are not yours to link`, ['ticketIds']);
  }
  const linked = new Set(
    (await ctx.em.find(ProblemTicket, { tenantId: ctx.tenantId, problemId: problem.id, ticketId: { $in: wanted } }, { fields: ['ticketId'] })).map(
      (link) => link.ticketId,
    ),
  );
  const now = ctx.clock.now();
  for (const id of wanted) {
    if (linked.has(id)) continue;
    ctx.em.create(ProblemTicket, { tenantId: ctx.tenantId, problemId: problem.id, ticketTenantId: tickets.get(id)!, ticketId: id, linkedAt: now });
  }
}

/** The tickets among `ids` the caller may link, each with its store. */
async function readableTickets(ctx: TenantContext, ids: string[]): Promise<Map<string, string>> {
  if (ctx.tenantKind !== TenantKind.HQ) {
    const own = await ctx.em.find(Ticket, { tenantId: ctx.tenantId, id: { $in: ids } }, { fields: ['id', 'tenantId'] });
    return new Map(own.map((ticket) => [ticket.id, ticket.tenantId]));
  }
  return withNetworkScope(ctx, 'tickets linked to a network problem', async () => {
    const rows = await ctx.em.execute<{ id: string; tenant_id: string }[]>(
      `select t.id, t.tenant_id from tickets t join tenants s on s.id = t.tenant_id
        where t.id in (?) and s.parent_id = ? and s.kind = '${TenantKind.STORE}'`,
      [ids, ctx.tenantId],
    );
    return new Map(rows.map((row) => [row.id, row.tenant_id]));
  });
}
