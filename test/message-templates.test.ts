import { ManualClock } from '../core/clock';
import { DEFAULT_TEMPLATES } from '../domain/notifications/default-templates';
import { TemplateKey } from '../core/template-keys';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * Message templates through GraphQL: every key and locale with the wording in
 * force and where it comes from, a store's and an HQ's own wording set and
 * reset (validated, audited, each tenant writing only its own), and previews
 * rendered as the worker sends them. What is set is what the worker sends.
 */
const clock = new ManualClock(new Date('2026-03-04T10:00:00+08:00')); // a Wednesday, in working hours
let desk: WorkerDesk;
let managerA: string;
let managerB: string;
let agentA: string;
let techA: string;
let hqAdmin: string;
let hqSupervisor: string;
let hqTwoAdmin: string;
let managerZ: string;
/** The sample link a preview shows for `{{statusUrl}}`: the status page of the api's own address. */
const STATUS_SAMPLE = 'http://localhost:4000/console/status/sample-status-token';

const FIELDS = `key locale subject body source inherited { subject body source } ownOverride { subject body problems { field code } } placeholders requiredPlaceholders`;
const LIST = `query($key: MessageTemplateKey, $locale: Locale) { messageTemplates(key: $key, locale: $locale) { ${FIELDS} } }`;
const SET = `mutation($i: SetMessageTemplateInput!) { setMessageTemplate(input: $i) { template { ${FIELDS} } userErrors { field code message } } }`;
const RESET = `mutation($i: ResetMessageTemplateInput!) { resetMessageTemplate(input: $i) { template { ${FIELDS} } userErrors { field code message } } }`;
const PREVIEW = `query($key: MessageTemplateKey!, $locale: Locale!, $subject: String, $body: String) {
  messageTemplatePreview(key: $key, locale: $locale, subject: $subject, body: $body) { key locale subject text problems { field code message } values { name value } } }`;

