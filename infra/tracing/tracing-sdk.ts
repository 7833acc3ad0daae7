import type { IncomingMessage } from 'node:http';
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/project-root';
import type { Tracing } from './start-tracing';

/** Probes answer many times a minute and tell nothing about a user's request: they are not traced. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The SDK, loaded only when tracing is on (see start-tracing.ts): spans of
 * incoming and outgoing HTTP requests and of every SQL statement made on
 * behalf of a traced request or action run, sent in batches over OTLP/HTTP
 * (JSON). GraphQL operations and action runs have spans of our own
 * (api/graphql/operation-span.ts, worker/actions/action-run-span.ts).
 */
export function startTracingSdk(tracesUrl: string, serviceName: string): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: packageVersion() }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  });
  // The global provider, the AsyncLocalStorage context manager and the W3C trace context propagator.
  provider.register();
  const disable = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        // A call out (a webhook, Stripe) is traced as part of what made it, never as a trace of its own.
        requireParentforOutgoingSpans: true,
      }),
      // The relay's and the sweeps' polling is no one's request: only statements inside a traced span become spans.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  return {
    tracesUrl,
    async shutdown() {
      disable();
      // A collector that is down must not fail the shutdown: its spans are lost, the process's work is not.
      await provider.shutdown().catch(() => undefined);
      trace.disable();
    },
  };
}

function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}
