import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { planRateLimit } from '../../domain/billing/entitlements';
import type { Config } from '../../infra/config';
import type { ApiContext } from '../context';
import { NetworkSizes } from './network-sizes';
import { queryCost } from './query-cost';
import { RecentRefusals } from './recent-refusals';
import { BucketSpec, ChargeResult, TokenBuckets } from './token-bucket';

/**
 * Prices each operation before it runs, refuses it when it costs more than one
 * request may, charges it to the caller's buckets (the key or user, and its
 * tenant; anonymous callers by address) and reports the cost in
 * `extensions.cost` as Shopify does.
 */
export function costPlugin(config: Config, buckets: TokenBuckets): ApolloServerPlugin<ApiContext> {
  const networkSizes = new NetworkSizes();
  const refusals = new RecentRefusals();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, operationName, contextValue, schema }) {
          const variables = request.variables ?? {};
          const priced = queryCost(schema, document, operationName, variables);
          // Priced again with the caller's network size only when a field's work grows with it.
          const cost =
            priced.dependsOnNetworkSize && contextValue.tenant
              ? queryCost(schema, document, operationName, variables, { networkStores: await networkSizes.storesOf(contextValue.tenant) }).cost
              : priced.cost;
          const requested = { requestedQueryCost: cost, maximumCost: config.MAX_QUERY_COST };
          if (cost > config.MAX_QUERY_COST) {
            contextValue.cost = requested;
            throw new GraphQLError(`Query cost ${cost} exceeds the maximum of ${config.MAX_QUERY_COST}`, {
              extensions: { code: 'MAX_COST_EXCEEDED', http: { status: 400 } },
            });
          }
          const tenantLimit = contextValue.tenant ? await planRateLimit(contextValue.tenant) : null;
          const specs = bucketsFor(contextValue, config, tenantLimit);
          const charging = buckets.charge(specs, cost).then((charged) => settle(contextValue, charged, requested, refusals));
          // A query of a caller within its limits runs while Redis answers, and is held back
          // (rolled back, answered THROTTLED) if Redis refuses it. A mutation, and any request
          // of a caller refused lately, waits for the answer before it runs: nothing is done for it.
          if (operation?.operation === 'query' && !refusals.recentlyRefused(specs)) {
            contextValue.charge = charging.then((refusal) => refusal === null);
            return;
          }
          const refusal = await charging;
          if (refusal) throw refusal;
        },
        async willSendResponse({ response, contextValue }) {
          if (contextValue.charge && !(await contextValue.charge) && response.body.kind === 'single') {
            const refusal = throttledError(refusals.retryAfterMs(contextValue));
            response.body.singleResult = {
              errors: [{ message: refusal.message, extensions: { code: 'THROTTLED', retryAfterMs: refusal.extensions.retryAfterMs } }],
            };
            response.http.status = 429;
            response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(Number(refusal.extensions.retryAfterMs) / 1000))));
          }
          if (contextValue.cost && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: contextValue.cost };
          }
        },
      };
    },
  };
}

/** Records the buckets' levels in the context; the THROTTLED error when the request may not run, else null. */
function settle(context: ApiContext, charged: ChargeResult, requested: Record<string, unknown>, refusals: RecentRefusals): GraphQLError | null {
  const tightest = charged.buckets.reduce((a, b) => (b.available / b.capacity < a.available / a.capacity ? b : a));
  context.cost = {
    ...requested,
    throttleStatus: {
      maximumAvailable: tightest.capacity,
      currentlyAvailable: Math.max(0, tightest.available),
      restoreRate: tightest.refillPerSecond,
    },
  };
  if (charged.allowed) return null;
  refusals.record(context, charged);
  return throttledError(charged.retryAfterMs);
}

function throttledError(retryAfterMs: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Throttled: retry in ${seconds} s`, {
    extensions: {
      code: 'THROTTLED',
      retryAfterMs,
      http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
    },
  });
}

/** `tenantLimit`: the store's plan's limit when billing applies; otherwise the configured one. */
function bucketsFor(context: ApiContext, config: Config, tenantLimit: { capacity: number; refillPerSecond: number } | null): BucketSpec[] {
  const prefix = config.REDIS_PREFIX;
  if (!context.caller) return [anonymousBucket(config, context.clientAddress)];
  const { tenantId, principal } = context.caller;
  // The hash tag keeps a tenant's buckets in one Redis Cluster slot, so one script can touch both.
  return [
    {
      key: `${prefix}:rate:{${tenantId}}:${principal.kind}:${principal.id}`,
      capacity: config.RATE_LIMIT_KEY_CAPACITY,
      refillPerSecond: config.RATE_LIMIT_KEY_REFILL_PER_SECOND,
    },
    {
      key: `${prefix}:rate:{${tenantId}}:tenant`,
      capacity: tenantLimit?.capacity ?? config.RATE_LIMIT_TENANT_CAPACITY,
      refillPerSecond: tenantLimit?.refillPerSecond ?? config.RATE_LIMIT_TENANT_REFILL_PER_SECOND,
    },
  ];
}

/** The bucket of callers without a credential, per client address: shared by every route that lets them in (sign-in, refresh). */
export function anonymousBucket(config: Config, clientAddress: string): BucketSpec {
  return {
    key: `${config.REDIS_PREFIX}:rate:{anon:${clientAddress}}`,
    capacity: config.RATE_LIMIT_ANONYMOUS_CAPACITY,
    refillPerSecond: config.RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND,
  };
}
