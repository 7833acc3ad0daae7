import { on, Subscription } from '../events/dispatcher';
import { CARE_CHANGES, recordCareFacts } from './care-facts';
import { recordMetricFacts } from './metric-facts';
import { recordVolumeFacts } from './volume-facts';

/**
 * The service figures' facts and the ticket-volume facts follow every
 * measurement of a ticket's clocks; the customer-care figures' facts follow
 * the changes of tickets, callbacks and paid orders that move them.
 */
export const reportsSubscriptions: readonly Subscription[] = [
  ...CARE_CHANGES.map((event) => on('reports', event, recordCareFacts)),
  on('reports', 'TicketClocksMeasured', recordMetricFacts),
  on('reports', 'TicketClocksMeasured', recordVolumeFacts),
];
