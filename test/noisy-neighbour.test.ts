import { startTestApi, TestApi } from './support/test-api';

/**
 * One caller within its limits cannot saturate the api for everyone: the
 * heavy fields are priced by the work they do (query-cost.ts, field-work.ts),
 * so a key that asks for them as fast as it can is throttled after a few,
 * and another tenant's reads keep their latency meanwhile.
 */
let api: TestApi;
let hq: string;
let otherStore: string;

const HEAVY = '{ ticketsAtRisk(first: 100) { number storeSlug clocks { metric state dueAt } } }';
// 5 points: the other store's 120 reads stay well within its own key's bucket.
const LIGHT = '{ viewer { role } tickets(first: 1) { edges { node { number status } } } }';

beforeAll(async () => {
  api = await startTestApi(); // the shipped limits
  [hq, otherStore] = await Promise.all([api.login('hq-one', 'admin@hq-one.test'), api.login('store-z', 'manager@store-z.test')]);
}, 60000);

afterAll(async () => {
  await api?.stop();
});

async function latencies(n: number, token: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await api.gql(LIGHT, {}, token);
    out.push(performance.now() - started);
    expect(res.body.errors).toBeUndefined();
  }
  return out.sort((a, b) => a - b);
}

/** The q-quantile of sorted latencies. */
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];

test("a key asking for the network's at-risk tickets as fast as it can does the work only as often as its bucket pays for, and another tenant's reads keep their latency", async () => {
  const first = await api.gql(HEAVY, {}, hq);
  expect(first.body.errors).toBeUndefined();
  const cost = first.body.extensions.cost.requestedQueryCost as number;
  expect(cost).toBeGreaterThanOrEqual(700);

  const alone = await latencies(60, otherStore);
  const started = performance.now();
  let stop = false;
  let served = 1;
  let throttled = 0;
  const hammer = (async () => {
    while (!stop) {
      const res = await api.gql(HEAVY, {}, hq);
      if (res.status === 429) throttled += 1;
      else served += 1;
    }
  })();
  let during: number[];
  try {
    during = await latencies(60, otherStore);
  } finally {
    stop = true;
    await hammer;
  }
  const seconds = (performance.now() - started) / 1000;

  // What the key's bucket pays for: its capacity and what refills meanwhile, at this price.
  const { RATE_LIMIT_KEY_CAPACITY: capacity, RATE_LIMIT_KEY_REFILL_PER_SECOND: refill } = api.config;
  expect(served).toBeLessThanOrEqual(Math.floor((capacity + refill * seconds) / cost) + 1);
  expect(throttled).toBeGreaterThan(served);
  // The other tenant's slow reads (the 90th percentile: on a shared test machine the very worst one is noise) stay close to what they are alone.
  expect(quantile(during, 0.9)).toBeLessThan(Math.max(3 * quantile(alone, 0.9), quantile(alone, 0.9) + 100));
});
