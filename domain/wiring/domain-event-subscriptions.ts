import { callbackSubscriptions } from '../callbacks/ticket-subscribers';
import { installSubscriptions, Subscription } from '../events/dispatcher';
import { notificationSubscriptions } from '../notifications/ticket-subscribers';
import { reportsSubscriptions } from '../reports/ticket-subscribers';
import { standardsSubscriptions } from '../standards/ticket-subscribers';
import { webhookSubscriptions } from '../webhooks/ticket-subscribers';

/**
 * Who reacts to which domain event, in one place: the only module that knows
 * both the publishers' events and every subscriber. The processes (api,
 * worker, CLI) wire it at start; no domain folder imports it.
 *
 * Subscribers of an event run in this order: the customer's message, then
 * partners' webhooks, then the callback, then the ticket's clocks and watch
 * (last, so the watch sees everything the change wrote). The clocks' own
 * measurement (published by the standards) is counted by the reports.
 * `test/domain-events.snapshot.txt` is the reviewed list (`npm run events:snapshot`).
 */
export const DOMAIN_EVENT_SUBSCRIPTIONS: readonly Subscription[] = [
  ...notificationSubscriptions,
  ...webhookSubscriptions,
  ...callbackSubscriptions,
  ...standardsSubscriptions,
  ...reportsSubscriptions,
];

export function wireDomainEvents(): void {
  installSubscriptions(DOMAIN_EVENT_SUBSCRIPTIONS);
}
