import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/project-root';
import { CustomerTier, Locale } from '../core/enums';
import { TicketType } from '../core/desk-enums';
import { SlaMetric, TargetUnit } from '../core/sla-enums';
import { amountText, commitmentLines } from '../domain/commitments/commitment-lines';
import { DEFAULT_CALLBACK_POLICY } from '../domain/standards/callback-policy';
import type { TargetRule } from '../domain/standards/sla-targets';
import type { GqlResponse } from './support/test-api';
import { startTestApi, TestApi } from './support/test-api';

/**
 * A store's published commitments: read by anyone without an account, worded
 * in zh-CN and en from the standard in force for the store (HQ's targets, the
 * store's tighter overrides first), so that a store with an override promises
 * its own stricter value, one without promises HQ's, and a new version of the
 * standard changes the page at once. An unknown code, an HQ's or a partner's
 * is one NOT_FOUND; guessing codes is slowed down like the status page.
 */
let api: TestApi;
let hqAdmin: string;
let managerA: string;

const DEMO = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
const PUBLISH = `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { standard { version } userErrors { code message } } }`;
const OVERRIDE = `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { userErrors { code message } } }`;
const COMMITMENTS = `query($store: String!, $locale: Locale) {
  storeCommitments(store: $store, locale: $locale) {
    slug locale
    store { name phone address timeZone hours { weekday intervals } }
    commitments { kind ticketTypes allTypes tier amount unit text }
  }
}`;

let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

/** A request with no credential at all, from `from` (the api trusts X-Forwarded-For from the test's loopback proxy). */
async function anonymous(store: string, locale: 'ZH_CN' | 'EN' | null, from = freshAddress()): Promise<GqlResponse> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ query: COMMITMENTS, variables: { store, ...(locale ? { locale } : {}) } }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

interface Line {
  kind: string;
  ticketTypes: string[];
  allTypes: boolean;
  tier: string | null;
  amount: number | null;
  unit: string | null;
  text: string;
}

async function commitmentsOf(
  store: string,
  locale: 'ZH_CN' | 'EN' | null,
): Promise<{ slug: string; locale: string; store: { name: string }; commitments: Line[] }> {
  const response = await anonymous(store, locale);
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data.storeCommitments;
}

const lineOf = (lines: Line[], kind: string, type?: string, tier: string | null = null) =>
  lines.find((line) => line.kind === kind && line.tier === tier && (!type || line.ticketTypes.includes(type)));

async function must(query: string, variables: Record<string, unknown>, token: string): Promise<void> {
  const response = await api.gql(query, variables, token);
  expect(response.body.errors).toBeUndefined();
  const payload = Object.values(response.body.data as Record<string, { userErrors: unknown[] }>)[0];
  expect(payload.userErrors).toEqual([]);
}

beforeAll(async () => {
  api = await startTestApi({ env: { TRUST_PROXY: '127.0.0.1' } });
  [hqAdmin, managerA] = await Promise.all([api.login('hq-one', 'admin@hq-one.test'), api.login('store-a', 'manager@store-a.test')]);
  await must(PUBLISH, { i: { definition: DEMO } }, hqAdmin);
  // Store A tightens standard customers' repairs (5 → 3 working days) and progress updates (8 → 4 working hours); store B keeps HQ's.
  await must(
    OVERRIDE,
    {
      i: {
        rules: [
          { metric: 'RESOLUTION', ticketType: 'REPAIR', tier: 'STANDARD', amount: 3, unit: 'WORKING_DAYS' },
          { metric: 'PROGRESS_UPDATE', amount: 4, unit: 'WORKING_HOURS' },
        ],
      },
    },
    managerA,
  );
}, 60000);

afterAll(async () => {
  await api.stop();
});

test('amounts read as people say them, in both languages', () => {
  expect(amountText(Locale.EN, 1, TargetUnit.HALF_WORKING_DAY)).toBe('half a working day');
  expect(amountText(Locale.ZH_CN, 1, TargetUnit.HALF_WORKING_DAY)).toBe('半个工作日');
  expect(amountText(Locale.EN, 1, TargetUnit.WORKING_DAYS)).toBe('1 working day');
  expect(amountText(Locale.EN, 3, TargetUnit.WORKING_DAYS)).toBe('3 working days');
  expect(amountText(Locale.ZH_CN, 3, TargetUnit.WORKING_DAYS)).toBe('3个工作日');
  expect(amountText(Locale.EN, 48, TargetUnit.CALENDAR_HOURS)).toBe('48 hours');
  expect(amountText(Locale.ZH_CN, 48, TargetUnit.CALENDAR_HOURS)).toBe('48小时');
  expect(amountText(Locale.EN, 30, TargetUnit.WORKING_MINUTES)).toBe('30 working minutes');
  expect(amountText(Locale.ZH_CN, 8, TargetUnit.WORKING_HOURS)).toBe('8个工作小时');
});

