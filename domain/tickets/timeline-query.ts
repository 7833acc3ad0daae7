import { TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { checkPageSize, Page, PageRequest } from '../pagination';
import { UserInputError } from '../errors';
import { readOnlyEntity } from '../read-only-entities';

/**
 * Tickets' timelines in the order things happened, the same page of each. The
 * cursor is the entry's sequence number, which also orders entries written in
 * one instant. One statement whatever the number of tickets: each ticket's
 * first entries after the cursor by a lateral read, mapped to entities as
 * read. Pages come back in the order of `ticketIds`.
 */
export async function listTimelines(ctx: TenantContext, ticketIds: readonly string[], page: PageRequest): Promise<Page<TicketEvent>[]> {
  checkPageSize(page.first);
  const after = page.after ? decodeSeq(page.after) : null;
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select e.* from tickets k cross join lateral (
       select e.* from ticket_events e where e.tenant_id = k.tenant_id and e.ticket_id = k.id ${after ? 'and e.seq > ?' : ''} order by e.seq limit ?
     ) e where k.tenant_id = ? and k.id in (?) order by e.seq`,
    [...(after ? [after] : []), page.first + 1, ctx.tenantId, [...ticketIds]],
  );
  const seqOf = new Map(rows.map((row) => [String(row.id), String(row.seq)]));
  const events = rows.map((row) => readOnlyEntity(ctx.em, TicketEvent, row));
  const cursorOf = (event: TicketEvent) => Buffer.from(`seq:${seqOf.get(event.id)}`).toString('base64url');
  return ticketIds.map((ticketId) => {
    const own = events.filter((event) => event.ticketId === ticketId);
    return { items: own.slice(0, page.first), hasNextPage: own.length > page.first, cursorOf };
  });
}

function decodeSeq(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^seq:(\d{1,19})$/.exec(text);
  if (!match) throw new UserInputError('INVALID_CURSOR', 'The `after` cursor is not valid', ['after']);
  return match[1];
}
