import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { ApiContext } from '../context';
import { formatError } from './errors';

/**
 * The client of an operation that failed unexpectedly reads only "Internal
 * server error": the cause (the original error, with its stack) is logged
 * here, at error level, with the request id the client got in
 * `x-request-id`, so that every INTERNAL_SERVER_ERROR can be traced to why.
 */
export function internalErrorLogPlugin(logger: Logger): ApolloServerPlugin<ApiContext> {
  return {
    // A failure outside any resolver (the request's transaction failing to commit): Apollo logs only its message.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      logger.error({ err: error, requestId: requestContext.contextValue.requestId ?? null }, `unexpected error processing a GraphQL request: ${error.message}`);
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (!leavesAsInternal(error)) continue;
            logger.error(
              { err: error.originalError ?? error, requestId: contextValue.requestId, operationName: operationName ?? null, path: error.path ?? null },
              `internal error in GraphQL operation ${operationName ?? '(anonymous)'}: ${(error.originalError ?? error).message}`,
            );
          }
        },
      };
    },
  };
}

/** Exactly the errors the response formatter turns into INTERNAL_SERVER_ERROR. */
function leavesAsInternal(error: GraphQLError): boolean {
  return formatError(error.toJSON(), error, false).extensions?.code === 'INTERNAL_SERVER_ERROR';
}
