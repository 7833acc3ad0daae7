import type { ApiContext } from '../context';
import type { BucketSpec, ChargeResult } from './bucket-types';

/** Enough for every caller refused within a few seconds; past it the oldest are forgotten (they then wait for Redis again). */
const MAX_REMEMBERED = 10_000;

/**
 * The buckets Redis refused lately, until they have refilled, in this
 * process. A caller within its limits has its query run while Redis answers;
 * one refused lately waits for the answer first, so a throttled client
 * hammering the api gets nothing run for it but the first refused request of
 * each wait. Forgetting a bucket early is safe: its next request just waits
 * for Redis.
 */
export class RecentRefusals {
  private readonly until = new Map<string, number>();
  private readonly waits = new WeakMap<ApiContext, number>();

  constructor(private readonly now: () => number = Date.now) {}

  record(context: ApiContext, charged: ChargeResult): void {
    this.waits.set(context, charged.retryAfterMs);
    const until = this.now() + charged.retryAfterMs;
    for (const bucket of charged.buckets) {
      if (bucket.available >= 1) continue;
      this.until.delete(bucket.key);
      this.until.set(bucket.key, until);
    }
    // Insertion order is age order: drop the oldest first.
    for (const key of this.until.keys()) {
      if (this.until.size <= MAX_REMEMBERED) break;
      this.until.delete(key);
    }
  }

  recentlyRefused(buckets: BucketSpec[]): boolean {
    const now = this.now();
    for (const bucket of buckets) {
      const until = this.until.get(bucket.key);
      if (until === undefined) continue;
      if (until > now) return true;
      this.until.delete(bucket.key);
    }
    return false;
  }

  /** The wait told to a request refused while it ran. */
  retryAfterMs(context: ApiContext): number {
    return this.waits.get(context) ?? 1000;
  }
}
