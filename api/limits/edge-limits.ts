import type { RedisClient } from '../../infra/redis';
import { LoginThrottle } from '../../domain/auth/login-throttle';
import { StatusLookupThrottle } from '../../domain/customer-status/lookup-throttle';
import type { Config } from '../../infra/config';
import { RedisAttemptCounters } from './login-attempts';
import { CircuitObserver, RedisCircuit } from './redis-circuit';
import { TokenBuckets } from './token-bucket';

/** The api's limits that count in Redis, behind one circuit: the cost buckets, the login throttle and the status page's. */
export interface EdgeLimits {
  circuit: RedisCircuit;
  buckets: TokenBuckets;
  loginThrottle: LoginThrottle;
  statusLookups: StatusLookupThrottle;
  close(): void;
}

export function createEdgeLimits(redis: RedisClient, config: Config, observer: CircuitObserver, now: () => number = Date.now): EdgeLimits {
  const circuit = new RedisCircuit(redis, config.REDIS_PROBE_INTERVAL_MS, observer);
  const maxDelayMs = config.LOGIN_MAX_DELAY_SECONDS * 1000;
  return {
    circuit,
    buckets: new TokenBuckets(redis, circuit, now),
    loginThrottle: new LoginThrottle(new RedisAttemptCounters(redis, circuit, config.REDIS_PREFIX), {
      account: { freeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES, firstDelayMs: config.LOGIN_ACCOUNT_FIRST_DELAY_SECONDS * 1000, maxDelayMs },
      address: { freeFailures: config.LOGIN_ADDRESS_FREE_FAILURES, firstDelayMs: config.LOGIN_ADDRESS_FIRST_DELAY_SECONDS * 1000, maxDelayMs },
    }),
    statusLookups: new StatusLookupThrottle(new RedisAttemptCounters(redis, circuit, config.REDIS_PREFIX, 'status')),
    close: () => circuit.close(),
  };
}