async function call(query: string, variables: Record<string, unknown>, token: string) {
  const res = await desk.api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const one = async (token: string, key: string, locale: string) => (await call(LIST, { key, locale }, token)).messageTemplates[0];
const ownRows = async () =>
  (
    await desk.admin.query<{ slug: string; template_key: string; locale: string; subject: string }>(
      `select t.slug, m.template_key, m.locale, m.subject from message_templates m join tenants t on t.id = m.tenant_id order by t.slug, m.template_key, m.locale`,
    )
  ).rows;

async function registerFor(email: string): Promise<string> {
  const data = await desk.gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code message } } }`, {
    i: {
      type: 'REPAIR',
      channel: 'WALK_IN',
      problem: 'Screen flickers',
      newCustomer: { name: 'Wang Fang', phone: `1390000${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`, email, locale: 'EN' },
    },
  });
  await desk.drain();
  return data.registerTicket.ticket.number;
}
const mailTo = (email: string) => desk.smtp.messages.filter((m) => m.to.includes(email));

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
  const api = desk.api;
  [managerA, managerB, agentA, techA, hqAdmin, hqSupervisor, hqTwoAdmin, managerZ] = await Promise.all([
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-b', 'manager@store-b.test'),
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-a', 'tech@store-a.test'),
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('hq-one', 'supervisor@hq-one.test'),
    api.login('hq-two', 'admin@hq-two.test'),
    api.login('store-z', 'manager@store-z.test'),
  ]);
}, 60000);

afterAll(async () => {
  await desk.close();
});

test('a store manager reads every message in zh-CN and en: the wording in force, its source, its placeholders', async () => {
  const all = (await call(LIST, {}, managerA)).messageTemplates;
  expect(all).toHaveLength(Object.values(TemplateKey).length * 2);
  const received = all.find((t: { key: string; locale: string }) => t.key === 'TICKET_RECEIVED' && t.locale === 'ZH_CN');
  expect(received).toEqual({
    key: 'TICKET_RECEIVED',
    locale: 'ZH_CN',
    ...DEFAULT_TEMPLATES[TemplateKey.TICKET_RECEIVED]['zh-CN'],
    source: 'DEFAULT',
    inherited: { ...DEFAULT_TEMPLATES[TemplateKey.TICKET_RECEIVED]['zh-CN'], source: 'DEFAULT' },
    ownOverride: null,
    placeholders: ['recipientName', 'storeName', 'ticketNumber', 'customerName', 'statusUrl', 'ticketType', 'problem'],
    requiredPlaceholders: ['statusUrl'],
  });
  expect((await one(managerA, 'PROGRESS_UPDATE', 'EN')).requiredPlaceholders).toEqual(['statusUrl', 'partsOutlook']);
  // An HQ supervisor reads its network's defaults too.
  expect((await one(hqSupervisor, 'TICKET_RECEIVED', 'EN')).source).toBe('DEFAULT');
});

test("HQ's wording is its network's default; a store's own overrides it for that store alone, and the worker sends what is in force", async () => {
  const hqWording = {
    subject: 'HQ One network: {{ticketNumber}} received',
    body: 'Dear {{customerName}}, {{storeName}} registered {{ticketNumber}}. {{statusUrl}}',
  };
  const byHq = await call(SET, { i: { key: 'TICKET_RECEIVED', locale: 'EN', ...hqWording } }, hqAdmin);
  expect(byHq.setMessageTemplate).toMatchObject({ template: { source: 'OWN', subject: hqWording.subject, inherited: { source: 'DEFAULT' } }, userErrors: [] });
  for (const manager of [managerA, managerB]) {
    expect(await one(manager, 'TICKET_RECEIVED', 'EN')).toMatchObject({
      source: 'HQ',
      subject: hqWording.subject,
      inherited: { source: 'HQ', subject: hqWording.subject },
      ownOverride: null,
    });
  }

  // Surrounding blanks are trimmed, as in a tenant file.
  const storeWording = { subject: 'Store A has {{ticketNumber}}', body: '  Hello {{customerName}}: {{storeName}} will fix "{{problem}}". {{statusUrl}}\n' };
  const byStore = await call(SET, { i: { key: 'TICKET_RECEIVED', locale: 'EN', ...storeWording } }, managerA);
  expect(byStore.setMessageTemplate).toMatchObject({
    template: {
      source: 'OWN',
      subject: storeWording.subject,
      body: storeWording.body.trim(),
      inherited: { source: 'HQ', subject: hqWording.subject },
      ownOverride: { problems: [] },
    },
    userErrors: [],
  });
  expect((await one(managerB, 'TICKET_RECEIVED', 'EN')).source).toBe('HQ');
  expect((await one(hqAdmin, 'TICKET_RECEIVED', 'EN')).subject).toBe(hqWording.subject);

  const first = await registerFor('wording.one@example.test');
  expect(mailTo('wording.one@example.test').map((m) => [m.subject, m.text])).toEqual([
    [
      `Store A has ${first}`,
      expect.stringMatching(/^Hello Wang Fang: Store A will fix "Screen flickers"\. https:\/\/service\.example\.test\/console\/status\/[\w-]+$/),
    ],
  ]);

  // A reset drops the store's own wording only: HQ's applies again.
  const reset = await call(RESET, { i: { key: 'TICKET_RECEIVED', locale: 'EN' } }, managerA);
  expect(reset.resetMessageTemplate).toMatchObject({ template: { source: 'HQ', subject: hqWording.subject, ownOverride: null }, userErrors: [] });
  const second = await registerFor('wording.two@example.test');
  expect(mailTo('wording.two@example.test').map((m) => m.subject)).toEqual([`HQ One network: ${second} received`]);
  expect(await ownRows()).toEqual([{ slug: 'hq-one', template_key: 'TICKET_RECEIVED', locale: 'en', subject: hqWording.subject }]);

  const audit = await desk.admin.query(
    `select t.slug, a.action, a.detail from audit_events a join tenants t on t.id = a.tenant_id where a.action like 'MESSAGE_TEMPLATE_%' order by a.occurred_at, a.action desc, t.slug`,
  );
  expect(audit.rows).toEqual([
    { slug: 'hq-one', action: 'MESSAGE_TEMPLATE_SET', detail: { key: 'TICKET_RECEIVED', locale: 'en', previous: null } },
    { slug: 'store-a', action: 'MESSAGE_TEMPLATE_SET', detail: { key: 'TICKET_RECEIVED', locale: 'en', previous: null } },
    {
      slug: 'store-a',
      action: 'MESSAGE_TEMPLATE_RESET',
      detail: { key: 'TICKET_RECEIVED', locale: 'en', previous: { subject: storeWording.subject, body: storeWording.body.trim() } },
    },
  ]);
  // Resetting what is not there changes nothing and records nothing.
  await call(RESET, { i: { key: 'TICKET_RECEIVED', locale: 'EN' } }, managerA);
  expect((await desk.admin.query(`select count(*)::int as n from audit_events where action like 'MESSAGE_TEMPLATE_%'`)).rows[0].n).toBe(3);
});

test("a wording that breaks its key's rules is refused with every problem, its field and code, and nothing is written", async () => {
  const before = await ownRows();
  const bad = await call(
    SET,
    {
      i: {
        key: 'PROGRESS_UPDATE',
        locale: 'ZH_CN',
        subject: '进展 {{ticketNumber}}\n第二行 {{surveyUrl}}',
        body: '{{customerName}}，您好：{{status}} {{ticketNumber}',
      },
    },
    managerA,
  );
  expect(bad.setMessageTemplate.template).toBeNull();
  expect(bad.setMessageTemplate.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code])).toEqual([
    [['subject'], 'UNKNOWN_PLACEHOLDER'],
    [['body'], 'MALFORMED_PLACEHOLDER'],
    [['body'], 'MISSING_PLACEHOLDER'],
    [['subject'], 'SUBJECT_MULTILINE'],
  ]);
  expect(bad.setMessageTemplate.userErrors[2].message).toMatch(/\{\{partsOutlook\}\}/);
  const long = await call(
    SET,
    { i: { key: 'SURVEY_REQUEST', locale: 'EN', subject: 'x'.repeat(201), body: `{{surveyUrl}} {{statusUrl}} ${'y'.repeat(4000)}` } },
    managerA,
  );
  expect(long.setMessageTemplate.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code])).toEqual([
    [['subject'], 'TOO_LONG'],
    [['body'], 'TOO_LONG'],
  ]);
  const empty = await call(SET, { i: { key: 'SURVEY_REQUEST', locale: 'EN', subject: '   ', body: '{{surveyUrl}} {{statusUrl}}' } }, managerA);
  expect(empty.setMessageTemplate.userErrors).toEqual([{ field: ['subject'], code: 'EMPTY', message: 'subject must not be empty' }]);
  expect(await ownRows()).toEqual(before);
});

test('an own wording that fails rules written after it is shown as passed over, with its problems', async () => {
  await desk.admin.query(
    `insert into message_templates (tenant_id, template_key, locale, subject, body) select id, 'PROGRESS_UPDATE', 'en', 'Old update {{ticketNumber}}', 'Still {{status}}.' from tenants where slug = 'store-b'`,
  );
  expect(await one(managerB, 'PROGRESS_UPDATE', 'EN')).toMatchObject({
    source: 'DEFAULT',
    subject: DEFAULT_TEMPLATES[TemplateKey.PROGRESS_UPDATE].en.subject,
    ownOverride: { subject: 'Old update {{ticketNumber}}', problems: [{ field: ['body'], code: 'MISSING_PLACEHOLDER' }] },
  });
});

test('only managers and HQ admins change wordings; agents and technicians do not even read them', async () => {
  const wording = { key: 'SURVEY_REQUEST', locale: 'EN', subject: 'Rate us', body: '{{surveyUrl}} {{statusUrl}}' };
  for (const token of [techA, agentA, hqSupervisor]) {
    for (const [query, input] of [
      [SET, wording],
      [RESET, { key: 'SURVEY_REQUEST', locale: 'EN' }],
    ] as const) {
      const res = await desk.api.gql(query, { i: input }, token);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  }
  for (const token of [techA, agentA]) {
    expect((await desk.api.gql(LIST, {}, token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await desk.api.gql(PREVIEW, { key: 'SURVEY_REQUEST', locale: 'EN' }, token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
  }
});

test("a store cannot change HQ's wording, and another network never reads or changes this one's", async () => {
  // store-a resetting what HQ set only touches store-a's own row (it has none): HQ's stays for everyone.
  await call(RESET, { i: { key: 'TICKET_RECEIVED', locale: 'EN' } }, managerA);
  expect((await one(hqAdmin, 'TICKET_RECEIVED', 'EN')).source).toBe('OWN');
  expect((await one(managerB, 'TICKET_RECEIVED', 'EN')).source).toBe('HQ');

  // The other network reads only its own defaults...
  expect(await one(hqTwoAdmin, 'TICKET_RECEIVED', 'EN')).toMatchObject({ source: 'DEFAULT', ownOverride: null });
  expect(await one(managerZ, 'TICKET_RECEIVED', 'EN')).toMatchObject({ source: 'DEFAULT', inherited: { source: 'DEFAULT' } });
  // ...and its own changes and resets stay in it.
  await call(SET, { i: { key: 'TICKET_RECEIVED', locale: 'EN', subject: 'HQ Two: {{ticketNumber}}', body: 'Hi {{customerName}} {{statusUrl}}' } }, hqTwoAdmin);
  expect((await one(managerZ, 'TICKET_RECEIVED', 'EN')).subject).toBe('HQ Two: {{ticketNumber}}');
  await call(RESET, { i: { key: 'TICKET_RECEIVED', locale: 'EN' } }, hqTwoAdmin);
  expect(await one(managerA, 'TICKET_RECEIVED', 'EN')).toMatchObject({ source: 'HQ', subject: 'HQ One network: {{ticketNumber}} received' });
  expect((await one(managerZ, 'TICKET_RECEIVED', 'EN')).source).toBe('DEFAULT');
});

test('a preview renders a draft in zh-CN and en as the worker would: labels, local times, the parts outlook, and the problems', async () => {
  const before = await ownRows();
  const draft = { subject: '{{storeName}}：{{ticketNumber}} {{status}}', body: '{{customerName}}，您好：\n{{partsOutlook}}\n{{note}}\n{{statusUrl}}' };
  const zh = (await call(PREVIEW, { key: 'PROGRESS_UPDATE', locale: 'ZH_CN', ...draft }, managerA)).messageTemplatePreview;
  expect(zh.subject).toBe('Store A：A-2026-000123 等待配件');
  expect(zh.text).toBe(
    [
      '李华，您好：',
      '所需配件（主板）预计 2026-03-07 到货。',
      '所需配件（电池）原定 2026-03-02 到货，目前已延误，供应商尚未给出新的到货日期。',
      '已更换散热硅脂，正在进行压力测试。',
    ].join('\n') + `\n${STATUS_SAMPLE}`,
  );
  expect(zh.problems).toEqual([]);

  const en = (
    await call(
      PREVIEW,
      { key: 'PROGRESS_UPDATE', locale: 'EN', subject: '{{ticketNumber}} is {{status}}', body: 'Dear {{customerName}},\n{{partsOutlook}}\n{{statusUrl}}' },
      managerA,
    )
  ).messageTemplatePreview;
  expect(en.subject).toBe('A-2026-000123 is waiting for parts');
  expect(en.text).toBe(
    `Dear Li Hua,\nThe part (motherboard) is expected on 2026-03-07.\nThe part (battery) was due on 2026-03-02 and is late; the supplier has not given a new date yet.\n${STATUS_SAMPLE}`,
  );

  // A due time is told in the tenant's time zone (Asia/Shanghai), and the metric in words.
  const atRisk = (await call(PREVIEW, { key: 'STAFF_AT_RISK', locale: 'EN', subject: '{{metric}} due {{dueAt}}', body: 'Hi {{recipientName}}' }, managerA))
    .messageTemplatePreview;
  expect(atRisk.subject).toBe('resolution due 2026-03-05 17:30');
  expect(atRisk.text).toBe('Hi Zhang Wei');
  expect(atRisk.values).toContainEqual({ name: 'dueAt', value: '2026-03-05 17:30' });

  // A draft with problems is still rendered (an unknown placeholder as a blank, as the sender would), beside its problems.
  const bad = (await call(PREVIEW, { key: 'PROGRESS_UPDATE', locale: 'EN', subject: 'Hi {{surveyUrl}}', body: 'Nothing' }, managerA)).messageTemplatePreview;
  expect(bad.subject).toBe('Hi');
  expect(bad.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
    [['subject'], 'UNKNOWN_PLACEHOLDER'],
    [['body'], 'MISSING_PLACEHOLDER'],
  ]);

  // Without a draft, the wording in force (here HQ's) is previewed.
  const inForce = (await call(PREVIEW, { key: 'TICKET_RECEIVED', locale: 'EN' }, managerB)).messageTemplatePreview;
  expect(inForce.subject).toBe('HQ One network: B-2026-000123 received');
  // An HQ previews its network default as a store would read it.
  const byHq = (await call(PREVIEW, { key: 'SURVEY_REQUEST', locale: 'ZH_CN', subject: '{{storeName}}', body: '{{surveyUrl}}\n{{statusUrl}}' }, hqAdmin))
    .messageTemplatePreview;
  expect(byHq.subject).toBe('示例门店');
  expect(byHq.text).toMatch(/\/survey\/sample-survey-token\n.*\/console\/status\/sample-status-token$/);
  expect(await ownRows()).toEqual(before);
});
