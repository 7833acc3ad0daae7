import type { BucketSpec, ChargeResult } from './bucket-types';

interface Level {
  tokens: number;
  at: number;
}

/**
 * Memory is bounded whatever the callers: beyond this many buckets, those
 * untouched for an hour go (refilled by then: the same as no bucket), then the
 * least recently used, down to nine tenths so that pruning is rare.
 */
const MAX_BUCKETS = 100_000;
const IDLE_MS = 3600_000;

/**
 * The same token buckets as the Redis script, kept in this process: what
 * limits a caller while Redis is away. Each api instance then counts on its
 * own, so a caller spreading requests over N instances gets up to N times its
 * bucket; still a bound, and only for as long as the outage lasts.
 */
export class LocalTokenBuckets {
  private readonly levels = new Map<string, Level>();

  charge(buckets: BucketSpec[], cost: number, now: number): ChargeResult {
    const tokens = buckets.map((bucket) => {
      const level = this.levels.get(bucket.key);
      if (!level) return bucket.capacity;
      return Math.min(bucket.capacity, level.tokens + (Math.max(0, now - level.at) * bucket.refillPerSecond) / 1000);
    });
    let wait = 0;
    buckets.forEach((bucket, i) => {
      if (tokens[i] < cost) wait = Math.max(wait, Math.ceil(((Math.min(cost, bucket.capacity) - tokens[i]) * 1000) / bucket.refillPerSecond));
    });
    const allowed = wait === 0;
    const after = tokens.map((level) => (allowed ? level - cost : level));
    buckets.forEach((bucket, i) => {
      // Re-inserted so that the map's order is the order of last use.
      this.levels.delete(bucket.key);
      this.levels.set(bucket.key, { tokens: after[i], at: now });
    });
    if (this.levels.size > MAX_BUCKETS) this.prune(buckets, now);
    return {
      allowed,
      retryAfterMs: wait,
      buckets: buckets.map((bucket, i) => ({ ...bucket, available: Math.floor(after[i]) })),
    };
  }

  private prune(current: BucketSpec[], now: number): void {
    for (const [key, level] of this.levels) {
      if (now - level.at > IDLE_MS) this.levels.delete(key);
    }
    const keep = new Set(current.map((bucket) => bucket.key));
    for (const key of this.levels.keys()) {
      if (this.levels.size <= MAX_BUCKETS * 0.9) break;
      if (!keep.has(key)) this.levels.delete(key);
    }
  }
}
