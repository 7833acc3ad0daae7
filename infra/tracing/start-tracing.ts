import type { Config } from '../config';

/** Tracing as a process runs it: spans are batched to the OTLP endpoint, and flushed on shutdown. */
export interface Tracing {
  /** Where spans go: the endpoint's `/v1/traces`. */
  tracesUrl: string;
  /** Sends the spans still buffered and stops the SDK (the last step of a graceful shutdown). */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set, and returns
 * null otherwise. Call it before the rest of the process is loaded: the
 * instrumentations hook HTTP, PostgreSQL and GraphQL as their modules load.
 *
 * With no endpoint nothing of the SDK is even read: the API the code calls
 * (`@opentelemetry/api`) stays its own no-op, so tracing off costs nothing.
 */
export async function startTracing(config: Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT'>, serviceName: string): Promise<Tracing | null> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  const { startTracingSdk } = await import('./tracing-sdk');
  return startTracingSdk(tracesUrlOf(endpoint), serviceName);
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the base URL of all signals; traces go to its `/v1/traces` (the OTLP/HTTP rule). */
export function tracesUrlOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
