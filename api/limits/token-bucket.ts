import { createHash } from 'node:crypto';
import type { RedisClient } from '../../infra/redis';
import { LocalTokenBuckets } from './local-token-buckets';
import type { RedisCircuit } from './redis-circuit';
import type { BucketSpec, ChargeResult } from './bucket-types';

/**
 * Token buckets in Redis, charged in query-cost points. All buckets of one
 * request are checked and charged in a single Lua call, so a request either
 * pays in every bucket or in none; concurrent api instances share them. While
 * Redis is away (the circuit is open) the same buckets are kept per process.
 *
 * Why not rate-limiter-flexible, with its in-memory insurance: its limiters
 * count points per fixed window, while these buckets refill continuously and
 * report what Shopify's `throttleStatus` shows (available now, restore rate);
 * a request must pay in its key's and its tenant's bucket or in neither, which
 * one script does and two limiters cannot; and its insurance is asked only
 * after the Redis call has failed, so with a hung Redis every request would
 * still wait for the timeout, where the circuit goes local at once.
 */
export type { BucketSpec, BucketState, ChargeResult } from './bucket-types';

// KEYS: bucket keys. ARGV: now_ms, cost, then capacity and refill per second for each key.
const SCRIPT = `
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local levels = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[1 + i * 2])
  local rate = tonumber(ARGV[2 + i * 2])
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(state[1]) or capacity
  local ts = tonumber(state[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
  levels[i] = tokens
  if tokens < cost then
    local need = math.min(cost, capacity) - tokens
    wait = math.max(wait, math.ceil(need * 1000 / rate))
  end
end
local allowed = 1
if wait > 0 then allowed = 0 end
local out = { allowed, wait }
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[1 + i * 2])
  local rate = tonumber(ARGV[2 + i * 2])
  if allowed == 1 then levels[i] = levels[i] - cost end
  redis.call('HSET', key, 'tokens', tostring(levels[i]), 'ts', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(capacity * 1000 / rate) + 1000)
  out[#out + 1] = tostring(levels[i])
end
return out
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

export class TokenBuckets {
  private readonly local = new LocalTokenBuckets();

  constructor(
    private readonly redis: RedisClient,
    private readonly circuit: RedisCircuit,
    private readonly now: () => number = Date.now,
  ) {}

  charge(buckets: BucketSpec[], cost: number): Promise<ChargeResult> {
    const now = this.now();
    return this.circuit.run(
      'rate',
      () => this.chargeInRedis(buckets, cost, now),
      () => this.local.charge(buckets, cost, now),
    );
  }

  private async chargeInRedis(buckets: BucketSpec[], cost: number, now: number): Promise<ChargeResult> {
    const args: (string | number)[] = [now, cost];
    for (const bucket of buckets) args.push(bucket.capacity, bucket.refillPerSecond);
    const keys = buckets.map((b) => b.key);
    const reply = (await this.evaluate(keys, args)) as [number, number, ...string[]];
    const [allowed, wait, ...levels] = reply;
    return {
      allowed: allowed === 1,
      retryAfterMs: wait,
      buckets: buckets.map((bucket, i) => ({
        key: bucket.key,
        capacity: bucket.capacity,
        refillPerSecond: bucket.refillPerSecond,
        available: Math.floor(Number(levels[i])),
      })),
    };
  }

  /**
   * By the script's SHA: every request would otherwise send the whole script
   * (about 1 kB) for Redis to hash again. Sent in full only when Redis does not
   * know it yet (after a restart, or on a new node of a cluster).
   */
  private async evaluate(keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(SCRIPT_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(SCRIPT, keys.length, ...keys, ...args);
    }
  }
}
