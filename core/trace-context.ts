import { context, Context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** Version 00 of W3C Trace Context: the only shape written, and the only one read back. */
const TRACE_PARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The W3C `traceparent` of the active span, to be stored with work that runs
 * later (a scheduled action), so that work continues the same trace. Null when
 * nothing is traced: with tracing off the API is a no-op and nothing is written.
 */
export function currentTraceParent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const value = carrier.traceparent;
  return value !== undefined && TRACE_PARENT.test(value) ? value : null;
}

/** The context a stored `traceparent` continues; the root context (a new trace) for none or a malformed one. */
export function contextOfTraceParent(traceParent: string | null | undefined): Context {
  if (!traceParent || !TRACE_PARENT.test(traceParent)) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent: traceParent });
}

/** The trace id (32 hex digits) of the active span; null when nothing is traced. */
export function currentTraceId(): string | null {
  return currentTraceParent()?.split('-')[1] ?? null;
}
