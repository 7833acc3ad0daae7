import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { ActionKind, ActionState } from '../core/action-enums';
import { ActionProcessor, deferUntil, done, ProcessorDeps, retryLater } from '../domain/scheduling/processor';
import { cancelPendingActions, scheduleAction } from '../domain/scheduling/schedule';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { createLogger } from '../infra/logger';
import { ScheduledAction, Ticket } from '../schema/entities';
import { RunningActionWorkers, startActionWorkers } from '../worker/actions/action-workers';
import { ProcessorRegistry, runAction } from '../worker/actions/run-action';
import { bullPrefix } from '../domain/scheduling/queues';
import { drainDueActions } from './support/action-driver';
import { provisionTestNetwork } from './support/network';
import { countStatements } from './support/statement-counter';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The engine of time-driven work on real PostgreSQL, Redis and BullMQ: actions
 * are rows written with their cause, run once when due, retried with backoff,
 * dead-lettered after their last attempt, and survive the loss of Redis.
 */
let db: TestDatabase;
let orm: Orm;
let storeA: string;
const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
const processorDeps: ProcessorDeps = {
  channels: { email: { send: async () => ({ providerReference: 'unused' }) }, sms: null },
  fetch,
  publicBaseUrl: 'http://localhost',
  webhookTimeoutMs: 1000,
};

/** Counts runs per action; what each run answers is set per test. */
const runs = new Map<string, number>();
let answer: (action: ScheduledAction) => ReturnType<ActionProcessor> = async () => done();
const counting: ActionProcessor = async ({ action }) => {
  runs.set(action.idempotencyKey, (runs.get(action.idempotencyKey) ?? 0) + 1);
  return answer(action);
};
const processors: ProcessorRegistry = { [ActionKind.NOTIFICATION]: counting, [ActionKind.WEBHOOK_DELIVERY]: counting };

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 6);
  await provisionTestNetwork(orm);
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
  await admin.end();
});

afterAll(async () => {
  await orm.close();
  await db.drop();
});

beforeEach(() => {
  runs.clear();
  answer = async () => done();
});

function asStore<T>(work: (ctx: TenantContext) => Promise<T>): Promise<T> {
  return inTenantTransaction(orm, storeA, (em) => work({ tenantId: storeA, tenantKind: 'STORE' as never, principal: SYSTEM_PRINCIPAL, em, clock }));
}

async function schedule(key: string, inMinutes: number, kind = ActionKind.NOTIFICATION): Promise<string> {
  return asStore(async (ctx) => {
    const action = await scheduleAction(ctx, { kind, key, dueAt: new Date(clock.now().getTime() + inMinutes * 60_000) });
    await ctx.em.flush();
    return action.id;
  });
}

function read(id: string): Promise<ScheduledAction> {
  return asStore((ctx) => ctx.em.findOneOrFail(ScheduledAction, { tenantId: storeA, id }));
}

const drain = () => drainDueActions(orm, clock, processorDeps, { processors });

test('an action runs once when due, not before, and scheduling its key again is a no-op', async () => {
  const id = await schedule('once', 10);
  expect(await schedule('once', 99)).toBe(id);
  await drain();
  expect(runs.get('once')).toBeUndefined();
  clock.advance(10 * 60_000);
  await drain();
  await drain();
  expect(runs.get('once')).toBe(1);
  expect((await read(id)).state).toBe(ActionState.DONE);
});

test('a failing action is retried with growing, jittered delays and dead-lettered after its last attempt', async () => {
  answer = async () => retryLater('endpoint answered 500');
  const id = await schedule('flaky', 0, ActionKind.WEBHOOK_DELIVERY);
  const delays: number[] = [];
  for (let i = 0; i < 20; i++) {
    await drain();
    const action = await read(id);
    if (action.state !== ActionState.PENDING) break;
    delays.push(action.dueAt.getTime() - clock.now().getTime());
    clock.set(action.dueAt);
  }
  const action = await read(id);
  expect(action.state).toBe(ActionState.DEAD);
  expect(action.attempts).toBe(action.maxAttempts);
  expect(action.lastError).toBe('endpoint answered 500');
  expect(runs.get('flaky')).toBe(action.maxAttempts);
  // each wait at least as long as the one before, and about a day in all
  for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
  const total = delays.reduce((sum, delay) => sum + delay, 0);
  expect(total).toBeGreaterThan(20 * 3600_000);
  expect(total).toBeLessThan(36 * 3600_000);
});

test('a processor that throws leaves none of its writes and counts the attempt', async () => {
  answer = async (action) => {
    action.payload = { written: true }; // would be kept if the attempt succeeded
    throw new Error('database said no');
  };
  const id = await schedule('throws', 0);
  await drain();
  const action = await read(id);
  expect(action.state).toBe(ActionState.PENDING);
  expect(action.attempts).toBe(1);
  expect(action.lastError).toBe('database said no');
  expect(action.payload).toEqual({});
  expect(action.dueAt.getTime()).toBeGreaterThan(clock.now().getTime());
});

