import { trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';

export interface LoggerOptions {
  /** Tracing is on: every line written while a span is active carries its trace_id and span_id. */
  traceIds?: boolean;
}

/** JSON logs on stdout; the same logger Fastify uses for its request logs. */
export function createLogger(level: string, name: string, options: LoggerOptions = {}): Logger {
  return pino({
    level,
    name,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(options.traceIds ? { mixin: traceIdsOfActiveSpan } : {}),
  });
}

/** The OpenTelemetry log data model's field names, so a log store can link each line to its trace. */
function traceIdsOfActiveSpan(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}`.slice(-2) };
}
export type { Logger };
