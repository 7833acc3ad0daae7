/** The shapes of token buckets, shared by the Redis buckets and the per-process ones they fall back to. */
export interface BucketSpec {
  key: string;
  capacity: number;
  refillPerSecond: number;
}

export interface BucketState {
  key: string;
  capacity: number;
  available: number;
  refillPerSecond: number;
}

export interface ChargeResult {
  allowed: boolean;
  /** Milliseconds until the most depleted bucket can pay; 0 when allowed. */
  retryAfterMs: number;
  buckets: BucketState[];
}
