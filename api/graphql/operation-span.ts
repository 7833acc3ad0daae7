import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ApiContext } from '../context';
import { boundedOperationName } from '../http/metrics';
import { clientErrorCode } from './errors';

const tracer = trace.getTracer('aftersales-api');

/**
 * One span per GraphQL operation, around everything Apollo does for it, so
 * the SQL statements of its resolvers are its children (no span per resolver:
 * a page of tickets would make hundreds). Used only when tracing is on.
 */
export function inOperationSpan<Handler extends (...args: never[]) => unknown>(handler: Handler): Handler {
  const traced = function (this: unknown, ...args: Parameters<Handler>) {
    return tracer.startActiveSpan('graphql', async (span) => {
      try {
        return await Reflect.apply(handler, this, args);
      } finally {
        span.end();
      }
    });
  };
  return traced as unknown as Handler;
}

/**
 * Names the operation's span once Apollo has resolved the operation:
 * `mutation RegisterTicket`, by the same known names as /metrics (an invented
 * name is `other`), so span names stay a bounded set; the name as sent is kept
 * as an attribute. An operation that failed says so with the client's code.
 */
export function operationSpanPlugin(extraOperationNames: readonly string[]): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName, schema }) {
          if (!operation) return;
          const type = operation.operation;
          span.updateName(`${type} ${boundedOperationName(operationName ?? null, schema, extraOperationNames)}`);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async willSendResponse({ errors }) {
          if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR, message: clientErrorCode(errors[0]) });
        },
      };
    },
  };
}
