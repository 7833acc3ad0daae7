import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiContext } from '../context';
import { clientErrorCode } from '../graphql/errors';
import type { CircuitObserver } from '../limits/redis-circuit';

/** Prometheus metrics of the api process, served at GET /metrics. */
export interface ApiMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<ApiContext>;
  /** Says, as a gauge, a counter and a log line, when the limits count per process because Redis is away. */
  limitsObserver(log: Logger): CircuitObserver;
}

/** `extraOperationNames`: names labelled as they are besides the schema's root fields (METRICS_OPERATION_NAMES). */
export function createApiMetrics(extraOperationNames: readonly string[] = []): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name (known names only, others "other"), type and outcome (ok, error code)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, by name (known names only, others "other") and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const fallback = new Gauge({
    name: 'rate_limit_fallback_active',
    help: '1 while Redis is unreachable and rate limits and the login throttle count in this process alone, else 0',
    registers: [registry],
  });
  fallback.set(0);
  const localDecisions = new Counter({
    name: 'rate_limit_local_decisions_total',
    help: 'Decisions taken in this process because Redis was unreachable, by limiter (rate: cost buckets, login: the login throttle)',
    labelNames: ['limiter'] as const,
    registers: [registry],
  });

  const plugin: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors, schema }) {
          const name = !operation ? 'invalid' : boundedOperationName(operationName ?? null, schema, extraOperationNames);
          const type = operation?.operation ?? 'unknown';
          // The code the client was shown, from a fixed set: never a code some error made up.
          const outcome = errors?.length ? clientErrorCode(errors[0]) : 'ok';
          operations.inc({ operation: name, type, outcome });
          duration.observe({ operation: name, type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };

  return {
    registry,
    plugin,
    limitsObserver: (log) => ({
      redisDown(error) {
        fallback.set(1);
        log.warn({ err: error }, 'Redis is unreachable: rate limits and the login throttle now count in this process alone, until Redis answers again');
      },
      redisBack() {
        fallback.set(0);
        log.info('Redis answers again: rate limits and the login throttle are shared again');
      },
      decidedLocally(limiter) {
        localDecisions.inc({ limiter });
      },
    }),
  };
}

const knownBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/**
 * An operation's name as a label (or a span's name): the name itself when the
 * server knows it, `other` when a client made it up, `anonymous` when it has
 * none. Names come from clients: only names the server knows become labels,
 * so no client can make new series.
 */
export function boundedOperationName(operationName: string | null, schema: GraphQLSchema, extraOperationNames: readonly string[]): string {
  if (!operationName) return 'anonymous';
  let known = knownBySchema.get(schema);
  if (!known) {
    known = knownOperationNames(schema, extraOperationNames);
    knownBySchema.set(schema, known);
  }
  return known.has(operationName) ? operationName : 'other';
}

/**
 * The operation names worth a series of their own: the schema's root fields,
 * as named (`tickets`) and as clients conventionally name operations after
 * them (`Tickets`), and the configured extra names. The schema bounds them.
 */
export function knownOperationNames(schema: GraphQLSchema, extra: readonly string[]): ReadonlySet<string> {
  const names = new Set(extra);
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) {
      names.add(field);
      names.add(field[0].toUpperCase() + field.slice(1));
    }
  }
  return names;
}
