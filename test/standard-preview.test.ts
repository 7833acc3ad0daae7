import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadTemplate, parseTemplate } from '../domain/standards/sla-template-file';
import { templateText } from '../domain/standards/sla-template-text';
import { projectRoot } from '../core/project-root';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Before HQ publishes a new version of its standard it sees what would
 * change: the draft is read exactly as publishing reads it, compared with the
 * version in force, and nothing is written. HQ reads the version in force as
 * a template file to edit.
 */
let api: TestApi;
let admin: Client;
let hqAdmin: string;
let hqSupervisor: string;
let managerA: string;
let hqTwoAdmin: string;

const TEMPLATE_FILE = join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml');
const DEMO = readFileSync(TEMPLATE_FILE, 'utf8').replace('owner: demo-hq', 'owner: hq-one');
const PUBLISH = `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { standard { version } userErrors { field code message } } }`;
const RULE = `metric ticketType priority tier amount unit locked`;
const LEVEL = `level name trigger notify workingHoursOnly fromHq`;
const PREVIEW = `query($d: String!) { slaTemplatePreview(definition: $d) {
  code version currentVersion publishable
  targetChanges { change metric ticketType priority tier from { ${RULE} } to { ${RULE} } }
  settingChanges { change setting from to }
  escalationChanges { change level from { ${LEVEL} } to { ${LEVEL} } }
  userErrors { field code message } } }`;

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}
const preview = async (definition: string, token = hqAdmin) => (await data(PREVIEW, { d: definition }, token)).slaTemplatePreview;
const versionsPublished = async () => (await admin.query(`select count(*)::int as n from sla_templates`)).rows[0].n;

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [hqAdmin, hqSupervisor, managerA, hqTwoAdmin] = await Promise.all([
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('hq-one', 'supervisor@hq-one.test'),
    api.login('store-a', 'manager@store-a.test'),
    api.login('hq-two', 'admin@hq-two.test'),
  ]);
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test('a published template written back as a file reads back to the same template', () => {
  const template = loadTemplate(TEMPLATE_FILE);
  const text = templateText(template);
  expect(parseTemplate(text)).toEqual(template);
  expect(text).toContain('  - { metric: DISPATCH, amount: 30, unit: WORKING_MINUTES, locked: true }\n');
});

test('before anything is published, every element of the draft is new', async () => {
  const first = await preview(DEMO);
  expect(first).toMatchObject({ code: 'demo-hq-standard', version: 1, currentVersion: null, publishable: true, userErrors: [] });
  expect(first.targetChanges).toHaveLength(11);
  expect(first.targetChanges.every((c: { change: string; from: unknown }) => c.change === 'ADDED' && c.from === null)).toBe(true);
  expect(first.settingChanges).toContainEqual({ change: 'ADDED', setting: 'atRiskShare', from: null, to: '0.75' });
  expect(first.escalationChanges.map((c: { change: string; level: number }) => [c.change, c.level])).toEqual([
    ['ADDED', 1],
    ['ADDED', 2],
    ['ADDED', 3],
    ['ADDED', 4],
  ]);
  expect((await data(`{ slaStandard { definition } }`, {}, hqAdmin)).slaStandard.definition).toBeNull();
  expect(await versionsPublished()).toBe(0);
});

