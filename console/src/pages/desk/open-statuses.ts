import type { TicketStatus } from '../../gql/graphql';

/** The states in which a ticket is still the store's work (the queue shows these). */
export const OPEN_STATUSES: TicketStatus[] = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_PARTS', 'WAITING_CUSTOMER', 'REOPENED', 'RESOLVED'];
