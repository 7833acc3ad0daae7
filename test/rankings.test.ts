import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock, systemClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { RankingFigure } from '../core/ranking-enums';
import type { StoreMonth } from '../domain/rankings/month-figures';
import { networkMedians, scoreStores } from '../domain/rankings/scores';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { noticeTargetFlags } from '../domain/rankings/target-flag-notice';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { runForTenant } from '../worker/tenant-job';
import { drainDueActions } from './support/action-driver';
import { PASSWORD, writeTempYaml } from './support/network';
import { startSmtpCatcher } from './support/smtp-catcher';
import { startTestApi, TestApi } from './support/test-api';

/**
 * HQ's targets and its monthly ranking of stores, counted from the same facts
 * as the service figures. Tickets are written out by hand on a Tuesday of two
 * months, on three stores of hq-one, under the demo standard (dispatch within
 * 30 working minutes), and read on 2026-04-20 at 12:00 (Asia/Shanghai). First
 * response in calendar minutes:
 *
 *            March (Tue 03-10)                                April (Tue 04-14)
 * store-a    A1 09:00 assigned 09:10, contacted 09:30 (30)    A3 09:00 assigned 09:10, contacted 09:40 (40)
 *            A2 10:00 assigned 10:10, contacted 11:00 (60)
 * store-b    B1 09:00 assigned 09:20, contacted 11:00 (120)   B3 09:00 never assigned, contacted Wed 10:00 (1500)
 *            B2 10:00 never assigned, contacted Wed 12:00     B4 10:00 assigned 10:20, contacted 10:30 (30)
 *            (1560)
 * store-c    C1 09:00 assigned 09:05, contacted 10:00 (60)    C2 09:00 assigned 09:50 (late), contacted 11:00 (120)
 *                                                             C3 10:00 assigned 10:05, contacted 10:30 (30)
 *
 * So, per month (within 24 hours %, average minutes, dispatch compliance %):
 *   March: a 100, 45, 100   b 50, 840, 50   c 100, 60, 100
 *   April: a 100, 40, 100   b 50, 765, 50   c 100, 75, 50
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-10T09:00:00'));
let api: TestApi;
let admin: Client;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const storeId: Record<string, string> = {};

const STORE_C = `
tenants:
  - slug: store-c
    name: Store C
    kind: STORE
    parent: hq-one
    staff:
      - { email: manager@store-c.test, name: Manager C, role: STORE_MANAGER, password: ${PASSWORD} }
      - { email: agent@store-c.test, name: Agent C, role: STORE_AGENT, password: ${PASSWORD} }
`;

const WEIGHTS = [
  { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', weight: 50 },
  { figure: 'FIRST_RESPONSE_AVERAGE_MINUTES', weight: 30 },
  { figure: 'DISPATCH_COMPLIANCE', weight: 20 },
];
const TARGETS = [
  { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', comparison: 'AT_LEAST', value: 90 },
  { figure: 'FIRST_RESPONSE_AVERAGE_MINUTES', comparison: 'AT_MOST', value: 240 },
  { figure: 'DISPATCH_COMPLIANCE', comparison: 'AT_LEAST', value: 60 },
];

const SET_WEIGHTS = `mutation($i: SetRankingWeightsInput!) { setRankingWeights(input: $i) { weights { version weights { figure weight } } userErrors { code field message } } }`;
const SET_TARGETS = `mutation($i: SetNetworkTargetsInput!) { setNetworkTargets(input: $i) { targets { version targets { figure comparison value } } userErrors { code field message } } }`;
const PUBLISH = `mutation($i: PublishRankingInput!) { publishRanking(input: $i) { publication { month published publishedAt } userErrors { code field } } }`;
const FLAG_FIELDS = 'storeSlug figure comparison target previousMonth previousValue month value';
const STORE_RANKING = `query($month: String!) { storeRanking(month: $month) {
  month published weights { version }
  stores { storeId storeSlug storeName score rank values { figure value } flags { figure } }
  medians { figure value }
  flags { ${FLAG_FIELDS} }
} }`;
const MY_RANKING = `query($month: String!) { myRanking(month: $month) {
  month published rank score rankedStores values { figure value } medians { figure value }
  stores { storeSlug score rank values { figure value } }
} }`;

async function call(credential: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await api.gql(query, variables, credential);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function errorOf(credential: string, query: string, variables: Record<string, unknown>): Promise<{ code: string; reason?: string }> {
  const response = await api.gql(query, variables, credential);
  const error = response.body.errors?.[0];
  return { code: error?.extensions?.code ?? 'none', ...(error?.extensions?.reason ? { reason: error.extensions.reason } : {}) };
}

async function register(store: string, name: string): Promise<void> {
  const data = await call(token[store], `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`, {
    i: {
      type: 'REPAIR',
      channel: 'WALK_IN',
      problem: `${name}: the screen flickers`,
      newCustomer: { name, phone: `1370000${String(Object.keys(ids).length).padStart(4, '0')}` },
    },
  });
  expect(data.registerTicket.userErrors).toEqual([]);
  ids[name] = data.registerTicket.ticket.id;
}

async function assign(store: string, name: string): Promise<void> {
  const staff = await call(token[store], `{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const agent = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email.startsWith('agent@')).node.id;
  const data = await call(token[store], `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: ids[name], assigneeId: agent },
  });
  expect(data.assignTicket.userErrors).toEqual([]);
}

async function contact(store: string, name: string): Promise<void> {
  const data = await call(token[store], `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: ids[name], channel: 'PHONE', reached: true, outcome: 'Told the customer what happens next' },
  });
  expect(data.recordCustomerContact.userErrors).toEqual([]);
}

/** Steps at local instants, in order. */
async function happen(steps: [string, () => Promise<void>][]): Promise<void> {
  for (const [local, step] of steps) {
    clock.set(at(local));
    await step();
  }
}

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  await applyTenants(api.orm, loadTenantFiles(writeTempYaml(STORE_C)), systemClock);
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ slug: string; id: string }>(`select slug, id from tenants`)).rows) storeId[row.slug] = row.id;
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  // API keys do not expire while the clock moves.
  const keyOf = async (tenant: string, email: string, role: string) =>
    (await api.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: 'ranking', role } }, await api.login(tenant, email)))
      .body.data.createApiKey.secret;
  for (const store of ['store-a', 'store-b', 'store-c']) token[store] = await keyOf(store, `manager@${store}.test`, 'STORE_MANAGER');
  token['store-z'] = await keyOf('store-z', 'manager@store-z.test', 'STORE_MANAGER');
  token['hq-one'] = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_ADMIN');
  token['hq-one-supervisor'] = await keyOf('hq-one', 'admin@hq-one.test', 'HQ_SUPERVISOR');
  token['hq-two'] = await keyOf('hq-two', 'admin@hq-two.test', 'HQ_ADMIN');

  await happen([
    ['2026-03-10T09:00:00', () => register('store-a', 'A1')],
    ['2026-03-10T09:00:00', () => register('store-b', 'B1')],
    ['2026-03-10T09:00:00', () => register('store-c', 'C1')],
    ['2026-03-10T09:05:00', () => assign('store-c', 'C1')],
    ['2026-03-10T09:10:00', () => assign('store-a', 'A1')],
    ['2026-03-10T09:20:00', () => assign('store-b', 'B1')],
    ['2026-03-10T09:30:00', () => contact('store-a', 'A1')],
    ['2026-03-10T10:00:00', () => register('store-a', 'A2')],
    ['2026-03-10T10:00:00', () => register('store-b', 'B2')],
    ['2026-03-10T10:00:00', () => contact('store-c', 'C1')],
    ['2026-03-10T10:10:00', () => assign('store-a', 'A2')],
    ['2026-03-10T11:00:00', () => contact('store-a', 'A2')],
    ['2026-03-10T11:00:00', () => contact('store-b', 'B1')],
    ['2026-03-11T12:00:00', () => contact('store-b', 'B2')],
    ['2026-04-14T09:00:00', () => register('store-a', 'A3')],
    ['2026-04-14T09:00:00', () => register('store-b', 'B3')],
    ['2026-04-14T09:00:00', () => register('store-c', 'C2')],
    ['2026-04-14T09:10:00', () => assign('store-a', 'A3')],
    ['2026-04-14T09:40:00', () => contact('store-a', 'A3')],
    ['2026-04-14T09:50:00', () => assign('store-c', 'C2')],
    ['2026-04-14T10:00:00', () => register('store-b', 'B4')],
    ['2026-04-14T10:00:00', () => register('store-c', 'C3')],
    ['2026-04-14T10:05:00', () => assign('store-c', 'C3')],
    ['2026-04-14T10:20:00', () => assign('store-b', 'B4')],
    ['2026-04-14T10:30:00', () => contact('store-b', 'B4')],
    ['2026-04-14T10:30:00', () => contact('store-c', 'C3')],
    ['2026-04-14T11:00:00', () => contact('store-c', 'C2')],
    ['2026-04-15T10:00:00', () => contact('store-b', 'B3')],
  ]);
  clock.set(at('2026-04-20T12:00:00'));
}, 180000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

