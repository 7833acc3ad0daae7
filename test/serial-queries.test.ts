import { Client } from 'pg';
import { openOrm } from '../infra/database';
import type { Orm } from '../domain/ports/database';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Resolvers of one request share its transaction's one connection and may ask
 * it for rows at the same moment. The pool's connections take such queries one
 * after the other, in order (infra/serial-queries.ts): node-postgres never sees
 * a query while another runs (it warns that its next major version will refuse
 * it), and a failed statement answers its own query and the ones queued
 * behind it in its transaction as PostgreSQL would, and no other.
 */
let db: TestDatabase;
let orm: Orm;
/** What node-postgres was asked while it still had a query to answer (what its next major version refuses). */
const askedWhileBusy: string[] = [];

interface ClientState {
  _activeQuery: unknown;
  _queryQueue: unknown[];
}

beforeAll(async () => {
  // Before the pool opens its first connection: each connection's queue hands its queries to this.
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client & ClientState, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length) askedWhileBusy.push(String((args[0] as { text?: string }).text ?? args[0]));
    return query.apply(this, args);
  } as typeof Client.prototype.query);
  db = await createTestDatabase();
  orm = await openOrm(db.appUrl, 2);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await orm.close(true);
  await db.drop();
});

test('queries asked at once on one transaction run in order, each with its own answer, and node-postgres is never asked twice at once', async () => {
  const em = orm.em.fork();
  await em.begin();
  try {
    const order: number[] = [];
    const ask = (n: number, sleep: number) =>
      em.execute<{ n: number }[]>(`select ?::int as n, pg_sleep(?)`, [n, sleep]).then((rows) => {
        order.push(n);
        return rows[0].n;
      });
    const answers = await Promise.all([ask(1, 0.05), ask(2, 0), ask(3, 0.02), ask(4, 0)]);
    expect(answers).toEqual([1, 2, 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
    await em.rollback();
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
  expect(askedWhileBusy).toEqual([]);
});

test('a transaction whose statement failed still takes the queries queued behind it, and the pool goes on', async () => {
  const em = orm.em.fork();
  await em.begin();
  const results = await Promise.allSettled([em.execute(`select nonsense`), em.execute(`select 1 as one`)]);
  expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/current transaction is aborted/);
  await em.rollback();
  expect(await orm.em.fork().execute(`select 2 as two`)).toEqual([{ two: 2 }]);
});
