import { on, Subscription } from '../events/dispatcher';
import { recordMetricFacts } from './metric-facts';
import { recordVolumeFacts } from './volume-facts';

/** The service figures' facts and the ticket-volume facts follow every measurement of a ticket's clocks. */
export const reportsSubscriptions: readonly Subscription[] = [
  on('reports', 'TicketClocksMeasured', recordMetricFacts),
  on('reports', 'TicketClocksMeasured', recordVolumeFacts),
];
