import type { RedisClient } from '../../infra/redis';

/** What the circuit tells the outside: its state as a metric and a log line, each local decision as a count. */
export interface CircuitObserver {
  redisDown(error: unknown): void;
  redisBack(): void;
  decidedLocally(limiter: string): void;
}

/**
 * Whether the edge's limits may count on Redis, circuit-breaker style. While
 * Redis answers, every call goes to it (api instances share their counts).
 * The first call that fails or times out opens the circuit: from then on every
 * call is decided in the process at once, without a request waiting for Redis
 * to time out, and Redis is pinged in the background every `probeIntervalMs`
 * until it answers; then the circuit closes and the counts are shared again.
 */
export class RedisCircuit {
  private open = false;
  private probe: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly probeIntervalMs: number,
    private readonly observer: CircuitObserver,
  ) {}

  /** True while limits are counted per process. */
  get isOpen(): boolean {
    return this.open;
  }

  async run<T>(limiter: string, remote: () => Promise<T>, local: () => T): Promise<T> {
    if (!this.open) {
      // A connection that is not ready fails every command at once (no offline queue); no need to try.
      if (this.redis.status !== 'ready') {
        this.trip(new Error(`Redis connection is ${this.redis.status}`));
      } else {
        try {
          return await remote();
        } catch (error) {
          this.trip(error);
        }
      }
    }
    this.observer.decidedLocally(limiter);
    return local();
  }

  close(): void {
    clearInterval(this.probe);
    this.probe = undefined;
  }

  private trip(error: unknown): void {
    if (this.open) return;
    this.open = true;
    this.observer.redisDown(error);
    let probing = false;
    this.probe = setInterval(() => {
      if (probing || this.redis.status !== 'ready') return;
      probing = true;
      this.redis
        .ping()
        .then(() => {
          if (!this.open) return;
          this.open = false;
          this.close();
          this.observer.redisBack();
        })
        .catch(() => undefined)
        .finally(() => {
          probing = false;
        });
    }, this.probeIntervalMs);
    // The probe alone must never keep a stopping process alive.
    this.probe.unref();
  }
}