const figure = (values: { figure: string; value: number | null }[], name: string) => values.find((value) => value.figure === name)?.value;
const weighed = (values: { figure: string; value: number | null }[]) => ({
  within24: figure(values, 'FIRST_RESPONSE_WITHIN_24_HOURS'),
  average: figure(values, 'FIRST_RESPONSE_AVERAGE_MINUTES'),
  dispatch: figure(values, 'DISPATCH_COMPLIANCE'),
});

describe('in order', () => {
  test('HQ sets the weights and the targets; wrong ones are user errors and change nothing', async () => {
    const errors = async (query: string, input: Record<string, unknown>, field: 'setRankingWeights' | 'setNetworkTargets') =>
      (await call(token['hq-one'], query, { i: input }))[field].userErrors.map((error: { code: string }) => error.code);
    expect(await errors(SET_WEIGHTS, { weights: WEIGHTS.slice(0, 2), expectedVersion: 0 }, 'setRankingWeights')).toEqual(['WEIGHTS_NOT_100']);
    expect(
      await errors(
        SET_WEIGHTS,
        { weights: [...WEIGHTS.slice(0, 2), { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', weight: 20 }], expectedVersion: 0 },
        'setRankingWeights',
      ),
    ).toEqual(['DUPLICATE_FIGURE']);
    expect(await errors(SET_WEIGHTS, { weights: [{ figure: 'DISPATCH_COMPLIANCE', weight: 0 }], expectedVersion: 0 }, 'setRankingWeights')).toEqual([
      'INVALID_WEIGHT',
    ]);
    expect(await errors(SET_WEIGHTS, { weights: [], expectedVersion: 0 }, 'setRankingWeights')).toEqual(['NO_WEIGHTS']);
    // A figure the ranking does not know is refused before anything runs.
    const unknown = await errorOf(token['hq-one'], SET_WEIGHTS, { i: { weights: [{ figure: 'NPS', weight: 100 }], expectedVersion: 0 } });
    expect(unknown.code).toBe('BAD_USER_INPUT');
    expect(
      await errors(SET_TARGETS, { targets: [{ figure: 'DISPATCH_COMPLIANCE', comparison: 'AT_LEAST', value: 120 }], expectedVersion: 0 }, 'setNetworkTargets'),
    ).toEqual(['INVALID_TARGET_VALUE']);
    expect(
      (await call(token['hq-one'], `{ rankingWeights { version weights { figure } } networkTargets { version targets { figure } } }`)).rankingWeights,
    ).toEqual({
      version: 0,
      weights: [],
    });

    const weights = (await call(token['hq-one'], SET_WEIGHTS, { i: { weights: WEIGHTS, expectedVersion: 0 } })).setRankingWeights;
    expect(weights).toEqual({
      weights: {
        version: 1,
        weights: [
          { figure: 'DISPATCH_COMPLIANCE', weight: 20 },
          { figure: 'FIRST_RESPONSE_WITHIN_24_HOURS', weight: 50 },
          { figure: 'FIRST_RESPONSE_AVERAGE_MINUTES', weight: 30 },
        ],
      },
      userErrors: [],
    });
    // Saved over a version read before: refused.
    expect(await errors(SET_WEIGHTS, { weights: WEIGHTS, expectedVersion: 0 }, 'setRankingWeights')).toEqual(['STALE']);
    const targets = (await call(token['hq-one'], SET_TARGETS, { i: { targets: TARGETS, expectedVersion: 0 } })).setNetworkTargets;
    expect(targets.userErrors).toEqual([]);
    expect(targets.targets.version).toBe(1);
    expect(targets.targets.targets).toHaveLength(3);
    // Stores read what they are held to; only an HQ admin sets it.
    expect((await call(token['store-b'], `{ networkTargets { version targets { figure comparison value } } }`)).networkTargets.targets).toContainEqual({
      figure: 'FIRST_RESPONSE_AVERAGE_MINUTES',
      comparison: 'AT_MOST',
      value: 240,
    });
    expect(await errorOf(token['store-a'], SET_WEIGHTS, { i: { weights: WEIGHTS, expectedVersion: 1 } })).toEqual({ code: 'FORBIDDEN' });
    expect(await errorOf(token['hq-one-supervisor'], SET_TARGETS, { i: { targets: [], expectedVersion: 1 } })).toEqual({ code: 'FORBIDDEN' });
  });

  test("a month's ranking: every store's figures, its score and rank, the network's medians", async () => {
    const { storeRanking } = await call(token['hq-one'], STORE_RANKING, { month: '2026-03' });
    expect(storeRanking.published).toBe(false);
    expect(storeRanking.weights.version).toBe(1);
    expect(
      storeRanking.stores.map((store: { storeSlug: string; score: number; rank: number; values: { figure: string; value: number | null }[] }) => ({
        store: store.storeSlug,
        score: store.score,
        rank: store.rank,
        ...weighed(store.values),
      })),
    ).toEqual([
      // a: every sub-score 100.
      { store: 'store-a', score: 100, rank: 1, within24: 100, average: 45, dispatch: 100 },
      // c: 50·100 + 30·(100·(840 − 60)/(840 − 45) = 98.11) + 20·100, over 100.
      { store: 'store-c', score: 99.43, rank: 2, within24: 100, average: 60, dispatch: 100 },
      // b: 50·50 + 30·0 (the slowest) + 20·50, over 100.
      { store: 'store-b', score: 35, rank: 3, within24: 50, average: 840, dispatch: 50 },
    ]);
    expect(storeRanking.stores[0].storeId).toBe(toGlobalId('Tenant', storeId['store-a']));
    expect(weighed(storeRanking.medians)).toEqual({ within24: 100, average: 60, dispatch: 100 });
    // Below target once only: nobody is flagged (February has no figures).
    expect(storeRanking.flags).toEqual([]);

    const april = (await call(token['hq-one'], STORE_RANKING, { month: '2026-04' })).storeRanking;
    expect(april.stores.map((store: { storeSlug: string; score: number; rank: number }) => [store.storeSlug, store.score, store.rank])).toEqual([
      ['store-a', 100, 1],
      // 50·100 + 30·(100·(765 − 75)/(765 − 40) = 95.17) + 20·50, over 100.
      ['store-c', 88.55, 2],
      ['store-b', 35, 3],
    ]);
    expect(weighed(april.medians)).toEqual({ within24: 100, average: 75, dispatch: 50 });
  });

  test("the ranking's figures are the service figures of each store", async () => {
    const { storeRanking } = await call(token['hq-one'], STORE_RANKING, { month: '2026-04' });
    for (const store of storeRanking.stores) {
      const { serviceFigures } = await call(
        token['hq-one'],
        `query($f: ServiceFigureFilter!) { serviceFigures(filter: $f) { metrics { metric compliancePercent } firstResponse { averageMinutes within24HoursPercent } } }`,
        { f: { stores: [store.storeId], period: { month: '2026-04' } } },
      );
      const expected: Record<string, number | null> = {
        FIRST_RESPONSE_WITHIN_24_HOURS: serviceFigures.firstResponse.within24HoursPercent,
        FIRST_RESPONSE_AVERAGE_MINUTES: serviceFigures.firstResponse.averageMinutes,
        // No inspection was submitted in April (the inspections' own tests count it).
        INSPECTION_SCORE: null,
      };
      for (const { metric, compliancePercent } of serviceFigures.metrics) expected[`${metric}_COMPLIANCE`] = compliancePercent;
      expect(Object.fromEntries(store.values.map(({ figure, value }: { figure: string; value: number | null }) => [figure, value]))).toEqual(expected);
    }
  });

  test('a store below a target two months running is flagged to HQ; below once is not', async () => {
    const { targetFlags } = await call(token['hq-one'], `query($m: String!) { targetFlags(month: $m) { ${FLAG_FIELDS} } }`, { m: '2026-04' });
    const expected = [
      {
        storeSlug: 'store-b',
        figure: 'FIRST_RESPONSE_WITHIN_24_HOURS',
        comparison: 'AT_LEAST',
        target: 90,
        previousMonth: '2026-03',
        previousValue: 50,
        month: '2026-04',
        value: 50,
      },
      {
        storeSlug: 'store-b',
        figure: 'FIRST_RESPONSE_AVERAGE_MINUTES',
        comparison: 'AT_MOST',
        target: 240,
        previousMonth: '2026-03',
        previousValue: 840,
        month: '2026-04',
        value: 765,
      },
      {
        storeSlug: 'store-b',
        figure: 'DISPATCH_COMPLIANCE',
        comparison: 'AT_LEAST',
        target: 60,
        previousMonth: '2026-03',
        previousValue: 50,
        month: '2026-04',
        value: 50,
      },
    ];
    expect(targetFlags).toHaveLength(3);
    expect(targetFlags).toEqual(expect.arrayContaining(expected));
    // store-c missed the dispatch target in April only.
    expect(targetFlags.filter((flag: { storeSlug: string }) => flag.storeSlug === 'store-c')).toEqual([]);
    const { storeRanking } = await call(token['hq-one'], STORE_RANKING, { month: '2026-04' });
    expect(storeRanking.stores.map((store: { storeSlug: string; flags: unknown[] }) => [store.storeSlug, store.flags.length])).toEqual([
      ['store-a', 0],
      ['store-c', 0],
      ['store-b', 3],
    ]);
    // Flags are HQ's.
    expect(await errorOf(token['store-b'], `query { targetFlags(month: "2026-04") { figure } }`, {})).toEqual({ code: 'FORBIDDEN' });
  });

  test("a store sees its own rank and the medians, and nobody else's figures until HQ publishes the month", async () => {
    const { myRanking } = await call(token['store-b'], MY_RANKING, { month: '2026-04' });
    expect(myRanking).toMatchObject({ month: '2026-04', published: false, rank: 3, score: 35, rankedStores: 3, stores: null });
    expect(weighed(myRanking.values)).toEqual({ within24: 50, average: 765, dispatch: 50 });
    expect(weighed(myRanking.medians)).toEqual({ within24: 100, average: 75, dispatch: 50 });
    expect(JSON.stringify(myRanking)).not.toMatch(/store-a|store-c/);
    expect(await errorOf(token['store-b'], STORE_RANKING, { month: '2026-04' })).toEqual({ code: 'FORBIDDEN' });

    // The database itself names no other store to a store before publication.
    const named = async (store: string) => {
      const app = new Client({ connectionString: api.db.appUrl });
      await app.connect();
      try {
        await app.query('begin');
        await app.query(`select set_config('app.tenant_id', $1, true)`, [storeId[store]]);
        const { rows } = await app.query(`select distinct store_key, slug from ranking_month_figures('2026-04-01', now()) order by store_key`);
        await app.query('rollback');
        return rows.map((row) => row.slug).sort();
      } finally {
        await app.end();
      }
    };
    expect(await named('store-b')).toEqual(['store-b', null, null].sort());

    const published = (await call(token['hq-one'], PUBLISH, { i: { month: '2026-04' } })).publishRanking;
    expect(published).toMatchObject({ publication: { month: '2026-04', published: true }, userErrors: [] });
    const after = (await call(token['store-b'], MY_RANKING, { month: '2026-04' })).myRanking;
    expect(after.published).toBe(true);
    expect(after.stores.map((store: { storeSlug: string; score: number; rank: number }) => [store.storeSlug, store.score, store.rank])).toEqual([
      ['store-a', 100, 1],
      ['store-c', 88.55, 2],
      ['store-b', 35, 3],
    ]);
    expect(weighed(after.stores[0].values)).toEqual({ within24: 100, average: 40, dispatch: 100 });
    expect(await named('store-b')).toEqual(['store-a', 'store-b', 'store-c']);
    // Only that month: March stays closed.
    expect((await call(token['store-b'], MY_RANKING, { month: '2026-03' })).myRanking).toMatchObject({ published: false, rank: 3, stores: null });
    expect((await call(token['hq-one'], STORE_RANKING, { month: '2026-04' })).storeRanking.published).toBe(true);

    const unpublished = (await call(token['hq-one'], PUBLISH, { i: { month: '2026-04', published: false } })).publishRanking;
    expect(unpublished.publication).toEqual({ month: '2026-04', published: false, publishedAt: null });
    expect((await call(token['store-b'], MY_RANKING, { month: '2026-04' })).myRanking.stores).toBeNull();
    expect(await named('store-b')).toEqual(['store-b', null, null].sort());
  });

  test('another HQ and its store see nothing of this network', async () => {
    await call(token['hq-one'], PUBLISH, { i: { month: '2026-04' } });
    const { storeRanking } = await call(token['hq-two'], STORE_RANKING, { month: '2026-04' });
    expect(storeRanking.stores.map((store: { storeSlug: string; score: number | null }) => [store.storeSlug, store.score])).toEqual([['store-z', null]]);
    expect(storeRanking.weights.version).toBe(0);
    expect(weighed(storeRanking.medians)).toEqual({ within24: null, average: null, dispatch: null });
    expect(storeRanking.flags).toEqual([]);
    expect((await call(token['hq-two'], `{ networkTargets { version targets { figure } } }`)).networkTargets).toEqual({ version: 0, targets: [] });
    const theirs = (await call(token['store-z'], MY_RANKING, { month: '2026-04' })).myRanking;
    expect(theirs).toMatchObject({ published: false, rank: null, score: null, rankedStores: 0, stores: null });
  });

  test("the database keeps HQ's rows: its stores read them, nobody else does, and only the HQ writes them", async () => {
    const app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
    const as = async <T>(tenant: string, work: () => Promise<T>): Promise<T> => {
      await app.query('begin');
      try {
        await app.query(`select set_config('app.tenant_id', $1, true)`, [storeId[tenant]]);
        return await work();
      } finally {
        await app.query('rollback');
      }
    };
    const count = async (tenant: string, table: string) => as(tenant, async () => (await app.query(`select count(*)::int as n from ${table}`)).rows[0].n);
    try {
      for (const table of ['network_targets', 'network_target_sets', 'ranking_definitions', 'ranking_publications']) {
        expect([table, await count('hq-one', table)]).toEqual([table, table === 'network_targets' ? 3 : 1]);
        expect([table, await count('store-a', table)]).toEqual([table, table === 'network_targets' ? 3 : 1]);
        expect([table, await count('hq-two', table)]).toEqual([table, 0]);
        expect([table, await count('store-z', table)]).toEqual([table, 0]);
      }
      // A store cannot change its HQ's targets, nor add one of its own.
      expect(await as('store-a', async () => (await app.query(`update network_targets set value = 0`)).rowCount)).toBe(0);
      expect(await as('store-a', async () => (await app.query(`delete from ranking_publications`)).rowCount)).toBe(0);
      await expect(
        as('store-a', () =>
          app.query(`insert into ranking_publications (tenant_id, month, published_at) values ($1, '2026-03-01', now())`, [storeId['hq-one']]),
        ),
      ).rejects.toThrow(/row-level security/);
      // Another network's store learns nothing from the ranking function either.
      expect(await as('store-z', async () => (await app.query(`select distinct slug from ranking_month_figures('2026-04-01', now())`)).rows)).toEqual([
        { slug: 'store-z' },
      ]);
    } finally {
      await app.end();
    }
  });

  test('a month that is not YYYY-MM is refused', async () => {
    expect(await errorOf(token['hq-one'], STORE_RANKING, { month: '2026-4' })).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_MONTH' });
    expect(await errorOf(token['store-a'], MY_RANKING, { month: '2026-13' })).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_MONTH' });
    expect((await call(token['hq-one'], PUBLISH, { i: { month: 'April' } })).publishRanking).toEqual({
      publication: null,
      userErrors: [{ code: 'INVALID_MONTH', field: ['month'] }],
    });
  });

  test("in May, HQ's admins and supervisors are e-mailed April's flags once; a network without flags hears nothing", async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
    try {
      const notice = (slug: string) => runForTenant(api.orm, clock, storeId[slug], noticeTargetFlags);
      clock.set(at('2026-04-30T18:00:00'));
      expect(await notice('hq-one')).toBe(0); // April is not over: March's flags (none) are the month just ended
      clock.set(at('2026-05-01T08:30:00'));
      expect(await notice('store-b')).toBe(0); // a store is told nothing of flags
      expect(await notice('hq-two')).toBe(0);
      expect(await notice('hq-one')).toBe(3);
      expect(await notice('hq-one')).toBe(0); // once per month
      clock.set(at('2026-05-02T08:30:00'));
      expect(await notice('hq-one')).toBe(0);

      await drainDueActions(api.orm, clock, {
        channels: { email: sender, sms: null },
        fetch,
        publicBaseUrl: 'https://service.example.test',
        webhookTimeoutMs: 1000,
      });
      const told = smtp.messages.filter((mail) => mail.subject.startsWith('2026-04'));
      expect(told.map((mail) => [mail.to.join(', '), mail.subject]).sort()).toEqual([
        ['admin@hq-one.test', '2026-04：有门店连续两个月未达网络目标'],
        ['supervisor@hq-one.test', '2026-04：有门店连续两个月未达网络目标'],
      ]);
      expect(told[0].text).toContain('2026-04 月有 3 项指标连续两个月低于网络目标，涉及门店：Store B。');
    } finally {
      sender.close();
      await smtp.close();
      clock.set(at('2026-04-20T12:00:00'));
    }
  });
});

describe('the score, worked by hand', () => {
  const month = (key: number, values: Partial<Record<RankingFigure, number | null>>): StoreMonth => ({
    key,
    storeId: `s${key}`,
    slug: `store-${key}`,
    name: `Store ${key}`,
    values: { ...Object.fromEntries(Object.values(RankingFigure).map((name) => [name, null])), ...values } as StoreMonth['values'],
  });

  test('equal scores share a rank, the next rank skips; a store with no weighed value is unranked and last', () => {
    const scored = scoreStores(
      [
        month(1, { FIRST_RESPONSE_WITHIN_24_HOURS: 80, DISPATCH_COMPLIANCE: 60 }),
        month(2, { FIRST_RESPONSE_WITHIN_24_HOURS: 90, DISPATCH_COMPLIANCE: 90 }),
        month(3, { FIRST_RESPONSE_WITHIN_24_HOURS: 60, DISPATCH_COMPLIANCE: 80 }),
        month(4, { RESOLUTION_COMPLIANCE: 100 }),
        // Only one weighed figure has a value: it alone makes the score.
        month(5, { DISPATCH_COMPLIANCE: 40 }),
      ],
      [
        { figure: RankingFigure.FIRST_RESPONSE_WITHIN_24_HOURS, weight: 50 },
        { figure: RankingFigure.DISPATCH_COMPLIANCE, weight: 50 },
      ],
    );
    expect(scored.map((store) => [store.slug, store.score, store.rank])).toEqual([
      ['store-2', 90, 1],
      ['store-1', 70, 2],
      ['store-3', 70, 2],
      ['store-5', 40, 4],
      ['store-4', null, null],
    ]);
  });

  test('minutes score against the best and worst of the month; all equal score 100', () => {
    const weights = [{ figure: RankingFigure.FIRST_RESPONSE_AVERAGE_MINUTES, weight: 100 }];
    const spread = scoreStores(
      [month(1, { FIRST_RESPONSE_AVERAGE_MINUTES: 30 }), month(2, { FIRST_RESPONSE_AVERAGE_MINUTES: 130 }), month(3, { FIRST_RESPONSE_AVERAGE_MINUTES: 55 })],
      weights,
    );
    expect(spread.map((store) => [store.slug, store.score])).toEqual([
      ['store-1', 100],
      ['store-3', 75],
      ['store-2', 0],
    ]);
    const equal = scoreStores([month(1, { FIRST_RESPONSE_AVERAGE_MINUTES: 30 }), month(2, { FIRST_RESPONSE_AVERAGE_MINUTES: 30 })], weights);
    expect(equal.map((store) => [store.score, store.rank])).toEqual([
      [100, 1],
      [100, 1],
    ]);
  });

  test('the median of an even count is the mean of the middle two, over the stores that have the figure', () => {
    const medians = networkMedians([
      month(1, { DISPATCH_COMPLIANCE: 50 }),
      month(2, { DISPATCH_COMPLIANCE: 75.5 }),
      month(3, { DISPATCH_COMPLIANCE: 100 }),
      month(4, { DISPATCH_COMPLIANCE: 60 }),
      month(5, {}),
    ]);
    expect(medians.find((median) => median.figure === RankingFigure.DISPATCH_COMPLIANCE)?.median).toBe(67.75);
    expect(medians.find((median) => median.figure === RankingFigure.CALLBACK_COMPLIANCE)?.median).toBeNull();
  });
});
