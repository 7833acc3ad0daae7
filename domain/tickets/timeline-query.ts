import { TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { checkPageSize, Page, PageRequest } from '../pagination';
import { UserInputError } from '../errors';

/**
 * Tickets' timelines in the order things happened, the same page of each. The
 * cursor is the entry's sequence number, which also orders entries written in
 * one instant. Two queries whatever the number of tickets: each ticket's first
 * entries after the cursor by a window function, then the entries themselves.
 * Pages come back in the order of `ticketIds`.
 */
export async function listTimelines(ctx: TenantContext, ticketIds: readonly string[], page: PageRequest): Promise<Page<TicketEvent>[]> {
  checkPageSize(page.first);
  const after = page.after ? decodeSeq(page.after) : null;
  const rows = await ctx.em.execute<{ id: string; seq: string; ticket_id: string }[]>(
    `select id, seq, ticket_id from (
       select e.id, e.seq, e.ticket_id, row_number() over (partition by e.ticket_id order by e.seq) as n
       from ticket_events e where e.tenant_id = ? and e.ticket_id in (?) ${after ? 'and e.seq > ?' : ''}
     ) ranked where n <= ? order by seq`,
    after ? [ctx.tenantId, [...ticketIds], after, page.first + 1] : [ctx.tenantId, [...ticketIds], page.first + 1],
  );
  const found = rows.length ? await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, id: { $in: rows.map((r) => r.id) } }) : [];
  const byId = new Map(found.map((event) => [event.id, event]));
  const seqOf = new Map(rows.map((row) => [row.id, row.seq]));
  const cursorOf = (event: TicketEvent) => Buffer.from(`seq:${seqOf.get(event.id)}`).toString('base64url');
  return ticketIds.map((ticketId) => {
    const events = rows
      .filter((row) => row.ticket_id === ticketId)
      .map((row) => byId.get(row.id)!)
      .filter(Boolean);
    return { items: events.slice(0, page.first), hasNextPage: events.length > page.first, cursorOf };
  });
}

function decodeSeq(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^seq:(\d{1,19})$/.exec(text);
  if (!match) throw new UserInputError('INVALID_CURSOR', 'The `after` cursor is not valid', ['after']);
  return match[1];
}
