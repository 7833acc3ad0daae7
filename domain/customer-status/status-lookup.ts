import { Tenant } from '../../schema/entities';
import { TenantStatus } from '../../core/enums';
import { inTenantTransaction } from '../tenant-transaction';
import { Orm } from '../ports/database';
import type { Clock } from '../../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../context';
import { AccessError, UserInputError } from '../errors';
import type { LookupAttempt, StatusLookupThrottle } from './lookup-throttle';
import { hashStatusToken, looksLikeStatusToken } from '../notifications/status-token';
import { customerTicketStatus, CustomerTicketStatus } from './status-view';

/** What opening a status page needs: the customer is not a login, so there is no tenant context yet. */
export interface StatusLookupDeps {
  orm: Orm;
  clock: Clock;
}

/** Who is asking, for the throttle. */
export interface LookupOrigin {
  throttle: StatusLookupThrottle;
  clientAddress: string;
}

/**
 * One answer for an unknown link, an unknown number, a wrong phone suffix, a
 * ticket of a suspended store or one closed long ago: which it was is nobody's
 * business, least of all someone guessing.
 */
const noSuchTicket = () =>
  new AccessError('NOT_FOUND', 'No ticket found: check the link, or the ticket number and the last 4 digits of the phone number given for it');

const TICKET_NUMBER_MAX = 64;

/** The page a link in the customer's messages opens. */
export async function statusByLink(deps: StatusLookupDeps, origin: LookupOrigin, token: string): Promise<CustomerTicketStatus> {
  const candidate = token.trim();
  // Not a token at all: refused without counting, as nothing was looked up.
  if (!looksLikeStatusToken(candidate)) throw noSuchTicket();
  const attempt = await origin.throttle.byToken(origin.clientAddress, deps.clock.now());
  const matches = await deps.orm.em.fork().execute<Match[]>('select tenant_id, ticket_id from ticket_by_status_token_hash(?)', [hashStatusToken(candidate)]);
  return pageOf(deps, matches, attempt);
}

/** The page found by the ticket number the customer quotes and the last 4 digits of the phone given for the ticket. */
export async function statusByNumber(
  deps: StatusLookupDeps,
  origin: LookupOrigin,
  input: { ticketNumber: string; phoneLast4: string },
): Promise<CustomerTicketStatus> {
  const ticketNumber = input.ticketNumber.trim().toUpperCase();
  const phoneLast4 = input.phoneLast4.trim();
  // The shape of what was typed says nothing about any ticket: a typo is told as such, and costs no try.
  if (ticketNumber.length === 0 || ticketNumber.length > TICKET_NUMBER_MAX) {
    throw new UserInputError('INVALID_TICKET_NUMBER', `The ticket number is 1 to ${TICKET_NUMBER_MAX} characters, e.g. ZGC-2026-000123`, ['ticketNumber']);
  }
  if (!/^[0-9]{4}$/.test(phoneLast4)) throw new UserInputError('INVALID_PHONE_DIGITS', 'Give the last 4 digits of the phone number', ['phoneLast4']);
  const attempt = await origin.throttle.byNumber(ticketNumber, origin.clientAddress, deps.clock.now());
  const matches = await deps.orm.em
    .fork()
    .execute<Match[]>('select tenant_id, ticket_id from ticket_by_number_and_phone_suffix(?, ?)', [ticketNumber, phoneLast4]);
  return pageOf(deps, matches, attempt);
}

interface Match {
  tenant_id: string;
  ticket_id: string;
}

/**
 * Exactly one ticket, read under its tenant's RLS in a transaction of its
 * own. Two stores may number tickets alike: a number and suffix that fit
 * tickets of two stores open neither, rather than guess.
 */
async function pageOf(deps: StatusLookupDeps, matches: Match[], attempt: LookupAttempt): Promise<CustomerTicketStatus> {
  if (matches.length !== 1) throw noSuchTicket();
  const { tenant_id: tenantId, ticket_id: ticketId } = matches[0];
  const page = await inTenantTransaction(deps.orm, tenantId, async (em) => {
    // An anonymous reader writes nothing, whatever the code it runs through.
    await em.execute('set transaction read only');
    const tenant = await em.findOne(Tenant, { id: tenantId });
    if (!tenant || tenant.status !== TenantStatus.ACTIVE) return null;
    const ctx: TenantContext = { tenantId, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    return customerTicketStatus(ctx, ticketId);
  });
  if (!page) throw noSuchTicket();
  await attempt.found();
  return page;
}
