import { TicketStatusLink } from '../../schema/entities';
import type { TenantContext } from '../context';
import { newStatusToken } from './status-token';

/**
 * Links to a ticket's status page. Each message to the customer carries a
 * link of its own, and every one keeps working: only a token's hash is kept,
 * so a later message could not repeat an earlier link.
 */

/** The message param that carries a link's token until the message is sent; the sender turns it into `{{statusUrl}}`. */
export const STATUS_TOKEN_PARAM = 'statusToken';

/** Saves a link (as its token's hash) in the caller's transaction. */
export function recordStatusLink(ctx: TenantContext, ticketId: string, tokenHash: string): void {
  ctx.em.create(TicketStatusLink, { tenantId: ctx.tenantId, ticketId, tokenHash });
}

/** A new link, saved in the caller's transaction; the token is for the message alone. */
export function issueStatusLink(ctx: TenantContext, ticketId: string): { token: string } {
  const { token, hash } = newStatusToken();
  recordStatusLink(ctx, ticketId, hash);
  return { token };
}
