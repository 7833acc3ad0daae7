import type { Page } from '../../domain/pagination';
import type { ConnectionShape } from '../../schema/graphql/connection';

/** A page as a Relay connection; `nodeOf` turns an item into the node the schema shows (its cursor stays the item's). */
export function toConnection<T>(page: Page<T>): ConnectionShape<T>;
export function toConnection<T, N>(page: Page<T>, nodeOf: (item: T) => N): ConnectionShape<N>;
export function toConnection<T, N>(page: Page<T>, nodeOf?: (item: T) => N): ConnectionShape<T | N> {
  const edges = page.items.map((item) => ({ cursor: page.cursorOf(item), node: nodeOf ? nodeOf(item) : item }));
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
