import type { Page } from '../../domain/pagination';
import type { ConnectionShape } from '../../schema/graphql/connection';

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
