import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApiServer } from '../api/server';
import { loadConfig } from '../infra/config';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/** HQ publishes its standard, stores only tighten it, and a ticket keeps the version it was opened under. */
let api: TestApi;
let hqAdmin: string;
let managerA: string;
let agentA: string;
let managerZ: string;

const DEMO = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
const PUBLISH = `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { standard { code version } userErrors { field code message } } }`;
const OVERRIDE = `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { standard { storeTargets { metric ticketType amount unit } } userErrors { field code message } } }`;

async function data(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  [hqAdmin, managerA, agentA, managerZ] = await Promise.all([
    api.login('hq-one', 'admin@hq-one.test'),
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-z', 'manager@store-z.test'),
  ]);
}, 60000);

afterAll(async () => {
  await api.stop();
});

test('HQ publishes the demo standard; its stores read it, another network does not', async () => {
  const published = await data(PUBLISH, { i: { definition: DEMO } }, hqAdmin);
  expect(published.publishSlaTemplate).toEqual({ standard: { code: 'demo-hq-standard', version: 1 }, userErrors: [] });
  const read = await data(`{ slaStandard { code version atRiskShare targets { metric ticketType tier amount unit locked } } }`, {}, agentA);
  expect(read.slaStandard).toMatchObject({ code: 'demo-hq-standard', version: 1, atRiskShare: 0.75 });
  expect(read.slaStandard.targets).toContainEqual({
    metric: 'RESOLUTION',
    ticketType: 'COMPLAINT',
    tier: null,
    amount: 3,
    unit: 'WORKING_DAYS',
    locked: false,
  });
  expect((await data(`{ slaStandard { code targets { metric } } }`, {}, managerZ)).slaStandard).toEqual({ code: null, targets: [] });

  const again = await data(PUBLISH, { i: { definition: DEMO } }, hqAdmin);
  expect(again.publishSlaTemplate.userErrors[0].code).toBe('VERSION_NOT_NEWER');
  const foreign = await data(PUBLISH, { i: { definition: DEMO.replace('owner: hq-one', 'owner: hq-two').replace('version: 1', 'version: 9') } }, hqAdmin);
  expect(foreign.publishSlaTemplate.userErrors[0].code).toBe('WRONG_OWNER');
  const broken = await data(PUBLISH, { i: { definition: 'template: x\nowner: hq-one\nversion: 5\ntargets: []' } }, hqAdmin);
  expect(broken.publishSlaTemplate.userErrors[0]).toMatchObject({ code: 'INVALID_TEMPLATE', field: ['definition'] });
  const byStore = await api.gql(PUBLISH, { i: { definition: DEMO } }, managerA);
  expect(byStore.body.errors[0].extensions.code).toBe('FORBIDDEN');
});

test('a store tightens targets; looser and locked ones are refused with HQ value and the store value', async () => {
  const tighter = await data(OVERRIDE, { i: { rules: [{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 2, unit: 'WORKING_DAYS' }] } }, managerA);
  expect(tighter.setSlaOverrides).toEqual({
    standard: { storeTargets: [{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 2, unit: 'WORKING_DAYS' }] },
    userErrors: [],
  });

  const looser = await data(OVERRIDE, { i: { rules: [{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 4, unit: 'WORKING_DAYS' }] } }, managerA);
  expect(looser.setSlaOverrides.standard).toBeNull();
  expect(looser.setSlaOverrides.userErrors[0]).toMatchObject({ code: 'LOOSER_THAN_HQ', field: ['rules', '0', 'amount'] });
  expect(looser.setSlaOverrides.userErrors[0].message).toMatch(/RESOLUTION for COMPLAINT.*HQ's target is 3 working days, the store's 4 working days is looser/);

  const locked = await data(OVERRIDE, { i: { rules: [{ metric: 'DISPATCH', amount: 15, unit: 'WORKING_MINUTES' }] } }, managerA);
  expect(locked.setSlaOverrides.userErrors[0].code).toBe('TARGET_LOCKED');

  // refused changes left the accepted override in place
  const read = await data(`{ slaStandard { storeTargets { amount } } }`, {}, managerA);
  expect(read.slaStandard.storeTargets).toEqual([{ amount: 2 }]);
  const byAgent = await api.gql(OVERRIDE, { i: { rules: [] } }, agentA);
  expect(byAgent.body.errors[0].extensions.code).toBe('FORBIDDEN');
});

