import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { planRateLimit } from '../../domain/billing/entitlements';
import type { Config } from '../../infra/config';
import type { ApiContext } from '../context';
import { NetworkSizes } from './network-sizes';
import { queryCost } from './query-cost';
import { BucketSpec, TokenBuckets } from './token-bucket';

/**
 * Prices each operation before it runs, refuses it when it costs more than one
 * request may, charges it to the caller's buckets (the key or user, and its
 * tenant; anonymous callers by address) and reports the cost in
 * `extensions.cost` as Shopify does.
 */
export function costPlugin(config: Config, buckets: TokenBuckets): ApolloServerPlugin<ApiContext> {
  const networkSizes = new NetworkSizes();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, contextValue, schema }) {
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
          const charged = await buckets.charge(bucketsFor(contextValue, config, tenantLimit), cost);
          const tightest = charged.buckets.reduce((a, b) => (b.available / b.capacity < a.available / a.capacity ? b : a));
          contextValue.cost = {
            ...requested,
            throttleStatus: {
              maximumAvailable: tightest.capacity,
              currentlyAvailable: Math.max(0, tightest.available),
              restoreRate: tightest.refillPerSecond,
            },
          };
          if (!charged.allowed) {
            const seconds = Math.max(1, Math.ceil(charged.retryAfterMs / 1000));
            throw new GraphQLError(`Throttled: retry in ${seconds} s`, {
              extensions: {
                code: 'THROTTLED',
                retryAfterMs: charged.retryAfterMs,
                http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
              },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (contextValue.cost && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: contextValue.cost };
          }
        },
      };
    },
  };
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
