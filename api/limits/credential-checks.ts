import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { ApiContext } from '../context';

/**
 * The root fields that check a credential sent in their arguments (a
 * password, a refresh token, a status link's token or a phone's last digits).
 * Each checks one: a request naming several (aliases, fragments) would buy
 * many guesses for the price of one request, so it is refused whole.
 */
const CREDENTIAL_FIELDS = new Set(['login', 'refreshSession', 'customerTicketStatus', 'customerTicketStatusByNumber']);

export function oneCredentialCheckPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document }) {
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          const checks = operation ? credentialChecks(operation, fragments) : 0;
          if (checks > 1) {
            throw new GraphQLError(`A request may check one credential; this one asks for ${checks} (${[...CREDENTIAL_FIELDS].join(', ')})`, {
              extensions: { code: 'MAX_CREDENTIAL_CHECKS_EXCEEDED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Counts every credential field the operation selects at its root, however it is spelled, included or skipped. */
export function credentialChecks(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const visiting = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (CREDENTIAL_FIELDS.has(selection.name.value)) total += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        // A fragment cycle is refused by validation; never loop on one here.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        total += count(fragment.selectionSet);
        visiting.delete(fragment.name.value);
      }
    }
    return total;
  };
  return count(operation.selectionSet);
}
