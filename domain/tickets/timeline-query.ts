import { TicketEvent } from '../../schema/entities';
import type { TenantContext } from '../context';
import { checkPageSize, Page, PageRequest } from '../pagination';
import { UserInputError } from '../errors';

/**
 * A ticket's timeline in the order it happened, paged. The cursor is the
 * entry's sequence number, which also orders entries written in one instant.
 */
export async function listTimeline(ctx: TenantContext, ticketId: string, page: PageRequest): Promise<Page<TicketEvent>> {
  checkPageSize(page.first);
  const after = page.after ? decodeSeq(page.after) : null;
  const rows = await ctx.em.execute<{ id: string; seq: string }[]>(
    `select id, seq from ticket_events where tenant_id = ? and ticket_id = ? ${after ? 'and seq > ?' : ''}
     order by seq limit ?`,
    after ? [ctx.tenantId, ticketId, after, page.first + 1] : [ctx.tenantId, ticketId, page.first + 1],
  );
  const found = rows.length ? await ctx.em.find(TicketEvent, { tenantId: ctx.tenantId, id: { $in: rows.map((r) => r.id) } }) : [];
  const byId = new Map(found.map((event) => [event.id, event]));
  const seqOf = new Map(rows.map((row) => [row.id, row.seq]));
  const events = rows.map((row) => byId.get(row.id)!).filter(Boolean);
  return {
    items: events.slice(0, page.first),
    hasNextPage: events.length > page.first,
    cursorOf: (event) => Buffer.from(`seq:${seqOf.get(event.id)}`).toString('base64url'),
  };
}

function decodeSeq(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^seq:(\d{1,19})$/.exec(text);
  if (!match) throw new UserInputError('INVALID_CURSOR', 'The `after` cursor is not valid', ['after']);
  return match[1];
}
