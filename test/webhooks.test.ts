import { Client } from 'pg';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { retryDeadAction } from '../domain/scheduling/action-admin';
import { ActionKind } from '../core/action-enums';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { DISABLE_AFTER_DEAD_DELIVERIES } from '../domain/webhooks/endpoint-health';
import { publishEvent } from '../domain/webhooks/publish';
import { processWebhookDelivery } from '../domain/webhooks/webhook-delivery.processor';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { TenantKind } from '../core/enums';
import { toGlobalId } from '../core/global-id';
import { WebhookEventType } from '../core/webhook-enums';
import { drainDueActions } from './support/action-driver';
import { startTestApi, TestApi } from './support/test-api';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhook deliveries end to end: events published in a tenant's transaction
 * are POSTed, signed, to real HTTP receivers that verify them with the
 * Standard Webhooks library; failures are retried on the WEBHOOK_DELIVERY
 * schedule (time moved with a ManualClock, never slept), every attempt is
 * logged, dead deliveries disable a failing endpoint and tell the tenant, and
 * any delivery can be replayed with the same webhook-id.
 */
let api: TestApi;
let admin: Client;
let storeA: string;
const receivers: WebhookReceiver[] = [];
const clock = new ManualClock(new Date());
// Long enough that a local receiver answering on a loaded 2-core machine is never taken for a hanging one.
const TIMEOUT_MS = 1500;

const processorDeps: ProcessorDeps = {
  channels: { email: { send: () => Promise.reject(new Error('these tests send no e-mail')) }, sms: null },
  fetch,
  publicBaseUrl: 'http://localhost',
  webhookTimeoutMs: TIMEOUT_MS,
};

const DELIVERY_FIELDS = `id eventType webhookId state attemptCount maxAttempts lastError nextAttemptAt replayOf skippedReason
  event { type webhookId data occurredAt }
  attempts { attemptNumber statusCode latencyMs responseExcerpt error at }`;
const ENDPOINT_FIELDS = 'id url status disabledCause disabledReason disabledAt consecutiveFailedDeliveries version';

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  storeA = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
}, 60000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await admin?.end();
  await api?.stop();
});

/** Access tokens expire as the clock moves on by hours: each call logs in afresh. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function asManagerA(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await api.gql(query, variables, await api.login('store-a', 'manager@store-a.test'));
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function receiverWithEndpoint(eventTypes = ['TICKET_CREATED']): Promise<{ receiver: WebhookReceiver; endpointId: string }> {
  const receiver = await WebhookReceiver.start();
  receivers.push(receiver);
  const data = await asManagerA(
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { webhookEndpoint { id } secret userErrors { code message } } }`,
    { input: { url: receiver.url, description: 'ERP sync', eventTypes } },
  );
  expect(data.createWebhookEndpoint.userErrors).toEqual([]);
  receiver.secret = data.createWebhookEndpoint.secret;
  return { receiver, endpointId: data.createWebhookEndpoint.webhookEndpoint.id };
}

let eventCounter = 0;
/** What a domain change does: publishes an event in store-a's transaction. */
async function publish(type = WebhookEventType.TICKET_CREATED, data: Record<string, unknown> = {}): Promise<string> {
  const key = `test-event:${++eventCounter}`;
  return inTenantTransaction(api.orm, storeA, async (em) => {
    const ctx = { tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock };
    const event = await publishEvent(ctx, { type, key, data: { ticketNumber: `ZGC-2026-${eventCounter}`, ...data } });
    expect(await publishEvent(ctx, { type, key, data: { ignored: true } })).toBe(event);
    await em.flush();
    return event.webhookId;
  });
}

const drain = () => drainDueActions(api.orm, clock, processorDeps, { processors: { [ActionKind.WEBHOOK_DELIVERY]: processWebhookDelivery } });

/** Runs deliveries and jumps the clock to each next retry until no delivery is pending. */
async function settleDeliveries(): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await drain();
    const { rows } = await admin.query<{ due: Date | null }>(
      `select min(due_at) as due from scheduled_actions where kind = 'WEBHOOK_DELIVERY' and state = 'PENDING'`,
    );
    if (!rows[0].due) return;
    if (rows[0].due > clock.now()) clock.set(rows[0].due);
  }
  throw new Error('deliveries never settled');
}

