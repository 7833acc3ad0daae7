import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { ActionKind } from '../core/action-enums';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { publishEvent } from '../domain/webhooks/publish';
import { processWebhookDelivery } from '../domain/webhooks/webhook-delivery.processor';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { TenantKind } from '../core/enums';
import { toGlobalId } from '../core/global-id';
import { WebhookEventType } from '../core/webhook-enums';
import { drainDueActions } from './support/action-driver';
import { GqlResponse, startTestApi, TestApi } from './support/test-api';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Managing webhook endpoints through GraphQL: what a valid endpoint is, the
 * secret shown once and rotated with a grace period, disabling, deleting, who
 * may do it, and that no tenant can see, change or replay another's.
 */
let api: TestApi;
let admin: Client;
const tenantId: Record<string, string> = {};
const clock = new ManualClock(new Date());
const receivers: WebhookReceiver[] = [];

const processorDeps: ProcessorDeps = {
  channels: { email: { send: () => Promise.reject(new Error('these tests send no e-mail')) }, sms: null },
  fetch,
  publicBaseUrl: 'http://localhost',
  webhookTimeoutMs: 1000,
};

const FIELDS = 'id url description eventTypes status disabledCause disabledReason disabledAt consecutiveFailedDeliveries previousSecretExpiresAt version';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } secret userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } userErrors { field code message } } }`;
const DISABLE = `mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } userErrors { field code } } }`;
const ENABLE = `mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { webhookEndpoint { ${FIELDS} } userErrors { field code } } }`;
const ROTATE = `mutation($input: RotateWebhookEndpointSecretInput!) { rotateWebhookEndpointSecret(input: $input) { webhookEndpoint { ${FIELDS} } secret userErrors { code } } }`;
const DELETE = `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId userErrors { code } } }`;
const REPLAY = `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id webhookId } userErrors { code } } }`;
const ONE = `query($id: ID!) { webhookEndpoint(id: $id) { ${FIELDS} deliveries(first: 10) { edges { node { id webhookId state attemptCount } } } } }`;
const LIST = `query($first: Int!, $after: String) { webhookEndpoints(first: $first, after: $after) { edges { cursor node { id url } } pageInfo { hasNextPage endCursor } } }`;

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  for (const row of (await admin.query<{ id: string; slug: string }>('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;
}, 60000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await admin?.end();
  await api?.stop();
});

const USERS = {
  managerA: ['store-a', 'manager@store-a.test'],
  agentA: ['store-a', 'agent@store-a.test'],
  managerB: ['store-b', 'manager@store-b.test'],
  managerP: ['partner-p', 'manager@partner-p.test'],
  hqAdmin: ['hq-one', 'admin@hq-one.test'],
  hq2Admin: ['hq-two', 'admin@hq-two.test'],
} as const;

/** Logs in at the clock's current time (tokens expire as it moves on). */
async function gql(who: keyof typeof USERS, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse> {
  const [slug, email] = USERS[who];
  return api.gql(query, variables, await api.login(slug, email));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function data(who: keyof typeof USERS, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await gql(who, query, variables);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data)[0];
}

async function createEndpoint(who: keyof typeof USERS, input: Record<string, unknown>) {
  const payload = await data(who, CREATE, { input: { eventTypes: ['TICKET_CREATED'], ...input } });
  expect(payload.userErrors).toEqual([]);
  return { ...payload.webhookEndpoint, secret: payload.secret as string };
}

function codeOf(res: GqlResponse): string {
  expect(res.body.errors).toHaveLength(1);
  return res.body.errors[0].extensions?.code;
}

let keys = 0;
async function publish(slug: string, type = WebhookEventType.TICKET_CREATED): Promise<string> {
  return inTenantTransaction(api.orm, tenantId[slug], async (em) => {
    const ctx = { tenantId: tenantId[slug], tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock };
    const event = await publishEvent(ctx, { type, key: `endpoint-test:${++keys}`, data: { n: keys } });
    await em.flush();
    return event.webhookId;
  });
}

const drain = () => drainDueActions(api.orm, clock, processorDeps, { processors: { [ActionKind.WEBHOOK_DELIVERY]: processWebhookDelivery } });

describe('creating an endpoint', () => {
  test.each([
    ['of another scheme', 'ftp://erp.example.com/hooks', 'must start with https:// or http://'],
    ['with credentials', 'https://erp:hunter2@erp.example.com/hooks', 'must not contain a user name or password'],
    ['not absolute', 'erp.example.com/hooks', 'not a valid absolute URL'],
    ['with a fragment', 'https://erp.example.com/hooks#part', 'must not contain a #fragment'],
    ['longer than 2000 characters', `https://erp.example.com/${'a'.repeat(2000)}`, 'at most 2000 characters'],
    ['blank', '   ', 'required'],
  ])('refuses a URL %s', async (_label, url, message) => {
    const payload = await data('managerA', CREATE, { input: { url, eventTypes: ['TICKET_CREATED'] } });
    expect(payload).toMatchObject({ webhookEndpoint: null, secret: null, userErrors: [{ field: ['url'], code: 'INVALID_URL' }] });
    expect(payload.userErrors[0].message).toContain(message);
  });

  test('refuses an endpoint without event types, or with an overlong description', async () => {
    expect((await data('managerA', CREATE, { input: { url: 'https://erp.example.com/hooks', eventTypes: [] } })).userErrors).toEqual([
      { field: ['eventTypes'], code: 'NO_EVENT_TYPES', message: expect.any(String) },
    ]);
    const long = await data('managerA', CREATE, {
      input: { url: 'https://erp.example.com/hooks', eventTypes: ['SLA_BREACHED'], description: 'x'.repeat(501) },
    });
    expect(long.userErrors).toEqual([{ field: ['description'], code: 'INVALID_TEXT', message: expect.any(String) }]);
    expect((await data('managerA', LIST, { first: 100 })).edges).toEqual([]);
  });

  test('returns the signing secret once; the endpoint never shows it again', async () => {
    const endpoint = await createEndpoint('managerA', {
      url: 'https://erp.example.com/hooks?source=aftersales',
      description: '  ERP ticket sync  ',
      eventTypes: ['TICKET_STATUS_CHANGED', 'TICKET_CREATED', 'TICKET_CREATED'],
    });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({
      url: 'https://erp.example.com/hooks?source=aftersales',
      description: 'ERP ticket sync',
      eventTypes: ['TICKET_CREATED', 'TICKET_STATUS_CHANGED'],
      status: 'ACTIVE',
      disabledCause: null,
      consecutiveFailedDeliveries: 0,
      previousSecretExpiresAt: null,
      version: 1,
    });
    const asked = await gql('managerA', `query($id: ID!) { webhookEndpoint(id: $id) { id secret } }`, { id: endpoint.id });
    expect(asked.body.errors[0].message).toMatch(/Cannot query field "secret"/);
    expect((await data('managerA', ONE, { id: endpoint.id })).url).toBe(endpoint.url);
  });

  test('plain http is accepted (internal networks), and the list pages newest first', async () => {
    const older = await createEndpoint('managerB', { url: 'http://10.0.0.5:8080/aftersales' });
    clock.advance(1000);
    const newer = await createEndpoint('managerB', { url: 'https://b.example.com/hooks' });
    const first = await data('managerB', LIST, { first: 1 });
    expect(first.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([newer.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await data('managerB', LIST, { first: 1, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([older.id]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('changing an endpoint', () => {
  test('updates its URL, description and events; refuses invalid values and stale versions', async () => {
    const endpoint = await createEndpoint('managerA', { url: 'https://erp.example.com/v1', description: 'v1' });
    const updated = await data('managerA', UPDATE, {
      input: { id: endpoint.id, expectedVersion: 1, url: 'https://erp.example.com/v2', description: '', eventTypes: ['SLA_AT_RISK', 'SLA_BREACHED'] },
    });
    expect(updated.userErrors).toEqual([]);
    expect(updated.webhookEndpoint).toMatchObject({
      url: 'https://erp.example.com/v2',
      description: null,
      eventTypes: ['SLA_AT_RISK', 'SLA_BREACHED'],
      version: 2,
    });

    expect((await data('managerA', UPDATE, { input: { id: endpoint.id, url: 'mailto:ops@example.com' } })).userErrors[0].code).toBe('INVALID_URL');
    expect((await data('managerA', UPDATE, { input: { id: endpoint.id, eventTypes: [] } })).userErrors[0].code).toBe('NO_EVENT_TYPES');
    expect((await data('managerA', UPDATE, { input: { id: endpoint.id, expectedVersion: 1, url: 'https://late.example.com' } })).userErrors).toEqual([
      { field: ['expectedVersion'], code: 'STALE', message: expect.any(String) },
    ]);
    expect(await data('managerA', ONE, { id: endpoint.id })).toMatchObject({ url: 'https://erp.example.com/v2', version: 2 });
  });

  test('disable keeps the first reason, enable clears it; a disabled endpoint gets no new deliveries', async () => {
    const receiver = await WebhookReceiver.start();
    receivers.push(receiver);
    const endpoint = await createEndpoint('managerA', { url: receiver.url, eventTypes: ['PART_LATE'] });
    receiver.secret = endpoint.secret;

    const disabled = await data('managerA', DISABLE, { input: { id: endpoint.id, reason: 'ERP maintenance weekend' } });
    expect(disabled.webhookEndpoint).toMatchObject({ status: 'DISABLED', disabledCause: 'MANUAL', disabledReason: 'ERP maintenance weekend' });
    expect(disabled.webhookEndpoint.disabledAt).toBe(clock.now().toISOString());
    const again = await data('managerA', DISABLE, { input: { id: endpoint.id, reason: 'something else' } });
    expect(again.webhookEndpoint.disabledReason).toBe('ERP maintenance weekend');

    await publish('store-a', WebhookEventType.PART_LATE);
    await drain();
    expect(receiver.requests).toEqual([]);
    expect((await data('managerA', ONE, { id: endpoint.id })).deliveries.edges).toEqual([]);

    const enabled = await data('managerA', ENABLE, { input: { id: endpoint.id } });
    expect(enabled.webhookEndpoint).toMatchObject({ status: 'ACTIVE', disabledCause: null, disabledReason: null, disabledAt: null });
    const webhookId = await publish('store-a', WebhookEventType.PART_LATE);
    await drain();
    expect(receiver.accepted(webhookId)).toHaveLength(1);
  });

  test('rotating the secret: both secrets verify during the grace period, only the new one after it, or at once on request', async () => {
    const oldSecretReceiver = await WebhookReceiver.start();
    const newSecretReceiver = await WebhookReceiver.start();
    receivers.push(oldSecretReceiver, newSecretReceiver);
    const endpoint = await createEndpoint('managerA', { url: oldSecretReceiver.url, eventTypes: ['CALLBACK_ANSWERED'] });
    oldSecretReceiver.secret = endpoint.secret;

    const rotated = await data('managerA', ROTATE, { input: { id: endpoint.id } });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.webhookEndpoint.previousSecretExpiresAt) - clock.now().getTime()).toBe(24 * 3600_000);
    newSecretReceiver.secret = rotated.secret;

    // Within the grace period each delivery carries two signatures: a receiver on either secret accepts it.
    const duringGrace = await publish('store-a', WebhookEventType.CALLBACK_ANSWERED);
    await drain();
    expect(oldSecretReceiver.accepted(duringGrace)).toHaveLength(1);
    expect(oldSecretReceiver.accepted(duringGrace)[0].headers['webhook-signature'].split(' ')).toHaveLength(2);
    await data('managerA', UPDATE, { input: { id: endpoint.id, url: newSecretReceiver.url } });
    const alsoDuringGrace = await publish('store-a', WebhookEventType.CALLBACK_ANSWERED);
    await drain();
    expect(newSecretReceiver.accepted(alsoDuringGrace)).toHaveLength(1);

    // After the grace period only the new secret signs: a receiver still on the old one refuses.
    clock.advance(24 * 3600_000 + 1000);
    await data('managerA', UPDATE, { input: { id: endpoint.id, url: oldSecretReceiver.url } });
    const afterGrace = await publish('store-a', WebhookEventType.CALLBACK_ANSWERED);
    await drain();
    expect(oldSecretReceiver.received(afterGrace)).toHaveLength(1);
    expect(oldSecretReceiver.received(afterGrace)[0].headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(oldSecretReceiver.accepted(afterGrace)).toEqual([]);
    const [delivery] = (await data('managerA', ONE, { id: endpoint.id })).deliveries.edges.map((edge: { node: unknown }) => edge.node);
    expect(delivery).toMatchObject({ webhookId: afterGrace, state: 'PENDING', attemptCount: 1 });

    // A leaked secret stops signing at once.
    const leaked = await data('managerA', ROTATE, { input: { id: endpoint.id, expirePreviousNow: true } });
    expect(leaked.webhookEndpoint.previousSecretExpiresAt).toBeNull();
    newSecretReceiver.secret = leaked.secret;
    await data('managerA', UPDATE, { input: { id: endpoint.id, url: newSecretReceiver.url } });
    const afterLeak = await publish('store-a', WebhookEventType.CALLBACK_ANSWERED);
    await drain();
    expect(newSecretReceiver.accepted(afterLeak)).toHaveLength(1);
    expect(newSecretReceiver.accepted(afterLeak)[0].headers['webhook-signature'].split(' ')).toHaveLength(1);
  });

  test('deleting removes the endpoint and cancels its pending deliveries', async () => {
    const endpoint = await createEndpoint('managerA', { url: 'https://gone.example.com/hooks', eventTypes: ['APPOINTMENT_SCHEDULED'] });
    await publish('store-a', WebhookEventType.APPOINTMENT_SCHEDULED);
    const deleted = await data('managerA', DELETE, { input: { id: endpoint.id } });
    expect(deleted).toEqual({ deletedWebhookEndpointId: endpoint.id, userErrors: [] });
    const rawId = Buffer.from(endpoint.id, 'base64url').toString().split(':')[1];
    const { rows } = await admin.query<{ state: string }>(
      `select state from scheduled_actions where kind = 'WEBHOOK_DELIVERY' and payload ->> 'endpointId' = $1`,
      [rawId],
    );
    expect(rows.map((row) => row.state)).toEqual(['CANCELLED']);
    expect(codeOf(await gql('managerA', ONE, { id: endpoint.id }))).toBe('NOT_FOUND');
    expect(codeOf(await gql('managerA', DELETE, { input: { id: endpoint.id } }))).toBe('NOT_FOUND');
  });
});

describe('who may manage endpoints', () => {
  test('roles without WEBHOOK_MANAGE are refused before anything is looked up', async () => {
    expect(codeOf(await gql('agentA', LIST, { first: 10 }))).toBe('FORBIDDEN');
    expect(codeOf(await gql('agentA', CREATE, { input: { url: 'https://erp.example.com', eventTypes: ['TICKET_CREATED'] } }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(LIST, { first: 10 }, null))).toBe('UNAUTHENTICATED');
  });
});

describe("tenant isolation: another tenant's endpoints and deliveries answer exactly like ones that do not exist", () => {
  let endpointA: { id: string; url: string; version: number; secret: string };
  let deliveryA: string;
  let receiverA: WebhookReceiver;
  const missingEndpoint = toGlobalId('WebhookEndpoint', randomUUID());
  const missingDelivery = toGlobalId('WebhookDelivery', randomUUID());

  beforeAll(async () => {
    receiverA = await WebhookReceiver.start();
    receivers.push(receiverA);
    endpointA = await createEndpoint('managerA', { url: receiverA.url, eventTypes: ['WORK_ORDER_DISPATCHED'] });
    receiverA.secret = endpointA.secret;
    const webhookId = await publish('store-a', WebhookEventType.WORK_ORDER_DISPATCHED);
    await drain();
    expect(receiverA.accepted(webhookId)).toHaveLength(1);
    deliveryA = (await data('managerA', ONE, { id: endpointA.id })).deliveries.edges[0].node.id;
  });

  const intruders = ['managerB', 'managerP', 'hqAdmin', 'hq2Admin'] as const;

  async function expectSameAsMissing(who: keyof typeof USERS, query: string, foreign: Record<string, unknown>, missing: Record<string, unknown>) {
    const a = await gql(who, query, foreign);
    const b = await gql(who, query, missing);
    expect(codeOf(a)).toBe('NOT_FOUND');
    expect(a.body.errors[0].message).toBe(b.body.errors[0].message);
    expect(a.body.data).toEqual(b.body.data);
  }

  test.each(intruders)('%s cannot list, read, change, rotate, delete or replay them', async (who) => {
    const listed = await data(who, LIST, { first: 100 });
    expect(listed.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(endpointA.id);
    await expectSameAsMissing(who, ONE, { id: endpointA.id }, { id: missingEndpoint });
    for (const mutation of [UPDATE, DISABLE, ENABLE, ROTATE, DELETE]) {
      const extra = mutation === UPDATE ? { url: 'https://attacker.example.com' } : {};
      await expectSameAsMissing(who, mutation, { input: { id: endpointA.id, ...extra } }, { input: { id: missingEndpoint, ...extra } });
    }
    await expectSameAsMissing(who, REPLAY, { input: { deliveryId: deliveryA } }, { input: { deliveryId: missingDelivery } });
    // An id of one type is never accepted for another.
    await expectSameAsMissing(who, ONE, { id: deliveryA }, { id: missingDelivery });

    expect(await data('managerA', ONE, { id: endpointA.id })).toMatchObject({ url: endpointA.url, status: 'ACTIVE', version: endpointA.version });
  });

  test('events of another tenant never reach the endpoint, and the database itself hides the rows', async () => {
    const before = receiverA.requests.length;
    await publish('store-b', WebhookEventType.WORK_ORDER_DISPATCHED);
    await drain();
    expect(receiverA.requests).toHaveLength(before);

    const app = new Client({ connectionString: api.db.appUrl });
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId['store-b']]);
      for (const table of ['webhook_endpoints', 'webhook_events', 'webhook_attempts']) {
        const { rows } = await app.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId['store-a']]);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
      await app.query('rollback');
    } finally {
      await app.end();
    }
    const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from webhook_attempts where tenant_id = $1`, [tenantId['store-a']]);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
