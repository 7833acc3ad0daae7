import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context';
import { finishRequestTransaction } from './request-context';

/**
 * Ends the request's transaction before the response leaves: a client never
 * sees a result that was not committed. Mutations have already rolled back
 * their own savepoints when they failed, so committing the rest is safe. A
 * query run while the rate limit was asked waits for its answer first.
 */
export function transactionPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            // A query the rate limit refused while it ran keeps nothing it did.
            const charged = contextValue.charge ? await contextValue.charge.catch(() => false) : true;
            await finishRequestTransaction(contextValue, charged ? 'commit' : 'rollback');
          } catch (error) {
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [{ message: 'The change could not be saved', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
              };
            }
            throw error;
          }
        },
      };
    },
  };
}