test('lines follow the rules: no target, no line; VIP-only targets; the callback for every kind when HQ calls back all', () => {
  const hq: TargetRule[] = [
    { metric: SlaMetric.RESOLUTION, amount: 5, unit: TargetUnit.WORKING_DAYS },
    { metric: SlaMetric.FIRST_CONTACT, tier: CustomerTier.VIP, amount: 2, unit: TargetUnit.WORKING_HOURS },
    { metric: SlaMetric.CALLBACK, amount: 3, unit: TargetUnit.HALF_WORKING_DAY },
  ];
  const lines = commitmentLines({ hqRules: hq, storeRules: [], callbacks: { ...DEFAULT_CALLBACK_POLICY, otherTypesShare: 1 } }, Locale.EN);
  expect(lines.map((line) => line.text)).toEqual([
    'For VIP customers: We contact you about your request within 2 working hours.',
    'We resolve your request within 5 working days.',
    'If a part will come later than we said, we tell you its new date as soon as we know it.',
    // Without a progress target the late part's next word is due within one working day (domain/standards/late-parts.ts).
    'If a part has not come by its expected date, we tell you on the next working day, and write again within 1 working day.',
    'Once your request is resolved, we call you back within 3 half working days to ask how it went.',
  ]);
  // A store's override of one kind splits the line; HQ's rule still speaks for the others.
  const split = commitmentLines(
    {
      hqRules: hq,
      storeRules: [{ metric: SlaMetric.RESOLUTION, ticketType: TicketType.INQUIRY, amount: 1, unit: TargetUnit.WORKING_DAYS }],
      callbacks: DEFAULT_CALLBACK_POLICY,
    },
    Locale.ZH_CN,
  ).filter((line) => line.kind === 'RESOLUTION');
  expect(split.map((line) => line.text)).toEqual(['您的咨询将在1个工作日内解决。', '您的维修、投诉、退换货、上门服务或付费服务将在5个工作日内解决。']);
});

test('a store without overrides promises HQ’s standard, worded in English and in Chinese, in the order a request meets it', async () => {
  const en = await commitmentsOf('store-b', 'EN');
  expect(en).toMatchObject({ slug: 'store-b', locale: 'EN', store: { name: 'Store B' } });
  expect(en.commitments.map((line) => line.text)).toEqual([
    'We contact you about your request within half a working day.',
    'We hand your request to the person responsible for it within 30 working minutes.',
    'We resolve your inquiry within 1 working day.',
    'We resolve your repair within 5 working days.',
    'We resolve your complaint, on-site service, or paid service within 3 working days.',
    'We resolve your return/exchange within 2 working days.',
    'For VIP customers: We resolve your repair within 48 hours.',
    'While your request is open, we tell you how it stands at least every 8 working hours.',
    'If a part will come later than we said, we tell you its new date as soon as we know it.',
    'If a part has not come by its expected date, we tell you on the next working day, and write again within 8 working hours.',
    'Once your complaint or paid service is resolved, we call you back within 2 working days to ask how it went.',
  ]);
  expect(lineOf(en.commitments, 'FIRST_CONTACT')).toMatchObject({ allTypes: true, amount: 1, unit: 'HALF_WORKING_DAY' });
  expect(lineOf(en.commitments, 'RESOLUTION', 'REPAIR', 'VIP')).toMatchObject({ ticketTypes: ['REPAIR'], amount: 48, unit: 'CALENDAR_HOURS' });

  const zh = await commitmentsOf('store-b', 'ZH_CN');
  expect(zh.locale).toBe('ZH_CN');
  expect(lineOf(zh.commitments, 'FIRST_CONTACT')!.text).toBe('我们会在半个工作日内就您的请求与您联系。');
  expect(lineOf(zh.commitments, 'RESOLUTION', 'REPAIR')!.text).toBe('您的维修将在5个工作日内解决。');
  expect(lineOf(zh.commitments, 'RESOLUTION', 'COMPLAINT')!.text).toBe('您的投诉、上门服务或付费服务将在3个工作日内解决。');
  expect(lineOf(zh.commitments, 'PROGRESS_UPDATE')!.text).toBe('您的请求处理期间，我们至少每8个工作小时向您告知一次进展。');
  expect(lineOf(zh.commitments, 'RESOLUTION', 'REPAIR', 'VIP')!.text).toBe('VIP 客户：您的维修将在48小时内解决。');
  // zh-CN is the default language.
  expect((await commitmentsOf('store-b', null)).commitments.map((line) => line.text)).toEqual(zh.commitments.map((line) => line.text));
});