test('a run whose processor reads and writes nothing costs four statements: BEGIN, the lock and read, the completion, COMMIT', async () => {
  const runner = { orm, clock, processors, processorDeps };
  // The first run of a tenant in a process also reads the tenant's kind, once.
  await runAction(runner, { tenantId: storeA, actionId: await schedule('warm-up', 0) });
  const id = await schedule('counted', 0);
  const counter = countStatements();
  const result = await runAction(runner, { tenantId: storeA, actionId: id });
  const count = counter.stop();
  expect(result).toBe('DONE');
  expect(count).toEqual({ total: 4, begin: 1, commit: 1, setConfig: 0, work: 2 });
  expect(await read(id)).toMatchObject({ state: ActionState.DONE, attempts: 1 });
  // A second delivery of the same job finds it finished: BEGIN, the empty lock, COMMIT.
  const again = countStatements();
  expect(await runAction(runner, { tenantId: storeA, actionId: id })).toBe('SKIPPED');
  expect(again.stop().total).toBe(3);
  expect(runs.get('counted')).toBe(1);
});

test('an action that must wait for another is due again later, and no attempt is counted', async () => {
  answer = async () => deferUntil(new Date(clock.now().getTime() + 2000), 'an earlier one is on its way');
  const id = await schedule('deferred', 0);
  await drain();
  const action = await read(id);
  expect(action).toMatchObject({ state: ActionState.PENDING, attempts: 0, lastError: null });
  expect(action.dueAt.getTime()).toBe(clock.now().getTime() + 2000);
  answer = async () => done();
  clock.advance(2000);
  await drain();
  expect(await read(id)).toMatchObject({ state: ActionState.DONE, attempts: 1 });
  expect(runs.get('deferred')).toBe(2);
});

test('a cancelled action never runs', async () => {
  const ticketId = await asStore(async (ctx) => (await ctx.em.findOne(Ticket, { tenantId: storeA }))?.id ?? null);
  const id = await schedule('cancelled', 1);
  await asStore(async (ctx) => {
    const action = await ctx.em.findOneOrFail(ScheduledAction, { tenantId: storeA, id });
    action.state = ActionState.CANCELLED;
    await ctx.em.flush();
  });
  if (ticketId) await asStore((ctx) => cancelPendingActions(ctx, { ticketId, kinds: [ActionKind.NOTIFICATION] }));
  clock.advance(5 * 60_000);
  await drain();
  expect(runs.get('cancelled')).toBeUndefined();
});

describe('through BullMQ', () => {
  let workers: RunningActionWorkers;
  const prefix = bullPrefix(`test:${randomBytes(6).toString('hex')}`);

  beforeAll(() => {
    workers = startActionWorkers(
      { orm, clock, processors, processorDeps },
      {
        connection: { url: process.env.REDIS_URL ?? 'redis://localhost:6379', maxRetriesPerRequest: null },
        prefix,
        concurrency: 4,
        relayIntervalMs: 50,
        reconcileAfterMs: 60_000,
        logger: createLogger('silent', 'actions-test'),
      },
    );
  });

  afterAll(async () => {
    for (const queue of workers.queues.values()) await queue.obliterate({ force: true });
    await workers.close();
  });

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test('the relay hands due actions to the queues and the workers run each once', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => schedule(`relayed-${i}`, 0)));
    await waitFor(async () => (await Promise.all(ids.map(read))).every((action) => action.state === ActionState.DONE));
    await workers.relayNow();
    for (let i = 0; i < 20; i++) expect(runs.get(`relayed-${i}`)).toBe(1);
  });

  test('jobs still waiting in Redis behind a backlog are left alone by the reconciler', async () => {
    await Promise.all(workers.workers.map((worker) => worker.pause()));
    const ids = await Promise.all(Array.from({ length: 3 }, (_, i) => schedule(`backlog-${i}`, 0, ActionKind.WEBHOOK_DELIVERY)));
    await workers.relayNow();
    const handedAt = async () => Promise.all(ids.map(async (id) => (await read(id)).enqueuedAt?.getTime()));
    const first = await handedAt();
    expect(first.every((at) => at !== undefined)).toBe(true);
    clock.advance(61_000); // past the reconcile delay, with every job still in its queue
    await workers.relayNow();
    expect(await handedAt()).toEqual(first);
    workers.workers.forEach((worker) => worker.resume());
    await waitFor(async () => (await Promise.all(ids.map(read))).every((action) => action.state === ActionState.DONE));
    for (let i = 0; i < 3; i++) expect(runs.get(`backlog-${i}`)).toBe(1);
  });

  test('after Redis loses every job, the reconciler hands the pending ones over again', async () => {
    // Handed over (marked as such in the database), but the jobs never made it through Redis.
    const ids = await asStore(async (ctx) => {
      const actions = await Promise.all(
        Array.from({ length: 5 }, (_, i) => scheduleAction(ctx, { kind: ActionKind.WEBHOOK_DELIVERY, key: `lost-${i}`, dueAt: clock.now() })),
      );
      for (const action of actions) action.enqueuedAt = clock.now();
      await ctx.em.flush();
      return actions.map((action) => action.id);
    });
    await workers.relayNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await Promise.all(ids.map(read))).every((action) => action.state === ActionState.PENDING)).toBe(true);
    clock.advance(61_000); // past the reconcile delay
    await workers.relayNow();
    await waitFor(async () => (await Promise.all(ids.map(read))).every((action) => action.state === ActionState.DONE));
    for (let i = 0; i < 5; i++) expect(runs.get(`lost-${i}`)).toBe(1);
  });
});
