import { on, Subscription } from '../events/dispatcher';
import { recordMetricFacts } from './metric-facts';

/** The service figures' facts follow every measurement of a ticket's clocks. */
export const reportsSubscriptions: readonly Subscription[] = [on('reports', 'TicketClocksMeasured', recordMetricFacts)];
