import type { RedisClient } from '../../infra/redis';
import { AttemptCounters, AttemptDecision, CountedKey, waitAfter } from '../../domain/auth/login-throttle';
import type { RedisCircuit } from './redis-circuit';

// KEYS: counters. ARGV: now (ms), then the free attempts, first delay and longest delay (ms) of each key.
// Mirrors LocalAttemptCounters.take and waitAfter.
const TAKE = `
local now = tonumber(ARGV[1])
local counts = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[i * 3 - 1])
  local first = tonumber(ARGV[i * 3])
  local longest = tonumber(ARGV[i * 3 + 1])
  local state = redis.call('HMGET', key, 'n', 'last')
  local n = tonumber(state[1]) or 0
  local last = tonumber(state[2]) or 0
  counts[i] = n
  if n >= free then
    wait = math.max(wait, last + math.min(longest, first * 2 ^ (n - free)) - now)
  end
end
if wait > 0 then return { 0, math.ceil(wait) } end
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[i * 3 - 1])
  local first = tonumber(ARGV[i * 3])
  local longest = tonumber(ARGV[i * 3 + 1])
  local n = counts[i] + 1
  local next_wait = 0
  if n >= free then next_wait = math.min(longest, first * 2 ^ (n - free)) end
  redis.call('HSET', key, 'n', n, 'last', now)
  redis.call('PEXPIRE', key, math.ceil(next_wait + longest))
end
return { 1, 0 }
`;

// KEYS: the keys to forget, then those to take one attempt back from. ARGV[1]: how many to forget.
const SETTLE = `
local forget = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if i <= forget then
    redis.call('DEL', key)
  else
    local n = tonumber(redis.call('HGET', key, 'n'))
    if n and n > 0 then redis.call('HSET', key, 'n', n - 1) end
  end
end
return 0
`;

/**
 * The login throttle's counters in Redis, one script per decision so that
 * concurrent attempts are counted one after the other. Every key carries the
 * same hash tag: one script may touch an account's and an address's counter
 * on a Redis Cluster too (sign-ins are few, so one slot holds them all).
 * While Redis is away, the same counters are kept per process.
 */
export class RedisAttemptCounters implements AttemptCounters {
  private readonly local = new LocalAttemptCounters();

  constructor(
    private readonly redis: RedisClient,
    private readonly circuit: RedisCircuit,
    private readonly prefix: string,
    /** Whose counters these are (`login`, `status`): their keys and their label in the metrics. */
    private readonly namespace = 'login',
  ) {}

  take(keys: CountedKey[], now: number): Promise<AttemptDecision> {
    return this.circuit.run(
      this.namespace,
      async () => {
        const args = keys.flatMap(({ rule }) => [rule.freeFailures, rule.firstDelayMs, rule.maxDelayMs]);
        const [allowed, wait] = (await this.redis.eval(TAKE, keys.length, ...keys.map(({ key }) => this.redisKey(key)), now, ...args)) as [number, number];
        return { allowed: allowed === 1, retryAfterMs: wait };
      },
      () => this.local.take(keys, now),
    );
  }

  settle(forget: string[], giveBack: string[]): Promise<void> {
    return this.circuit.run(
      this.namespace,
      async () => {
        await this.redis.eval(SETTLE, forget.length + giveBack.length, ...[...forget, ...giveBack].map((key) => this.redisKey(key)), forget.length);
      },
      () => this.local.settle(forget, giveBack),
    );
  }

  private redisKey(key: string): string {
    return `${this.prefix}:${this.namespace}:{throttle}:${key}`;
  }
}

interface Counter {
  attempts: number;
  last: number;
  forgetAt: number;
}

const MAX_COUNTERS = 100_000;

/** The same counters in this process, synchronous (so each decision is atomic): what slows guessing down while Redis is away. */
export class LocalAttemptCounters {
  private readonly counters = new Map<string, Counter>();

  take(keys: CountedKey[], now: number): AttemptDecision {
    const current = keys.map(({ key }) => {
      const counter = this.counters.get(key);
      return counter && counter.forgetAt > now ? counter : { attempts: 0, last: 0, forgetAt: 0 };
    });
    let wait = 0;
    keys.forEach(({ rule }, i) => {
      if (current[i].attempts >= rule.freeFailures) wait = Math.max(wait, current[i].last + waitAfter(current[i].attempts, rule) - now);
    });
    if (wait > 0) return { allowed: false, retryAfterMs: Math.ceil(wait) };
    keys.forEach(({ key, rule }, i) => {
      const attempts = current[i].attempts + 1;
      this.counters.delete(key);
      this.counters.set(key, { attempts, last: now, forgetAt: now + waitAfter(attempts, rule) + rule.maxDelayMs });
    });
    if (this.counters.size > MAX_COUNTERS) this.prune(now);
    return { allowed: true, retryAfterMs: 0 };
  }

  settle(forget: string[], giveBack: string[]): void {
    for (const key of forget) this.counters.delete(key);
    for (const key of giveBack) {
      const counter = this.counters.get(key);
      if (counter && counter.attempts > 0) counter.attempts -= 1;
    }
  }

  /** Forgotten counters first, then the least recently used: memory stays bounded whatever the callers. */
  private prune(now: number): void {
    for (const [key, counter] of this.counters) if (counter.forgetAt <= now) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size <= MAX_COUNTERS * 0.9) break;
      this.counters.delete(key);
    }
  }
}
