import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceParent } from '../../core/trace-context';
import type { ActionRef, RunResult } from './run-action';

const tracer = trace.getTracer('aftersales-worker');

/** Outcomes that mean the action did not do its work this time. */
const FAILED: ReadonlySet<RunResult> = new Set(['RETRY_SCHEDULED', 'DEAD']);

/**
 * Runs one action inside a span that continues the trace stored with it: the
 * request that scheduled a ticket's first message and the worker's run that
 * sent it are one trace, hours apart if need be. The span is named by the
 * action's kind (a known set), so span names stay bounded. With tracing off
 * the API hands out a non-recording span and nothing is kept.
 */
export function inActionRunSpan(kind: string, ref: ActionRef, run: () => Promise<RunResult>): Promise<RunResult> {
  const options = {
    kind: SpanKind.CONSUMER,
    attributes: { 'aftersales.action.kind': kind, 'aftersales.action.id': ref.actionId, 'aftersales.tenant.id': ref.tenantId },
  };
  return tracer.startActiveSpan(`run ${kind}`, options, contextOfTraceParent(ref.traceParent), async (span) => {
    try {
      const result = await run();
      span.setAttribute('aftersales.action.result', result);
      if (FAILED.has(result)) span.setStatus({ code: SpanStatusCode.ERROR, message: result });
      return result;
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