/** The uuid behind a global id. */
function rawId(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

async function endpoint(id: string) {
  return (await asManagerA(`query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`, { id })).webhookEndpoint;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function deliveries(endpointId: string): Promise<any[]> {
  const data = await asManagerA(`query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 50) { edges { node { ${DELIVERY_FIELDS} } } } } }`, {
    id: endpointId,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return data.webhookEndpoint.deliveries.edges.map((edge: any) => edge.node);
}

async function deliveryOf(endpointId: string, webhookId: string) {
  const matching = (await deliveries(endpointId)).filter((delivery) => delivery.webhookId === webhookId && !delivery.replayOf);
  expect(matching).toHaveLength(1);
  return matching[0];
}

test('a receiver failing three times is retried on the backoff schedule and takes the delivery once, on the fourth attempt', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint();
  receiver.failFirst(3);
  const start = clock.now().getTime();
  const webhookId = await publish(WebhookEventType.TICKET_CREATED, { status: 'NEW' });
  expect(webhookId).toMatch(/^msg_[0-9a-f]{32}$/);

  await settleDeliveries();

  expect(receiver.received(webhookId)).toHaveLength(4);
  expect(receiver.accepted(webhookId)).toHaveLength(1);
  expect(receiver.rejected()).toEqual([]);
  const payload = JSON.parse(receiver.accepted(webhookId)[0].body);
  expect(payload).toEqual({ type: 'ticket.created', timestamp: new Date(start).toISOString(), data: { ticketNumber: expect.any(String), status: 'NEW' } });

  const delivery = await deliveryOf(endpointId, webhookId);
  expect(delivery).toMatchObject({ eventType: 'TICKET_CREATED', state: 'DONE', attemptCount: 4, maxAttempts: 8, lastError: null, nextAttemptAt: null });
  expect(delivery.event).toMatchObject({ type: 'TICKET_CREATED', webhookId, data: { status: 'NEW' } });
  expect(delivery.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
  expect(delivery.attempts.map((a: { error: string }) => a.error)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500', null]);
  expect(delivery.attempts[0].responseExcerpt).toBe('upstream exploded (500)');
  expect(delivery.attempts[3].responseExcerpt).toBe('{"received":true}');
  for (const attempt of delivery.attempts) expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
  // The Standard Webhooks schedule (no jitter in the driver): 5 seconds, 5 minutes, 30 minutes.
  const gaps = delivery.attempts.slice(1).map((a: { at: string }, i: number) => Date.parse(a.at) - Date.parse(delivery.attempts[i].at));
  expect(gaps).toEqual([5_000, 5 * 60_000, 30 * 60_000]);
  expect((await endpoint(endpointId)).consecutiveFailedDeliveries).toBe(0);
});

test('a receiver that hangs past the timeout: the attempt is logged as timed out and retried', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint();
  receiver.hangFirst(1);
  const webhookId = await publish();

  await drain();
  let delivery = await deliveryOf(endpointId, webhookId);
  expect(delivery).toMatchObject({ state: 'PENDING', attemptCount: 1, lastError: `Timed out after ${TIMEOUT_MS} ms` });
  expect(delivery.attempts).toEqual([
    expect.objectContaining({ attemptNumber: 1, statusCode: null, responseExcerpt: null, error: `Timed out after ${TIMEOUT_MS} ms` }),
  ]);
  expect(delivery.attempts[0].latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  expect(Date.parse(delivery.nextAttemptAt) - clock.now().getTime()).toBe(5_000);

  await settleDeliveries();
  delivery = await deliveryOf(endpointId, webhookId);
  expect(delivery).toMatchObject({ state: 'DONE', attemptCount: 2 });
  expect(delivery.attempts[1]).toMatchObject({ attemptNumber: 2, statusCode: 200, error: null });
  expect(receiver.received(webhookId)).toHaveLength(2);
  expect(receiver.accepted(webhookId)).toHaveLength(1);
});

test(`an endpoint that always fails: each delivery dies after its last attempt, and after ${DISABLE_AFTER_DEAD_DELIVERIES} dead in a row the endpoint is disabled and the tenant told`, async () => {
  const { receiver, endpointId } = await receiverWithEndpoint(['TICKET_CREATED', 'SLA_BREACHED']);
  receiver.alwaysFail(503);

  const first = await publish(WebhookEventType.SLA_BREACHED);
  await settleDeliveries();
  const dead = await deliveryOf(endpointId, first);
  expect(dead).toMatchObject({ state: 'DEAD', attemptCount: 8, lastError: 'HTTP 503', nextAttemptAt: null });
  expect(dead.attempts.map((a: { attemptNumber: number }) => a.attemptNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(receiver.received(first)).toHaveLength(8);
  expect(await endpoint(endpointId)).toMatchObject({ status: 'ACTIVE', consecutiveFailedDeliveries: 1 });

  // One accepted delivery ends the streak.
  receiver.accept();
  await publish();
  await settleDeliveries();
  expect((await endpoint(endpointId)).consecutiveFailedDeliveries).toBe(0);

  receiver.alwaysFail(503);
  for (let i = 1; i < DISABLE_AFTER_DEAD_DELIVERIES; i++) {
    await publish();
    await settleDeliveries();
    expect(await endpoint(endpointId)).toMatchObject({ status: 'ACTIVE', consecutiveFailedDeliveries: i });
  }
  const last = await publish();
  await settleDeliveries();
  expect((await deliveryOf(endpointId, last)).state).toBe('DEAD');
  const disabled = await endpoint(endpointId);
  expect(disabled).toMatchObject({ status: 'DISABLED', disabledCause: 'FAILING_DELIVERIES', consecutiveFailedDeliveries: DISABLE_AFTER_DEAD_DELIVERIES });
  expect(disabled.disabledReason).toContain('HTTP 503');

  const notices = await admin.query<{ payload: { template: string; recipient: { kind: string }; params: Record<string, string> } }>(
    `select payload from scheduled_actions where tenant_id = $1 and kind = 'NOTIFICATION' and idempotency_key like 'webhook-endpoint-disabled:%'`,
    [storeA],
  );
  expect(notices.rows.map((row) => row.payload)).toEqual([
    { template: 'WEBHOOK_ENDPOINT_DISABLED', recipient: { kind: 'TENANT_ADMINS' }, params: { endpointUrl: receiver.url, reason: disabled.disabledReason } },
  ]);

  // Disabled: new events are not sent to it, and replays are refused.
  const requestsBefore = receiver.requests.length;
  const ignored = await publish();
  await settleDeliveries();
  expect(receiver.requests).toHaveLength(requestsBefore);
  expect((await deliveries(endpointId)).some((delivery) => delivery.webhookId === ignored)).toBe(false);
  const refused = await asManagerA(
    `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id } userErrors { field code } } }`,
    { input: { deliveryId: dead.id } },
  );
  expect(refused.replayWebhookDelivery).toEqual({ delivery: null, userErrors: [{ field: ['deliveryId'], code: 'ENDPOINT_DISABLED' }] });

  // Retrying a dead delivery while its endpoint is off would drop it: refused with what to do first, and it stays dead.
  const early = await asManagerA(`mutation($id: ID!) { retryScheduledAction(input: { id: $id }) { action { state } userErrors { field code message } } }`, {
    id: toGlobalId('ScheduledAction', rawId(dead.id)),
  });
  expect(early.retryScheduledAction).toMatchObject({ action: null, userErrors: [{ field: ['id'], code: 'ENDPOINT_DISABLED' }] });
  expect(early.retryScheduledAction.userErrors[0].message).toContain('enable it first');
  expect((await deliveryOf(endpointId, first)).state).toBe('DEAD');

  // Enabling starts a clean slate.
  const enabled = await asManagerA(
    `mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { webhookEndpoint { ${ENDPOINT_FIELDS} } userErrors { code } } }`,
    { input: { id: endpointId } },
  );
  expect(enabled.enableWebhookEndpoint.webhookEndpoint).toMatchObject({
    status: 'ACTIVE',
    disabledCause: null,
    disabledReason: null,
    disabledAt: null,
    consecutiveFailedDeliveries: 0,
  });
  receiver.accept();

  // A dead delivery retried by hand gets a new round of attempts; its log carries on where it stopped.
  await inTenantTransaction(api.orm, storeA, (em) =>
    retryDeadAction({ tenantId: storeA, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }, rawId(dead.id)),
  );
  await settleDeliveries();
  const retried = await deliveryOf(endpointId, first);
  expect(retried).toMatchObject({ state: 'DONE', attemptCount: 9, lastError: null });
  expect(retried.attempts.map((a: { attemptNumber: number }) => a.attemptNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(receiver.accepted(first)).toHaveLength(1);
});

test('a delivery still being retried when its endpoint is disabled is kept as a dead letter, and goes out once the endpoint is back', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint();
  receiver.alwaysFail(500);
  const webhookId = await publish();
  await drain();
  expect(await deliveryOf(endpointId, webhookId)).toMatchObject({ state: 'PENDING', attemptCount: 1 });
  await asManagerA(`mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { userErrors { code } } }`, {
    input: { id: endpointId, reason: 'partner maintenance' },
  });
  await settleDeliveries();
  const parked = await deliveryOf(endpointId, webhookId);
  expect(parked).toMatchObject({ state: 'DEAD', lastError: expect.stringContaining('endpoint is disabled') });
  expect(receiver.received(webhookId)).toHaveLength(1);

  await asManagerA(`mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { userErrors { code } } }`, {
    input: { id: endpointId },
  });
  receiver.accept();
  const retried = await asManagerA(`mutation($id: ID!) { retryScheduledAction(input: { id: $id }) { action { state } userErrors { code } } }`, {
    id: toGlobalId('ScheduledAction', rawId(parked.id)),
  });
  expect(retried.retryScheduledAction).toEqual({ action: { state: 'PENDING' }, userErrors: [] });
  await settleDeliveries();
  expect(await deliveryOf(endpointId, webhookId)).toMatchObject({ state: 'DONE' });
  expect(receiver.accepted(webhookId)).toHaveLength(1);
});

test('replaying a delivery sends the same webhook-id again, as a new delivery with its own attempts', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint();
  const webhookId = await publish();
  await settleDeliveries();
  const original = await deliveryOf(endpointId, webhookId);
  expect(original.state).toBe('DONE');

  clock.advance(60_000); // someone looks at it a minute later
  const replayed = await asManagerA(
    `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { ${DELIVERY_FIELDS} } userErrors { code } } }`,
    { input: { deliveryId: original.id } },
  );
  expect(replayed.replayWebhookDelivery.userErrors).toEqual([]);
  const replay = replayed.replayWebhookDelivery.delivery;
  expect(replay).toMatchObject({ webhookId, replayOf: original.id, state: 'PENDING', attemptCount: 0, attempts: [] });
  expect(replay.id).not.toBe(original.id);

  await settleDeliveries();
  expect(receiver.accepted(webhookId)).toHaveLength(2);
  const [first, second] = receiver.accepted(webhookId).map((request) => JSON.parse(request.body));
  expect(second).toEqual(first);
  const all = (await deliveries(endpointId)).filter((delivery) => delivery.webhookId === webhookId);
  expect(all.map((delivery) => [delivery.replayOf, delivery.state, delivery.attemptCount])).toEqual([
    [original.id, 'DONE', 1],
    [null, 'DONE', 1],
  ]);
});

test('signatures: the library accepts what was sent and rejects a tampered body, a foreign secret and a stale timestamp', async () => {
  const { receiver } = await receiverWithEndpoint();
  const webhookId = await publish(WebhookEventType.TICKET_CREATED, { customer: '张三' });
  await settleDeliveries();
  const [sent] = receiver.accepted(webhookId);
  expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': webhookId });
  expect(sent.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  expect(Math.abs(Number(sent.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);

  const webhook = new Webhook(receiver.secret!);
  expect(webhook.verify(sent.body, sent.headers)).toMatchObject({ type: 'ticket.created', data: { customer: '张三' } });
  const tampered = sent.body.replace('张三', '李四');
  expect(() => webhook.verify(tampered, sent.headers)).toThrow(WebhookVerificationError);
  expect(() => new Webhook(`whsec_${Buffer.from('another tenant secret').toString('base64')}`).verify(sent.body, sent.headers)).toThrow(
    WebhookVerificationError,
  );
  const replayedLater = { ...sent.headers, 'webhook-timestamp': String(Number(sent.headers['webhook-timestamp']) - 3600) };
  expect(() => webhook.verify(sent.body, replayedLater)).toThrow(WebhookVerificationError);

  // The receiver itself refuses a tampered request.
  const response = await fetch(receiver.url, { method: 'POST', headers: sent.headers, body: tampered });
  expect(response.status).toBe(401);
  expect(receiver.rejected().map((request) => request.body)).toEqual([tampered]);
});