test("a store with overrides promises its stricter values, HQ's everywhere else", async () => {
  const en = await commitmentsOf('store-a', 'EN');
  // Repairs now share their 3 working days with complaints, on-site and paid services: one line says it.
  expect(lineOf(en.commitments, 'RESOLUTION', 'REPAIR')).toMatchObject({
    ticketTypes: ['REPAIR', 'COMPLAINT', 'ONSITE', 'PAID_SERVICE'],
    amount: 3,
    text: 'We resolve your repair, complaint, on-site service, or paid service within 3 working days.',
  });
  // The store's rule is for standard customers: VIP repairs keep HQ's 48 hours, as their clocks count them.
  expect(lineOf(en.commitments, 'RESOLUTION', 'REPAIR', 'VIP')).toMatchObject({ amount: 48, unit: 'CALENDAR_HOURS' });
  expect(lineOf(en.commitments, 'PROGRESS_UPDATE')!.text).toBe('While your request is open, we tell you how it stands at least every 4 working hours.');
  expect(lineOf(en.commitments, 'PART_LATE')!.text).toContain('write again within 4 working hours');
  expect(lineOf(en.commitments, 'RESOLUTION', 'INQUIRY')!.text).toBe('We resolve your inquiry within 1 working day.');
  const zh = await commitmentsOf('store-a', 'ZH_CN');
  expect(lineOf(zh.commitments, 'RESOLUTION', 'REPAIR')!.text).toBe('您的维修、投诉、上门服务或付费服务将在3个工作日内解决。');
  expect(lineOf(zh.commitments, 'PROGRESS_UPDATE')!.text).toBe('您的请求处理期间，我们至少每4个工作小时向您告知一次进展。');
});

test('what a store promises is what its tickets are held to: the clocks of a new ticket count the promised targets', async () => {
  const agent = await api.login('store-a', 'agent@store-a.test');
  const registered = await api.gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { slaClocks { metric targetAmount targetUnit } } userErrors { code } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'No picture', newCustomer: { name: 'Wang Fang', phone: '13800001111' } } },
    agent,
  );
  expect(registered.body.errors).toBeUndefined();
  const clocks: { metric: string; targetAmount: number; targetUnit: string }[] = registered.body.data.registerTicket.ticket.slaClocks;
  const promised = (await commitmentsOf('store-a', 'EN')).commitments;
  for (const metric of ['FIRST_CONTACT', 'DISPATCH', 'RESOLUTION', 'PROGRESS_UPDATE']) {
    const clock = clocks.find((candidate) => candidate.metric === metric)!;
    const line = lineOf(promised, metric, 'REPAIR')!;
    expect([metric, line.amount, line.unit]).toEqual([metric, clock.targetAmount, clock.targetUnit]);
  }
});

test('a new version of the standard changes the page at once', async () => {
  const v2 = DEMO.replace('version: 1', 'version: 2').replace(
    '{ metric: RESOLUTION, ticketType: COMPLAINT, amount: 3, unit: WORKING_DAYS }',
    '{ metric: RESOLUTION, ticketType: COMPLAINT, amount: 4, unit: WORKING_DAYS }',
  );
  expect(v2).not.toBe(DEMO);
  await must(PUBLISH, { i: { definition: v2 } }, hqAdmin);
  for (const store of ['store-a', 'store-b']) {
    const en = await commitmentsOf(store, 'EN');
    expect(lineOf(en.commitments, 'RESOLUTION', 'COMPLAINT')!.text).toBe('We resolve your complaint within 4 working days.');
    const zh = await commitmentsOf(store, 'ZH_CN');
    expect(lineOf(zh.commitments, 'RESOLUTION', 'COMPLAINT')!.text).toBe('您的投诉将在4个工作日内解决。');
  }
  // The store's own tighter repair target still stands under the new version.
  expect(lineOf((await commitmentsOf('store-a', 'EN')).commitments, 'RESOLUTION', 'REPAIR')!.amount).toBe(3);
});

test('an unknown code, an HQ’s, a partner’s or a malformed one answers the same NOT_FOUND; a store with no standard yet promises nothing', async () => {
  const answers = await Promise.all(['no-such-store', 'hq-one', 'partner-p', '../etc', ''].map((code) => anonymous(code, 'EN')));
  for (const response of answers) {
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(response.body.errors[0].message).toBe(answers[0].body.errors[0].message);
  }
  const z = await commitmentsOf('store-z', 'EN');
  expect(z).toMatchObject({ slug: 'store-z', store: { name: 'Store Z' }, commitments: [] });
});

test('no credential is needed, and guessing codes from one address is slowed down', async () => {
  // (`anonymous` sends no Authorization header and no cookie.)
  const from = freshAddress();
  for (let attempt = 0; attempt < 20; attempt += 1) expect((await anonymous(`guess-${attempt}`, 'EN', from)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  // Past 20 failures the address waits: even a real store's page.
  const throttled = await anonymous('store-a', 'EN', from);
  expect(throttled.status).toBe(429);
  expect(throttled.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED', retryAfterMs: expect.any(Number) });
  // Another address still reads the page; reading a real store costs nothing.
  const other = freshAddress();
  for (let attempt = 0; attempt < 25; attempt += 1) expect((await anonymous('store-a', 'EN', other)).status).toBe(200);
});
