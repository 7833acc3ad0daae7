import type { EntityManager } from '@mikro-orm/core';

/**
 * Every timestamp an entity gets by itself (when it was created, when it last
 * changed) comes from the process's one clock, the same one the services use:
 * on a demo's shifted clock or a test's manual one, `updatedAt` is never
 * before `createdAt`. The clock is bound to an ORM's configuration, which
 * every EntityManager forked from it shares.
 */
export interface TimeSource {
  now(): Date;
}

const clocks = new WeakMap<object, TimeSource>();
const realTime: TimeSource = { now: () => new Date() };

export function bindEntityClock(ormConfig: object, clock: TimeSource): void {
  clocks.set(ormConfig, clock);
}

/** For a property's `onCreate` / `onUpdate`: the time on the clock bound to the entity's ORM. */
export function clockNow(_entity: unknown, em: EntityManager): Date {
  return (clocks.get(em.config) ?? realTime).now();
}