test('HQ edits the version in force into a draft and sees each change against it; nothing is written', async () => {
  expect((await data(PUBLISH, { i: { definition: DEMO } }, hqAdmin)).publishSlaTemplate.userErrors).toEqual([]);
  const definition: string = (await data(`{ slaStandard { definition } }`, {}, hqAdmin)).slaStandard.definition;
  expect(parseTemplate(definition)).toEqual(parseTemplate(DEMO));
  // Stores read the targets, not HQ's file.
  expect((await data(`{ slaStandard { version definition } }`, {}, managerA)).slaStandard).toEqual({ version: 1, definition: null });

  // The same file with the next version number changes nothing.
  expect(await preview(definition.replace('version: 1', 'version: 2'))).toMatchObject({
    version: 2,
    currentVersion: 1,
    publishable: true,
    targetChanges: [],
    settingChanges: [],
    escalationChanges: [],
  });

  const draft = definition
    .replace('version: 1', 'version: 2')
    .replace('atRiskShare: 0.75', 'atRiskShare: 0.8')
    .replace('WAITING_CUSTOMER: [ RESOLUTION ]', 'WAITING_CUSTOMER: [ RESOLUTION ]\n    WAITING_PARTS: [ RESOLUTION ]')
    .replace('ticketType: COMPLAINT, amount: 3,', 'ticketType: COMPLAINT, amount: 2,')
    .replace(
      '  - { metric: RESOLUTION, ticketType: INQUIRY, amount: 1, unit: WORKING_DAYS }\n',
      '  - { metric: RESOLUTION, ticketType: REPAIR, priority: URGENT, amount: 1, unit: WORKING_DAYS }\n',
    )
    .replace('minutes: 240', 'minutes: 120')
    .concat('callbacks:\n  otherTypesShare: 0.5\n  reminderAfterDays: 2\n');
  const changes = await preview(draft);
  expect(changes).toMatchObject({ code: 'demo-hq-standard', version: 2, currentVersion: 1, publishable: true, userErrors: [] });
  expect(changes.targetChanges).toEqual([
    {
      change: 'CHANGED',
      metric: 'RESOLUTION',
      ticketType: 'COMPLAINT',
      priority: null,
      tier: null,
      from: { metric: 'RESOLUTION', ticketType: 'COMPLAINT', priority: null, tier: null, amount: 3, unit: 'WORKING_DAYS', locked: false },
      to: { metric: 'RESOLUTION', ticketType: 'COMPLAINT', priority: null, tier: null, amount: 2, unit: 'WORKING_DAYS', locked: false },
    },
    {
      change: 'ADDED',
      metric: 'RESOLUTION',
      ticketType: 'REPAIR',
      priority: 'URGENT',
      tier: null,
      from: null,
      to: { metric: 'RESOLUTION', ticketType: 'REPAIR', priority: 'URGENT', tier: null, amount: 1, unit: 'WORKING_DAYS', locked: false },
    },
    {
      change: 'REMOVED',
      metric: 'RESOLUTION',
      ticketType: 'INQUIRY',
      priority: null,
      tier: null,
      from: { metric: 'RESOLUTION', ticketType: 'INQUIRY', priority: null, tier: null, amount: 1, unit: 'WORKING_DAYS', locked: false },
      to: null,
    },
  ]);
  // Callback settings are compared as they apply: writing out a default (reminderAfterDays: 2) is no change.
  expect(changes.settingChanges).toEqual([
    { change: 'CHANGED', setting: 'atRiskShare', from: '0.75', to: '0.8' },
    { change: 'ADDED', setting: 'pauses.byStatus.WAITING_PARTS', from: null, to: 'RESOLUTION' },
    { change: 'CHANGED', setting: 'callbacks.otherTypesShare', from: '0.3', to: '0.5' },
  ]);
  expect(changes.escalationChanges).toEqual([
    {
      change: 'CHANGED',
      level: 3,
      from: { level: 3, name: 'store manager', trigger: '240 minutes after the breach', notify: ['every STORE_MANAGER'], workingHoursOnly: true, fromHq: true },
      to: { level: 3, name: 'store manager', trigger: '120 minutes after the breach', notify: ['every STORE_MANAGER'], workingHoursOnly: true, fromHq: true },
    },
  ]);
  expect(await versionsPublished()).toBe(1);

  // What was previewed is what gets published.
  expect((await data(PUBLISH, { i: { definition: draft } }, hqAdmin)).publishSlaTemplate).toEqual({ standard: { version: 2 }, userErrors: [] });
  expect((await data(`{ slaStandard { escalation { level notify } } }`, {}, managerA)).slaStandard.escalation[3]).toEqual({
    level: 4,
    notify: ['every HQ_SUPERVISOR at HQ'],
  });
});

test('a draft is refused with the very errors publishing answers, and a readable one still shows its changes', async () => {
  const current: string = (await data(`{ slaStandard { definition } }`, {}, hqAdmin)).slaStandard.definition;
  const drafts = [
    'template: x\nowner: hq-one\nversion: 5\ntargets: []',
    current.replace('version: 2', 'version: 3').replace('ticketType: COMPLAINT, amount: 2,', 'ticketType: COMPLAINT, amount: 1.5,'),
    current.replace('owner: hq-one', 'owner: hq-two').replace('version: 2', 'version: 3'),
    current.replace('ticketType: COMPLAINT, amount: 2,', 'ticketType: COMPLAINT, amount: 1,'),
  ];
  for (const draft of drafts) {
    const published = (await data(PUBLISH, { i: { definition: draft } }, hqAdmin)).publishSlaTemplate.userErrors;
    expect(published).toHaveLength(1);
    expect((await preview(draft)).userErrors).toEqual(published);
  }
  expect((await preview(drafts[0])).userErrors[0].code).toBe('INVALID_TEMPLATE');
  expect((await preview(drafts[1])).userErrors[0].code).toBe('FRACTIONAL_TARGET');
  expect((await preview(drafts[2])).userErrors[0].code).toBe('WRONG_OWNER');
  const notNewer = await preview(drafts[3]);
  expect(notNewer).toMatchObject({ version: 2, currentVersion: 2, publishable: false, userErrors: [{ code: 'VERSION_NOT_NEWER', field: ['definition'] }] });
  expect(notNewer.targetChanges.map((c: { change: string; to: { amount: number } }) => [c.change, c.to.amount])).toEqual([['CHANGED', 1]]);
  expect(await versionsPublished()).toBe(2);
});

test('only HQ admins preview, and each HQ compares with its own standard', async () => {
  for (const token of [managerA, hqSupervisor]) {
    expect((await api.gql(PREVIEW, { d: DEMO }, token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
  }
  const other = await preview(DEMO.replace('owner: hq-one', 'owner: hq-two'), hqTwoAdmin);
  expect(other).toMatchObject({ currentVersion: null, publishable: true });
  expect((await data(`{ slaStandard { definition } }`, {}, hqTwoAdmin)).slaStandard.definition).toBeNull();
});
