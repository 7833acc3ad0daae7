import { readFileSync } from 'node:fs';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { DOMAIN_EVENT_TYPES, DomainEvent } from '../domain/events/domain-events';
import { installSubscriptions, on, publish, renderSubscriptions } from '../domain/events/dispatcher';
import { DOMAIN_EVENT_SUBSCRIPTIONS } from '../domain/wiring/domain-event-subscriptions';
import type { EntityManager } from '../domain/ports/database';
import { TenantKind } from '../core/enums';
import type { Ticket } from '../schema/entities';

/**
 * Who reacts to which domain event, in which order, is reviewed like the
 * permissions: `test/domain-events.snapshot.txt` (`npm run events:snapshot`
 * after a change, then read the diff).
 */
describe('domain events', () => {
  it('are subscribed to as the reviewed snapshot says', () => {
    const snapshot = readFileSync(`${__dirname}/domain-events.snapshot.txt`, 'utf8');
    expect(renderSubscriptions(DOMAIN_EVENT_SUBSCRIPTIONS)).toBe(snapshot);
    expect(
      snapshot
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
    ).toEqual([...DOMAIN_EVENT_TYPES]);
  });

  // A bare context: these subscribers touch nothing but the list below.
  const ctx = { tenantId: 't', tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em: {} as EntityManager, clock: systemClock } as TenantContext;
  const ticket = { id: 'ticket-1' } as Ticket;

  it('are refused before the process wired its subscribers, instead of being dropped', async () => {
    // A fresh dispatcher, as a process has before its start wires it (the test setup wires this one).
    let unwired: typeof publish = publish;
    jest.isolateModules(() => {
      unwired = (jest.requireActual('../domain/events/dispatcher') as { publish: typeof publish }).publish;
    });
    expect(unwired).not.toBe(publish);
    await expect(unwired(ctx, { type: 'TicketNoteAdded', ticket })).rejects.toThrow('TicketNoteAdded published before the domain events were wired');
  });

  it('run their subscribers one after another, in wiring order, with the publisher context', async () => {
    const heard: string[] = [];
    async function first(seen: TenantContext, event: DomainEvent): Promise<void> {
      await new Promise((done) => setTimeout(done, 10));
      heard.push(`first ${event.type} ${seen === ctx}`);
    }
    async function second(seen: TenantContext, event: DomainEvent): Promise<void> {
      heard.push(`second ${event.type} ${seen === ctx}`);
    }
    installSubscriptions([on('a', 'TicketNoteAdded', first), on('b', 'TicketNoteAdded', second), on('b', 'PartArrived', second)]);
    await publish(ctx, { type: 'TicketNoteAdded', ticket });
    await publish(ctx, { type: 'TicketDetailsChanged', ticket });
    expect(heard).toEqual(['first TicketNoteAdded true', 'second TicketNoteAdded true']);
  });

  it('stop at a failing subscriber, so the change that published them fails whole', async () => {
    const heard: string[] = [];
    async function failing(): Promise<void> {
      throw new Error('no');
    }
    async function later(): Promise<void> {
      heard.push('later');
    }
    installSubscriptions([on('a', 'PartArrived', failing), on('b', 'PartArrived', later)]);
    await expect(publish(ctx, { type: 'PartArrived', ticket, part: {} as never })).rejects.toThrow('no');
    expect(heard).toEqual([]);
  });

  it('refuse a subscriber wired twice to the same event', () => {
    async function twice(): Promise<void> {}
    expect(() => installSubscriptions([on('a', 'PartArrived', twice), on('a', 'PartArrived', twice)])).toThrow('a.twice subscribes to PartArrived twice');
  });
});
