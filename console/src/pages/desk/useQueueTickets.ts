import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import type { DeskQueuePageQuery, TicketStatus } from '../../gql/graphql';
import { QUEUE_NEXT_PAGES, QUEUE_PAGE } from './queue.queries';
import { compareUrgency, Urgency, urgencyOf } from './urgency';

export type QueueTicket = DeskQueuePageQuery['tickets']['edges'][number]['node'];
export interface QueueRow {
  ticket: QueueTicket;
  urgency: Urgency;
}

/** At most this many open tickets are read. */
const MAX_TICKETS = 2000;
/** The first page holds a screenful and more, so the queue shows as soon as the api can answer; the rest come QUEUE_NEXT_PAGES at a time. */
const FIRST_PAGE = 30;
const NEXT_PAGES = QUEUE_NEXT_PAGES;

/**
 * The store's open tickets, every page of them, most urgent first. The api
 * orders them by their clocks as of now (`sort: URGENCY`), so the first page
 * already holds the most urgent and the queue is usable as soon as it
 * arrives; later pages fill in the rest behind it.
 */
export function useQueueTickets(statuses: TicketStatus[], assigneeId: string | null) {
  const client = useApolloClient();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [complete, setComplete] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = `${statuses.join(',')}|${assigneeId ?? ''}`;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setComplete(false);
    setError(null);
    void (async () => {
      try {
        const tickets: QueueTicket[] = [];
        let after: string | null = null;
        // Each page is shown as it arrives (the first in a fraction of a second), re-sorted with those before it.
        do {
          const result = await pageWithinRateLimit(() =>
            client.query({
              query: QUEUE_PAGE,
              variables: { first: after ? NEXT_PAGES : FIRST_PAGE, after, status: statuses, assigneeId },
              fetchPolicy: 'no-cache',
            }),
          );
          if (!current) return;
          const page = result.data!.tickets;
          tickets.push(...page.edges.map((edge) => edge.node));
          after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
          setRows(tickets.map((ticket) => ({ ticket, urgency: urgencyOf(ticket.slaClocks) })).sort((a, b) => compareUrgency(a.urgency, b.urgency)));
          setComplete(!after || tickets.length >= MAX_TICKETS);
        } while (after && tickets.length < MAX_TICKETS);
      } catch (failure) {
        if (current) setError(failure);
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
  }, [client, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { rows, error, loading, complete, reload };
}

/**
 * A page of 80 tickets with their clocks costs about 880 of the caller's query-cost budget, so
 * a long queue can run into THROTTLED: the api says when the budget has
 * refilled enough, and the next page is asked for then (the rows already in
 * are shown meanwhile).
 */
async function pageWithinRateLimit<T>(ask: () => Promise<{ data?: T }>, attempts = 20): Promise<{ data?: T }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      const extensions = CombinedGraphQLErrors.is(error) ? (error.errors[0]?.extensions as { code?: string; retryAfterMs?: number } | undefined) : undefined;
      if (extensions?.code !== 'THROTTLED' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(extensions.retryAfterMs ?? 1000, 200), 15000)));
    }
  }
}