test("a store reads HQ's floor beside each target, and every refusal points at its rule with HQ's value as data", async () => {
  const FLOORS = `{ slaStandard { targetFloors { metric ticketType priority tier hq { amount unit locked } locked storeOverride { amount unit } overrideIndex } } }`;
  const floors = (await data(FLOORS, {}, managerA)).slaStandard.targetFloors;
  expect(floors).toHaveLength(11);
  expect(floors[0]).toEqual({
    metric: 'DISPATCH',
    ticketType: null,
    priority: null,
    tier: null,
    hq: { amount: 30, unit: 'WORKING_MINUTES', locked: true },
    locked: true,
    storeOverride: null,
    overrideIndex: null,
  });
  expect(floors.filter((f: { storeOverride: unknown }) => f.storeOverride)).toEqual([
    {
      metric: 'RESOLUTION',
      ticketType: 'COMPLAINT',
      priority: null,
      tier: null,
      hq: { amount: 3, unit: 'WORKING_DAYS', locked: false },
      locked: false,
      storeOverride: { amount: 2, unit: 'WORKING_DAYS' },
      overrideIndex: 0,
    },
  ]);
  // HQ and the other stores read HQ's targets with no override of store-a's.
  for (const token of [hqAdmin, await api.login('store-b', 'manager@store-b.test')]) {
    const theirs = (await data(FLOORS, {}, token)).slaStandard.targetFloors;
    expect(theirs).toHaveLength(11);
    expect(theirs.every((f: { storeOverride: unknown }) => f.storeOverride === null)).toBe(true);
  }

  const REFUSE = `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { standard { version } userErrors { field code message }
    floorViolations { ruleIndex code metric ticketType priority tier hq { amount unit locked } store { metric ticketType amount unit } } } }`;
  const refused = await data(
    REFUSE,
    {
      i: {
        rules: [
          { metric: 'FIRST_CONTACT', amount: 1, unit: 'HALF_WORKING_DAY' },
          { metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 4, unit: 'WORKING_DAYS' },
          { metric: 'DISPATCH', amount: 15, unit: 'WORKING_MINUTES' },
          { metric: 'PROGRESS_UPDATE', amount: 1, unit: 'WORKING_DAYS' },
        ],
      },
    },
    managerA,
  );
  expect(refused.setSlaOverrides.standard).toBeNull();
  expect(refused.setSlaOverrides.userErrors).toEqual([
    {
      field: ['rules', '1', 'amount'],
      code: 'LOOSER_THAN_HQ',
      message: expect.stringMatching(/HQ's target is 3 working days, the store's 4 working days is looser/),
    },
    { field: ['rules', '2'], code: 'TARGET_LOCKED', message: expect.stringMatching(/HQ has locked this target at 30 working minutes/) },
    { field: ['rules', '3', 'unit'], code: 'UNIT_MISMATCH', message: expect.stringMatching(/HQ counts in WORKING_HOURS, the override in WORKING_DAYS/) },
  ]);
  expect(refused.setSlaOverrides.floorViolations).toEqual([
    {
      ruleIndex: 1,
      code: 'LOOSER_THAN_HQ',
      metric: 'RESOLUTION',
      ticketType: 'COMPLAINT',
      priority: 'LOW',
      tier: 'STANDARD',
      hq: { amount: 3, unit: 'WORKING_DAYS', locked: false },
      store: { metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 4, unit: 'WORKING_DAYS' },
    },
    {
      ruleIndex: 2,
      code: 'TARGET_LOCKED',
      metric: 'DISPATCH',
      ticketType: 'INQUIRY',
      priority: 'LOW',
      tier: 'STANDARD',
      hq: { amount: 30, unit: 'WORKING_MINUTES', locked: true },
      store: { metric: 'DISPATCH', ticketType: null, amount: 15, unit: 'WORKING_MINUTES' },
    },
    {
      ruleIndex: 3,
      code: 'UNIT_MISMATCH',
      metric: 'PROGRESS_UPDATE',
      ticketType: 'INQUIRY',
      priority: 'LOW',
      tier: 'STANDARD',
      hq: { amount: 8, unit: 'WORKING_HOURS', locked: false },
      store: { metric: 'PROGRESS_UPDATE', ticketType: null, amount: 1, unit: 'WORKING_DAYS' },
    },
  ]);
  // A broad rule is checked against every HQ target it touches, each refusal naming that target.
  const broad = await data(REFUSE, { i: { rules: [{ metric: 'RESOLUTION', amount: 2, unit: 'WORKING_DAYS' }] } }, managerA);
  expect(
    broad.setSlaOverrides.floorViolations.map((v: { code: string; ticketType: string; hq: { amount: number; unit: string } }) => [
      v.code,
      v.ticketType,
      v.hq.amount,
      v.hq.unit,
    ]),
  ).toEqual([
    ['LOOSER_THAN_HQ', 'INQUIRY', 1, 'WORKING_DAYS'],
    ['UNIT_MISMATCH', 'REPAIR', 48, 'CALENDAR_HOURS'],
  ]);
  // Nothing was written: the accepted override stands.
  expect((await data(FLOORS, {}, managerA)).slaStandard.targetFloors.filter((f: { storeOverride: unknown }) => f.storeOverride)).toHaveLength(1);
});

