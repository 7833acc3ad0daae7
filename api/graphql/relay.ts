import { notFound, UserInputError } from '../../domain/errors';
import type { Page } from '../../domain/pagination';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { fromGlobalId, NodeType } from '../../core/global-id';
import type { UserError } from '../../schema/graphql/user-error';

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The uuid behind a global id of the expected type. A malformed id, or one of
 * another type, is NOT_FOUND: exactly what a well-formed id of another tenant
 * answers, so ids reveal nothing.
 */
export function idOf(globalId: string, type: NodeType): string {
  const decoded = fromGlobalId(globalId, type);
  if (!decoded) throw notFound(type);
  return decoded.id;
}

/** `idOf` for an optional id: absent stays absent. */
export function optionalIdOf(globalId: string | null | undefined, type: NodeType): string | null {
  return globalId ? idOf(globalId, type) : null;
}

/**
 * Runs a mutation: expected failures (UserInputError) become `userErrors`
 * with the object left null; anything else propagates as a GraphQL error.
 */
export async function withUserErrors<P extends { userErrors: UserError[] }>(
  run: () => Promise<Omit<P, 'userErrors'>>,
  empty: Omit<P, 'userErrors'>,
): Promise<P> {
  try {
    return { ...(await run()), userErrors: [] } as unknown as P;
  } catch (error) {
    if (error instanceof UserInputError) {
      const userErrors = [{ field: error.field, code: error.code, message: error.message }];
      return { ...empty, userErrors } as unknown as P;
    }
    throw error;
  }
}
