import type { TenantContext } from '../context';
import { DOMAIN_EVENT_TYPES, DomainEvent, DomainEventType, EventOf } from './domain-events';

/**
 * The in-process dispatcher. `publish` runs every subscriber of the event, one
 * after another in the order they were wired, with the publisher's context:
 * the same EntityManager and the same transaction. Subscribers only write rows
 * and schedule durable actions, so nothing leaves the process before the
 * change commits, and a failing subscriber rolls the whole change back.
 */
export type Subscriber<T extends DomainEventType> = (ctx: TenantContext, event: EventOf<T>) => Promise<void>;

export interface Subscription {
  event: DomainEventType;
  /** `<folder>.<function>`: how the snapshot names it. */
  name: string;
  handle: (ctx: TenantContext, event: DomainEvent) => Promise<void>;
}

/** One subscription of a folder's function to one event type. */
export function on<T extends DomainEventType>(folder: string, event: T, subscriber: Subscriber<T>): Subscription {
  if (!subscriber.name) throw new Error(`A subscriber of ${event} in ${folder} needs a name`);
  return { event, name: `${folder}.${subscriber.name}`, handle: (ctx, published) => subscriber(ctx, published as EventOf<T>) };
}

let wired: ReadonlyMap<DomainEventType, readonly Subscription[]> | null = null;

/** Puts the process's subscriptions in place (the api, the worker and the CLI do it once at start). */
export function installSubscriptions(subscriptions: readonly Subscription[]): void {
  wired = bySubscribedEvent(subscriptions);
}

export async function publish(ctx: TenantContext, event: DomainEvent): Promise<void> {
  // A process that forgot its wiring would drop every message and webhook without a word: refuse instead.
  if (!wired) throw new Error(`${event.type} published before the domain events were wired`);
  for (const subscription of wired.get(event.type) ?? []) await subscription.handle(ctx, event);
}

function bySubscribedEvent(subscriptions: readonly Subscription[]): Map<DomainEventType, Subscription[]> {
  const map = new Map<DomainEventType, Subscription[]>();
  for (const subscription of subscriptions) {
    const list = map.get(subscription.event) ?? [];
    if (list.some((other) => other.name === subscription.name)) throw new Error(`${subscription.name} subscribes to ${subscription.event} twice`);
    list.push(subscription);
    map.set(subscription.event, list);
  }
  return map;
}

/** Every event type with its subscribers in the order they run: the reviewed snapshot of who reacts to what. */
export function renderSubscriptions(subscriptions: readonly Subscription[]): string {
  const map = bySubscribedEvent(subscriptions);
  const lines = DOMAIN_EVENT_TYPES.map((type) => {
    const names = (map.get(type) ?? []).map((subscription) => subscription.name);
    return `${type}: ${names.length ? names.join(', ') : '(no subscriber)'}`;
  });
  return `${lines.join('\n')}\n`;
}