test('a ticket keeps the version it was opened under when HQ publishes a new one', async () => {
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const customer = await admin.query(
    `insert into customers (tenant_id, name, phone) select id, 'Kept', '13700001111' from tenants where slug = 'store-a' returning id`,
  );
  await admin.end();
  const register = async () =>
    (
      await data(
        `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id slaTemplate slaVersion } userErrors { code } } }`,
        { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Nobody called', customerId: toGlobalId('Customer', customer.rows[0].id) } },
        agentA,
      )
    ).registerTicket.ticket;
  const before = await register();
  expect(before).toMatchObject({ slaTemplate: 'demo-hq-standard', slaVersion: 1 });
  await data(PUBLISH, { i: { definition: DEMO.replace('version: 1', 'version: 2') } }, hqAdmin);
  const still = await data(`query($id: ID!) { ticket(id: $id) { slaVersion } }`, { id: before.id }, agentA);
  expect(still.ticket.slaVersion).toBe(1);
  expect((await register()).slaVersion).toBe(2);
});

test('every HQ target loosened by a store is refused, and the ladder takes only earlier store levels', async () => {
  const standard = await data(`{ slaStandard { targets { metric ticketType priority tier amount unit locked } } }`, {}, managerA);
  for (const target of standard.slaStandard.targets) {
    const looser = {
      metric: target.metric,
      ticketType: target.ticketType,
      priority: target.priority,
      tier: target.tier,
      amount: target.amount * 2,
      unit: target.unit,
    };
    const result = await data(OVERRIDE, { i: { rules: [looser] } }, managerA);
    expect([target.locked ? 'TARGET_LOCKED' : 'LOOSER_THAN_HQ', 'UNIT_MISMATCH']).toContain(result.setSlaOverrides.userErrors[0]?.code);
  }
  const LADDER = `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { standard { escalation { level name trigger fromHq } } userErrors { code message } } }`;
  const earlier = await data(LADDER, { i: { rules: [], levels: [{ name: 'early nudge', shareOfTarget: 0.5 }] } }, managerA);
  expect(earlier.setSlaOverrides.standard.escalation).toEqual([
    { level: 1, name: 'early nudge', trigger: '50% of the target', fromHq: false },
    { level: 2, name: 'responsible person', trigger: '75% of the target', fromHq: true },
    { level: 3, name: 'supervisor', trigger: '0 minutes after the breach', fromHq: true },
    { level: 4, name: 'store manager', trigger: '240 minutes after the breach', fromHq: true },
    { level: 5, name: 'HQ service quality', trigger: '480 minutes after the breach', fromHq: true },
  ]);
  // Targets saved without levels (as the console's form does) keep the store's level; an empty list removes it.
  const targetsOnly = await data(LADDER, { i: { rules: [] } }, managerA);
  expect(targetsOnly.setSlaOverrides.standard.escalation.map((level: { name: string }) => level.name)[0]).toBe('early nudge');
  const removed = await data(LADDER, { i: { rules: [], levels: [] } }, managerA);
  expect(removed.setSlaOverrides.standard.escalation[0]).toMatchObject({ name: 'responsible person', fromHq: true });
  // Each refusal names the level and the field it concerns, so a form shows it there.
  const refused = async (levels: unknown[]) =>
    (await data(`mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { userErrors { field code } } }`, { i: { rules: [], levels } }, managerA))
      .setSlaOverrides.userErrors;
  expect(await refused([{ name: 'late', minutesAfterBreach: 30 }])).toEqual([{ field: ['levels', '0', 'minutesAfterBreach'], code: 'LEVEL_NOT_EARLIER' }]);
  expect(await refused([{ name: 'silent', shareOfTarget: 0.2, notifyAssignee: false }])).toEqual([
    { field: ['levels', '0', 'notifyRoles'], code: 'LEVEL_NOTIFIES_NOBODY' },
  ]);
  expect(
    await refused([
      { name: 'first', shareOfTarget: 0.5 },
      { name: 'second', shareOfTarget: 0.3 },
    ]),
  ).toEqual([{ field: ['levels', '1', 'shareOfTarget'], code: 'LEVEL_OUT_OF_ORDER' }]);
  expect(await refused([{ name: 'whole', shareOfTarget: 1.5 }])).toEqual([{ field: ['levels', '0', 'shareOfTarget'], code: 'INVALID_TRIGGER' }]);
  expect(await refused([{ name: 'both', shareOfTarget: 0.2, minutesAfterBreach: 0 }])).toEqual([
    { field: ['levels', '0', 'shareOfTarget'], code: 'INVALID_TRIGGER' },
  ]);
  expect(await refused([{ name: '  ', shareOfTarget: 0.2 }])).toEqual([{ field: ['levels', '0', 'name'], code: 'INVALID_NAME' }]);
  expect(await refused([{ name: 'to HQ', shareOfTarget: 0.2, notifyRoles: ['HQ_SUPERVISOR'] }])).toEqual([
    { field: ['levels', '0', 'notifyRoles'], code: 'ROLE_NOT_ALLOWED' },
  ]);
  // The ladder reads back as data too: the store's level as it was written, HQ's with whom it tells.
  const LEVELS = `{ slaStandard { escalation { name fromHq shareOfTarget minutesAfterBreach notifyAssignee notifySupervisor notifyRoles notifyHqRoles workingHoursOnly } } }`;
  await data(
    LADDER,
    {
      i: {
        rules: [],
        levels: [{ name: 'tell the manager', shareOfTarget: 0.4, notifyAssignee: false, notifyRoles: ['STORE_MANAGER'], workingHoursOnly: false }],
      },
    },
    managerA,
  );
  const ladder = (await data(LEVELS, {}, managerA)).slaStandard.escalation;
  expect(ladder[0]).toEqual({
    name: 'tell the manager',
    fromHq: false,
    shareOfTarget: 0.4,
    minutesAfterBreach: null,
    notifyAssignee: false,
    notifySupervisor: false,
    notifyRoles: ['STORE_MANAGER'],
    notifyHqRoles: [],
    workingHoursOnly: false,
  });
  expect(ladder[2]).toMatchObject({ name: 'supervisor', shareOfTarget: null, minutesAfterBreach: 0, notifySupervisor: true, notifyAssignee: false });
  expect(ladder[4]).toMatchObject({ name: 'HQ service quality', minutesAfterBreach: 480, notifyRoles: [], notifyHqRoles: ['HQ_SUPERVISOR'] });
  await data(LADDER, { i: { rules: [], levels: [] } }, managerA);
});

test('a target no clock can count is refused when HQ publishes it or a store sets it, with its code, and registration keeps working', async () => {
  const fractional = DEMO.replace('version: 1', 'version: 20').replace(
    '{ metric: RESOLUTION, ticketType: INQUIRY, amount: 1, unit: WORKING_DAYS }',
    '{ metric: RESOLUTION, ticketType: INQUIRY, amount: 1.5, unit: WORKING_DAYS }',
  );
  const published = await data(PUBLISH, { i: { definition: fractional } }, hqAdmin);
  expect(published.publishSlaTemplate.standard).toBeNull();
  expect(published.publishSlaTemplate.userErrors).toEqual([
    {
      field: ['definition'],
      code: 'FRACTIONAL_TARGET',
      message: expect.stringMatching(/targets\.5\.amount: RESOLUTION: 1\.5 WORKING_DAYS: WORKING_DAYS counts whole days/),
    },
  ]);
  const half = await data(OVERRIDE, { i: { rules: [{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 0.5, unit: 'WORKING_DAYS' }] } }, managerA);
  expect(half.setSlaOverrides).toEqual({
    standard: null,
    userErrors: [{ field: ['rules', '0', 'amount'], code: 'FRACTIONAL_TARGET', message: expect.stringMatching(/0\.5 WORKING_DAYS.*whole number/) }],
  });
  const none = await data(OVERRIDE, { i: { rules: [{ metric: 'RESOLUTION', ticketType: 'COMPLAINT', amount: 0, unit: 'WORKING_DAYS' }] } }, managerA);
  expect(none.setSlaOverrides.userErrors[0].code).toBe('TARGET_NOT_POSITIVE');
  // nothing was written: complaints register under the standard and overrides in force
  const registered = await data(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { slaClocks { metric target } } userErrors { code } } }`,
    { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Counted in halves', newCustomer: { name: 'Half', phone: '13700002222' } } },
    agentA,
  );
  expect(registered.registerTicket.ticket.slaClocks).toContainEqual({ metric: 'RESOLUTION', target: '3 working days' });
});

test('an internal error is logged with its cause at the default log level, and the client reads only INTERNAL_SERVER_ERROR', async () => {
  // A server like the test's, logging at the configured default level into lines we read.
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  const level = loadConfig({}).LOG_LEVEL;
  const server = await createApiServer(api.deps, pino({ level }, sink));
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}/graphql`;
    // Overrides stored before amounts were checked: a half working day no calendar can count.
    const admin = new Client({ connectionString: api.db.adminUrl });
    await admin.connect();
    await admin.query(
      `insert into sla_overrides (tenant_id, rules) select id, '[{"metric":"RESOLUTION","ticketType":"COMPLAINT","amount":0.5,"unit":"WORKING_DAYS","locked":false}]'::jsonb from tenants where slug = 'store-b'`,
    );
    await admin.end();
    const agentB = await api.login('store-b', 'agent@store-b.test');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentB}` },
      body: JSON.stringify({
        query: `mutation Register($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`,
        variables: { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Half a day', newCustomer: { name: 'Legacy', phone: '13700003333' } } },
      }),
    });
    const body = (await response.json()) as { errors: unknown[] };
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    const logged = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50);
    expect(logged).toEqual([
      expect.objectContaining({
        msg: 'internal error in GraphQL operation Register: days must be a whole number >= 0',
        requestId: response.headers.get('x-request-id'),
        operationName: 'Register',
        path: ['registerTicket'],
        err: expect.objectContaining({ message: 'days must be a whole number >= 0', stack: expect.stringContaining('addWorkingDays') }),
      }),
    ]);
  } finally {
    await server.close();
  }
});
