import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { AccessError } from '../errors';

/**
 * Password guessing, slowed down per account and per client address. Every
 * sign-in attempt is counted before its password is checked, so that guesses
 * sent at the same moment cannot all slip through before the first failure is
 * recorded; a success then forgets the account's failures and takes back its
 * own count from the address. After `freeFailures` on a key, each further
 * attempt waits: `firstDelayMs`, doubling with every failure, up to
 * `maxDelayMs`. An attempt made during a wait is refused unchecked and is not
 * counted, so hammering neither gets a guess through nor pushes the wait out.
 */
export interface AttemptRule {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface CountedKey {
  key: string;
  rule: AttemptRule;
}

export interface AttemptDecision {
  allowed: boolean;
  /** How long until every key's wait is over; 0 when allowed. */
  retryAfterMs: number;
}

/** Port: the counters, shared by every api instance (in Redis; per process while Redis is away). */
export interface AttemptCounters {
  /**
   * At once for all keys: while any key's wait runs, counts nothing and
   * answers the longest wait left; otherwise counts one attempt on each key.
   * A key's attempts are forgotten `maxDelayMs` after its wait ends without
   * another attempt.
   */
  take(keys: CountedKey[], now: number): Promise<AttemptDecision>;
  /** After a success: forgets the `forget` keys, takes one attempt back from each `giveBack` key. */
  settle(forget: string[], giveBack: string[]): Promise<void>;
}

/** The wait a key imposes after `attempts` counted attempts. */
export function waitAfter(attempts: number, rule: AttemptRule): number {
  if (attempts < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (attempts - rule.freeFailures));
}

export interface LoginThrottleRules {
  account: AttemptRule;
  address: AttemptRule;
}

export interface LoginAttempt {
  /** The password was right: the account starts afresh and the address gets this attempt back. */
  succeeded(): Promise<void>;
}

export class LoginThrottle {
  constructor(
    private readonly counters: AttemptCounters,
    private readonly rules: LoginThrottleRules,
  ) {}

  /** Counts an attempt to sign in to `email` at `tenantSlug` from `clientAddress`, or refuses it with THROTTLED. */
  async begin(tenantSlug: string, email: string, clientAddress: string, now: Date): Promise<LoginAttempt> {
    const account = `account:${accountDigest(tenantSlug, email)}`;
    const address = `address:${addressNetwork(clientAddress)}`;
    const decision = await this.counters.take(
      [
        { key: account, rule: this.rules.account },
        { key: address, rule: this.rules.address },
      ],
      now.getTime(),
    );
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new AccessError('THROTTLED', `Too many failed sign-ins: try again in ${seconds} s`, {
        reason: 'LOGIN_ATTEMPTS',
        retryAfterMs: decision.retryAfterMs,
      });
    }
    return { succeeded: () => this.counters.settle([account], [address]) };
  }
}

/** The account as the caller named it, whether or not it exists; hashed, so counters hold no e-mail address. */
function accountDigest(tenantSlug: string, email: string): string {
  return createHash('sha256').update(`${tenantSlug.trim().toLowerCase()}\n${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}

/**
 * The network an address stands for: an IPv4 address itself, an IPv6 address
 * its /64, since one subscriber commonly holds a whole /64 and could otherwise
 * take a fresh counter for every guess.
 */
export function addressNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail] = address.toLowerCase().split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
