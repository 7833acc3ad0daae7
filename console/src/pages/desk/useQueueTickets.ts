import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import type { DeskQueuePageQuery, TicketStatus } from '../../gql/graphql';
import { QUEUE_PAGE } from './queue.queries';
import { compareUrgency, Urgency, urgencyOf } from './urgency';

export type QueueTicket = DeskQueuePageQuery['tickets']['edges'][number]['node'];
export interface QueueRow {
  ticket: QueueTicket;
  urgency: Urgency;
}

/** At most this many open tickets are read (pages of 100, the API's cap). */
const MAX_TICKETS = 2000;

/**
 * The store's open tickets, every page of them, most urgent first. The API
 * computes each clock live; the order by next deadline is the browser's.
 */
export function useQueueTickets(statuses: TicketStatus[], assigneeId: string | null) {
  const client = useApolloClient();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const key = `${statuses.join(',')}|${assigneeId ?? ''}`;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    void (async () => {
      try {
        const tickets: QueueTicket[] = [];
        let after: string | null = null;
        do {
          const result: { data?: DeskQueuePageQuery } = await client.query({
            query: QUEUE_PAGE,
            variables: { first: 100, after, status: statuses, assigneeId },
            fetchPolicy: 'network-only',
          });
          const page = result.data!.tickets;
          tickets.push(...page.edges.map((edge) => edge.node));
          after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
        } while (after && tickets.length < MAX_TICKETS && current);
        if (!current) return;
        const sorted = tickets.map((ticket) => ({ ticket, urgency: urgencyOf(ticket.slaClocks) })).sort((a, b) => compareUrgency(a.urgency, b.urgency));
        setRows(sorted);
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
  return { rows, error, loading, reload };
}
