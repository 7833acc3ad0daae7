import { createHash } from 'node:crypto';
import { addressNetwork, AttemptCounters, AttemptRule } from '../auth/login-throttle';
import { AccessError } from '../errors';

/**
 * Guessing at the customer's status page, slowed down the way sign-ins are
 * (`domain/auth/login-throttle.ts`): every look-up is counted before anything
 * is checked, and past the free tries each further one waits, twice as long
 * each time. The four digits of a phone number are the weak part, so a
 * ticket number gets only a handful of tries before the waits begin: 5, then
 * 15 minutes, 30 minutes, an hour... up to a day. A client address gets 20
 * failed look-ups of any kind, then 1 minute doubling up to an hour, which
 * also holds back someone trying many ticket numbers. A look-up that finds
 * its ticket is taken back from both counts, so a customer may look as often
 * as they like; it does not wipe the number's failures, since two stores may
 * give the same number and finding one's own ticket must not buy guesses at
 * the other's. While a wait runs, even the right answer is refused
 * unchecked; the customer still has the link in every message.
 */
export interface StatusLookupRules {
  ticketNumber: AttemptRule;
  address: AttemptRule;
}

const MINUTE = 60_000;

export const STATUS_LOOKUP_RULES: StatusLookupRules = {
  ticketNumber: { freeFailures: 5, firstDelayMs: 15 * MINUTE, maxDelayMs: 24 * 60 * MINUTE },
  address: { freeFailures: 20, firstDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
};

export interface LookupAttempt {
  /** The ticket was found: the try is taken back from the number's and the address's counts. */
  found(): Promise<void>;
}

export class StatusLookupThrottle {
  constructor(
    private readonly counters: AttemptCounters,
    private readonly rules: StatusLookupRules = STATUS_LOOKUP_RULES,
  ) {}

  /** Counts a look-up by a link's token from `clientAddress`, or refuses it with THROTTLED. */
  byToken(clientAddress: string, now: Date): Promise<LookupAttempt> {
    return this.begin([], clientAddress, now);
  }

  /** Counts a look-up of a store's public page by its code from `clientAddress`, or refuses it with THROTTLED: guessing codes is slowed down like guessing links. */
  byStore(clientAddress: string, now: Date): Promise<LookupAttempt> {
    return this.begin([], clientAddress, now);
  }

  /** Counts a look-up by ticket number and phone digits, against the number and the address, or refuses it with THROTTLED. */
  byNumber(ticketNumber: string, clientAddress: string, now: Date): Promise<LookupAttempt> {
    return this.begin([{ key: `number:${digest(ticketNumber)}`, rule: this.rules.ticketNumber }], clientAddress, now);
  }

  private async begin(own: { key: string; rule: AttemptRule }[], clientAddress: string, now: Date): Promise<LookupAttempt> {
    const address = `address:${addressNetwork(clientAddress)}`;
    const decision = await this.counters.take([...own, { key: address, rule: this.rules.address }], now.getTime());
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AccessError('THROTTLED', `Too many tries: try again in ${seconds} s`, { reason: 'STATUS_LOOKUPS', retryAfterMs: decision.retryAfterMs });
    }
    return { found: () => this.counters.settle([], [...own.map(({ key }) => key), address]) };
  }
}

/** The number as the caller typed it (normalised), whether or not it exists; hashed, so counters hold no ticket number. */
function digest(ticketNumber: string): string {
  return createHash('sha256').update(ticketNumber).digest('hex').slice(0, 32);
}
