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
    const byNumber = input.ticketNumbers?.length ? await ticketIdsByNumber(ctx, input.ticketNumbers) : [];
    await linkTickets(ctx, problem, [...(input.ticketIds ?? []), ...byNumber]);
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

/**
 * The ids of the tickets the caller may link, by the numbers the desk reads
 * off a receipt (an HQ: numbers of its own stores' tickets, through the
 * audited network scope). A number the caller cannot read, or one that names
 * more than one ticket, answers TICKET_NOT_FOUND on `ticketNumbers`.
 */
async function ticketIdsByNumber(ctx: TenantContext, numbers: string[]): Promise<string[]> {
  const wanted = [...new Set(numbers.map((number) => number.trim()))];
  if (wanted.length > MAX_LINKS || wanted.some((number) => number === '')) {
    throw new UserInputError('INVALID_TICKETS', `Link 1 to ${MAX_LINKS} tickets at a time`, ['ticketNumbers']);
  }
  const rows =
    ctx.tenantKind !== TenantKind.HQ
      ? await ctx.em.find(Ticket, { tenantId: ctx.tenantId, number: { $in: wanted } }, { fields: ['id', 'number'] })
      : await withNetworkScope(ctx, 'tickets linked to a network problem, by number', () =>
          ctx.em.execute<{ id: string; number: string }[]>(
            `select t.id, t.number from tickets t join tenants s on s.id = t.tenant_id
              where t.number in (?) and s.parent_id = ? and s.kind = '${TenantKind.STORE}'`,
            [wanted, ctx.tenantId],
          ),
        );
  const found = new Map<string, string[]>();
  for (const row of rows) found.set(row.number, [...(found.get(row.number) ?? []), row.id]);
  const missing = wanted.filter((number) => found.get(number)?.length !== 1);
  if (missing.length > 0) {
    throw new UserInputError('TICKET_NOT_FOUND', `No ticket of yours is numbered ${missing.join(', ')}`, ['ticketNumbers']);
  }
  return wanted.map((number) => found.get(number)![0]);
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
