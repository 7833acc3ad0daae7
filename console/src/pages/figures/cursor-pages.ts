import { useState } from 'react';

/** Pages of a connection read forward by cursor, with the way back: the cursors of the pages seen so far. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    /** The cursor the page shown starts after (null: the first page). */
    after: cursors[cursors.length - 1],
    /** 0 for the first page. */
    page: cursors.length - 1,
    next: (endCursor: string | null | undefined) => setCursors((stack) => [...stack, endCursor ?? null]),
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;
