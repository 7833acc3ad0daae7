import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import type { MessageChannels } from '../domain/ports/message-channels';
import { hashStatusToken } from '../domain/notifications/status-token';
import { DEFAULT_TEMPLATES } from '../domain/notifications/default-templates';
import { NOTIFICATION_NOT_DELIVERED, NOTIFICATION_SENT, processNotification } from '../domain/notifications/notification.processor';
import { NotificationRequest, scheduleNotification } from '../domain/notifications/notify';
import { readableParams } from '../domain/notifications/param-labels';
import { CUSTOMER_TEMPLATE_KEYS, TemplateKey } from '../core/template-keys';
import { resolveTemplate } from '../domain/notifications/template-resolution';
import { checkedTemplate, InvalidTemplate, renderTemplate, templateProblems } from '../domain/notifications/templates';
import { ActionKind, ActionState } from '../core/action-enums';
import type { ActionOutcome, ProcessorDeps } from '../domain/scheduling/processor';
import { loadConfig } from '../infra/config';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { messageChannelsFrom } from '../infra/messaging';
import { projectRoot } from '../core/project-root';
import { TwilioSmsSender } from '../infra/sms/twilio-sms-sender';
import { ScheduledAction } from '../schema/entities';
import { Locale, Role, TenantKind } from '../core/enums';
import { applyTenants } from '../tenants/provisioning/apply';
import { InvalidTenantFiles, loadTenantFiles } from '../tenants/provisioning/load';
import { insertTicket, timelineOf, uuidOf } from './support/desk-fixtures';
import { provisionTestNetwork, writeTempYaml } from './support/network';
import { SmsReceiver, startSmsReceiver } from './support/sms-receiver';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Messages to customers and staff: templates in both locales with the
 * network's overrides, a real SMTP conversation with a server in this
 * process, a real HTTP conversation with an SMS endpoint speaking Twilio's
 * shape, and the processor end to end on a migrated database.
 */

const EVERY_LOCALE = [Locale.ZH_CN, Locale.EN];
/** A link to a ticket's status page, as the processor writes it with `publicBaseUrl` http://localhost. */
const STATUS_LINK = 'http://localhost/console/status/[A-Za-z0-9_-]{43}';

describe('templates', () => {
  test('every built-in default exists in both locales and uses only its key’s placeholders', () => {
    for (const key of Object.values(TemplateKey)) {
      for (const locale of EVERY_LOCALE) {
        expect({ key, locale, problems: templateProblems(key, DEFAULT_TEMPLATES[key][locale]) }).toEqual({ key, locale, problems: [] });
      }
    }
  });

  test('renders in Chinese and in English; a parameter nobody gave renders as nothing, without leaving a gap', () => {
    const params = {
      storeName: 'Store A',
      ticketNumber: 'ZGC-2026-000042',
      customerName: '王芳',
      partDescription: 'XBook 14 screen',
      expectedOn: '2026-04-02',
    };
    const zh = renderTemplate(DEFAULT_TEMPLATES[TemplateKey.PART_DELAYED][Locale.ZH_CN], params);
    expect(zh.subject).toBe('【Store A】服务单 ZGC-2026-000042 配件到货延期');
    expect(zh.text).toContain('所需配件（XBook 14 screen）未能按原定日期到货，供应商预计到货日期改为 2026-04-02。');
    const en = renderTemplate(DEFAULT_TEMPLATES[TemplateKey.PART_DELAYED][Locale.EN], { ...params, customerName: 'Fang Wang' });
    expect(en.subject).toBe('Store A: a part for ticket ZGC-2026-000042 is delayed');
    expect(en.text.startsWith('Dear Fang Wang,\n\n')).toBe(true);

    const link = 'https://service.example.test/console/status/abc';
    const status = renderTemplate(DEFAULT_TEMPLATES[TemplateKey.STATUS_CHANGED][Locale.EN], { ticketNumber: 'T-1', status: 'resolved', statusUrl: link });
    // No note, no store name: the empty line folds away and nothing says "undefined".
    expect(status.text).toBe(
      `Dear ,\n\nYour ticket T-1 is now: resolved.\n\nPlease quote T-1 if you contact us.\n\nSee where your ticket stands at any time: ${link}`,
    );
    expect(status.subject).toBe(': ticket T-1 is now resolved');
  });

  test('a value with a line break cannot split the subject', () => {
    const rendered = renderTemplate({ subject: 'About {{ticketNumber}}', body: '{{ticketNumber}}' }, { ticketNumber: 'T-1\r\nBcc: someone@example.com' });
    expect(rendered.subject).toBe('About T-1 Bcc: someone@example.com');
  });

  test('an unknown or malformed placeholder is refused, naming the field and the placeholders the key knows', () => {
    const problems = templateProblems(TemplateKey.TICKET_RECEIVED, {
      subject: 'Survey: {{surveyUrl}}',
      body: 'Hello {{ customer_name }} {{ticketNumber} {{statusUrl}}',
    });
    expect(problems).toEqual([
      {
        field: 'subject',
        code: 'UNKNOWN_PLACEHOLDER',
        message: expect.stringMatching(/^unknown placeholder \{\{surveyUrl\}\} for TICKET_RECEIVED; known: .*ticketNumber/),
      },
      { field: 'body', code: 'MALFORMED_PLACEHOLDER', message: expect.stringMatching(/malformed placeholder/) },
    ]);
    expect(() => checkedTemplate(TemplateKey.SURVEY_REQUEST, { subject: '{{surveyUrl}}', body: '{{surveyLink}}' })).toThrow(InvalidTemplate);
    expect(() => checkedTemplate(TemplateKey.SURVEY_REQUEST, { subject: 'Line one\nline two', body: '{{surveyUrl}}' })).toThrow(/single line/);
    expect(checkedTemplate(TemplateKey.SURVEY_REQUEST, { subject: '{{ storeName }}', body: '{{surveyUrl}} {{statusUrl}}' }).body).toBe(
      '{{surveyUrl}} {{statusUrl}}',
    );
  });

  test("every wording of a customer's message carries the link to the status page; staff messages have none to carry", () => {
    for (const key of CUSTOMER_TEMPLATE_KEYS) {
      expect(templateProblems(key, { subject: 'x', body: 'No link here {{ticketNumber}}' })).toContainEqual({
        field: 'body',
        code: 'MISSING_PLACEHOLDER',
        message: expect.stringMatching(new RegExp(`^must mention \\{\\{statusUrl\\}\\}(, .*)?: a ${key} message without it`)),
      });
      for (const locale of EVERY_LOCALE) expect(DEFAULT_TEMPLATES[key][locale].body).toContain('{{statusUrl}}');
    }
    expect(templateProblems(TemplateKey.STAFF_AT_RISK, { subject: 'x', body: '{{statusUrl}}' })).toEqual([
      { field: 'body', code: 'UNKNOWN_PLACEHOLDER', message: expect.stringMatching(/^unknown placeholder \{\{statusUrl\}\} for STAFF_AT_RISK/) },
    ]);
  });

  test('codes and instants become words and local time in the recipient’s language', () => {
    const raw = { status: 'WAITING_PARTS', metric: 'FIRST_CONTACT', dueAt: '2026-03-13T02:00:00.000Z', note: 'WAITING_PARTS' };
    expect(readableParams(raw, Locale.ZH_CN, 'Asia/Shanghai')).toEqual({
      status: '等待配件',
      metric: '首次联系时限',
      dueAt: '2026-03-13 10:00',
      note: 'WAITING_PARTS',
    });
    expect(readableParams(raw, Locale.EN, 'Europe/London')).toEqual({
      status: 'waiting for parts',
      metric: 'first contact',
      dueAt: '2026-03-13 02:00',
      note: 'WAITING_PARTS',
    });
    expect(readableParams({ dueAt: 'unknown', status: 'Waiting for the courier' }, Locale.EN, 'Asia/Shanghai')).toEqual({
      dueAt: 'unknown',
      status: 'Waiting for the courier',
    });
  });
});

describe('SMTP sender', () => {
  let catcher: SmtpCatcher;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    sender = new SmtpEmailSender({ url: catcher.url, from: 'Store A <no-reply@store-a.test>' });
  });

  afterAll(async () => {
    sender.close();
    await catcher.close();
  });

  beforeEach(() => catcher.clear());

  test('delivers over SMTP with the given Message-ID and returns the server’s reply', async () => {
    const receipt = await sender.send({
      to: 'fang@example.com',
      subject: '【Store A】服务单 T-1 状态更新',
      text: '您好，\n一切顺利。',
      messageId: '<action-1@aftersales>',
    });
    const [message] = await catcher.waitFor(1);
    expect(message).toEqual({
      to: ['fang@example.com'],
      from: 'no-reply@store-a.test',
      subject: '【Store A】服务单 T-1 状态更新',
      text: '您好，\n一切顺利。',
      messageId: '<action-1@aftersales>',
      reply: expect.stringMatching(/^250 Ok: queued as CATCH\d{4}$/),
    });
    expect(receipt.providerReference).toBe(message.reply);
  });

  test('a server that refuses the message makes send fail with its answer', async () => {
    catcher.refuseNext(1);
    await expect(sender.send({ to: 'fang@example.com', subject: 'S', text: 'T', messageId: '<action-2@aftersales>' })).rejects.toThrow(/451/);
    expect(catcher.messages).toEqual([]);
    await sender.send({ to: 'fang@example.com', subject: 'S', text: 'T', messageId: '<action-2@aftersales>' });
    expect((await catcher.waitFor(1))[0].messageId).toBe('<action-2@aftersales>');
  });
});

describe('SMS sender', () => {
  let receiver: SmsReceiver;

  beforeAll(async () => {
    receiver = await startSmsReceiver();
  });

  afterAll(() => receiver.close());

  const senderWith = (authToken: string) =>
    new TwilioSmsSender({ baseUrl: `${receiver.baseUrl}/`, accountSid: receiver.accountSid, authToken, from: '+15005550006' });

  test('posts To, From and Body with basic auth and returns the message sid', async () => {
    const receipt = await senderWith(receiver.authToken).send({ to: '+8613800138000', text: '您的服务单 T-1 已解决。', idempotencyKey: 'action-3' });
    expect(receipt.providerReference).toMatch(/^SM[0-9a-f]{32}$/);
    expect(receiver.messages.at(-1)).toEqual({
      sid: receipt.providerReference,
      accountSid: receiver.accountSid,
      to: '+8613800138000',
      from: '+15005550006',
      body: '您的服务单 T-1 已解决。',
      idempotencyKey: 'action-3',
    });
  });

  test('wrong credentials and provider failures throw with the status and the provider’s words', async () => {
    const before = receiver.messages.length;
    await expect(senderWith('not-the-token').send({ to: '+8613800138000', text: 'x', idempotencyKey: 'a' })).rejects.toThrow(
      /^SMS provider answered 401: .*Authenticate/,
    );
    receiver.failNext(1, 503);
    await expect(senderWith(receiver.authToken).send({ to: '+8613800138000', text: 'x', idempotencyKey: 'b' })).rejects.toThrow(
      /503: .*temporarily unavailable/,
    );
    expect(receiver.messages.length).toBe(before);
    await senderWith(receiver.authToken).send({ to: '+8613800138000', text: 'x', idempotencyKey: 'b' });
    expect(receiver.messages.length).toBe(before + 1);
  });

  test('the settings decide the channels: no SMS provider means no SMS sender', async () => {
    const none = messageChannelsFrom(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMS_PROVIDER: 'none' }));
    expect(none.sms).toBeNull();
    none.email.close?.();
    const twilio = messageChannelsFrom(
      loadConfig({
        SMS_PROVIDER: 'twilio',
        SMS_API_BASE_URL: receiver.baseUrl,
        SMS_ACCOUNT_SID: receiver.accountSid,
        SMS_AUTH_TOKEN: receiver.authToken,
        SMS_FROM: 'STORE-A',
      }),
    );
    twilio.email.close?.();
    const receipt = await twilio.sms!.send({ to: '13800138000', text: 'hello', idempotencyKey: 'c' });
    expect(receiver.messages.at(-1)).toMatchObject({ sid: receipt.providerReference, from: 'STORE-A', body: 'hello' });
  });
});

/** The network's own wording: HQ One speaks for its network, Store A overrides one message for itself in Chinese. */
const OVERRIDES_YAML = `
tenants:
  - slug: hq-one
    name: HQ One
    kind: HQ
    messageTemplates:
      - key: STATUS_CHANGED
        locale: zh-CN
        subject: "【HQ One】{{ticketNumber}}：{{status}}"
        body: |
          {{customerName}}您好，服务单 {{ticketNumber}} 现在{{status}}。
          进度：{{statusUrl}}
      - key: STATUS_CHANGED
        locale: en
        subject: "HQ One: {{ticketNumber}} is {{status}}"
        body: |
          Hello {{customerName}}, ticket {{ticketNumber}} at {{storeName}} is now {{status}}.
          {{note}}
          The HQ One network
          {{statusUrl}}
  - slug: store-a
    name: Store A
    kind: STORE
    parent: hq-one
    messageTemplates:
      - key: STATUS_CHANGED
        locale: zh-CN
        subject: "【Store A 门店】{{ticketNumber}} 状态：{{status}}"
        body: |
          {{customerName}}，您好！您在{{storeName}}的服务单 {{ticketNumber}} 现在{{status}}。
          {{note}}
          查看进度：{{statusUrl}}
`;

describe('with a database', () => {
  let db: TestDatabase;
  let orm: Orm;
  let admin: Client;
  let catcher: SmtpCatcher;
  let receiver: SmsReceiver;
  let email: SmtpEmailSender;
  let sms: TwilioSmsSender;
  const tenants = new Map<string, { id: string; kind: TenantKind }>();
  const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm(db.appUrl, 4);
    await provisionTestNetwork(orm);
    await applyTenants(orm, loadTenantFiles(writeTempYaml(OVERRIDES_YAML)), clock);
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    for (const row of (await admin.query<{ slug: string; id: string; kind: TenantKind }>('select slug, id, kind from tenants')).rows) {
      tenants.set(row.slug, { id: row.id, kind: row.kind });
    }
    catcher = await startSmtpCatcher();
    receiver = await startSmsReceiver();
    email = new SmtpEmailSender({ url: catcher.url, from: 'Aftersales <no-reply@aftersales.test>' });
    sms = new TwilioSmsSender({ baseUrl: receiver.baseUrl, accountSid: receiver.accountSid, authToken: receiver.authToken, from: 'AFTERSALES' });
  });

  afterAll(async () => {
    email.close();
    await catcher.close();
    await receiver.close();
    await admin.end();
    await orm.close();
    await db.drop();
  });

  beforeEach(() => catcher.clear());

  function asTenant<T>(slug: string, work: (ctx: TenantContext) => Promise<T>): Promise<T> {
    const tenant = tenants.get(slug);
    if (!tenant) throw new Error(`no tenant ${slug}`);
    return inTenantTransaction(orm, tenant.id, (em) => work({ tenantId: tenant.id, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock }));
  }

  const depsWith = (channels: MessageChannels): ProcessorDeps => ({ channels, fetch, publicBaseUrl: 'http://localhost', webhookTimeoutMs: 1000 });

  async function schedule(slug: string, request: NotificationRequest): Promise<string> {
    return asTenant(slug, async (ctx) => {
      const action = await scheduleNotification(ctx, request);
      await ctx.em.flush();
      return action.id;
    });
  }

  /** One run of the processor in the action's tenant, in one transaction, as the runner does it. */
  async function processAction(slug: string, actionId: string, channels: MessageChannels = { email, sms }): Promise<ActionOutcome> {
    return asTenant(slug, async (ctx) => {
      const action = await ctx.em.findOneOrFail(ScheduledAction, { tenantId: ctx.tenantId, id: actionId });
      const outcome = await processNotification({ ctx, action, deps: depsWith(channels) });
      await ctx.em.flush();
      return outcome;
    });
  }

  /** A ticket at a store with its customer reachable as given; returns the ids and the ticket's number. */
  async function ticketFor(customer: { email: string | null; locale: Locale; name?: string }, store = 'store-a') {
    const ticketGlobalId = await insertTicket(admin, { store });
    const ticketId = uuidOf(ticketGlobalId);
    const { rows } = await admin.query<{ customer_id: string; number: string; contact_name: string }>(
      'select customer_id, number, contact_name from tickets where id = $1',
      [ticketId],
    );
    await admin.query('update customers set email = $2, locale = $3, name = coalesce($4, name) where id = $1', [
      rows[0].customer_id,
      customer.email,
      customer.locale,
      customer.name ?? null,
    ]);
    return { ticketGlobalId, ticketId, customerId: rows[0].customer_id, number: rows[0].number, contactName: rows[0].contact_name };
  }

  /**
   * The message's status link opens the ticket (its token's hash is saved for that ticket), and the raw
   * token is nowhere in the database: not in the sent action's payload, not on the timeline.
   */
  async function expectWorkingLink(text: string, ticketId: string, actionId: string): Promise<void> {
    const token = new RegExp(`/console/status/([A-Za-z0-9_-]{43})`).exec(text)![1];
    const links = await admin.query<{ ticket_id: string }>('select ticket_id from ticket_status_links where token_hash = $1', [hashStatusToken(token)]);
    expect(links.rows).toEqual([{ ticket_id: ticketId }]);
    const action = await admin.query<{ payload: unknown }>('select payload from scheduled_actions where id = $1', [actionId]);
    expect(JSON.stringify(action.rows[0].payload)).not.toContain(token);
    const events = await admin.query<{ summary: string; data: unknown }>('select summary, data from ticket_events where ticket_id = $1', [ticketId]);
    expect(JSON.stringify(events.rows)).not.toContain(token);
  }

  async function staffId(email: string): Promise<string> {
    return (await admin.query<{ id: string }>('select id from staff_users where email = $1', [email])).rows[0].id;
  }

  describe('which wording applies', () => {
    test("the store's own override, then its HQ's, then the built-in default", async () => {
      const source = (slug: string, locale: Locale, key = TemplateKey.STATUS_CHANGED) =>
        asTenant(slug, async (ctx) => (await resolveTemplate(ctx, key, locale)).source);
      expect(await source('store-a', Locale.ZH_CN)).toBe('OWN');
      expect(await source('store-a', Locale.EN)).toBe('HQ');
      expect(await source('store-b', Locale.ZH_CN)).toBe('HQ'); // Store A's override is Store A's alone
      expect(await source('partner-p', Locale.EN)).toBe('HQ');
      expect(await source('hq-one', Locale.ZH_CN)).toBe('OWN');
      expect(await source('store-z', Locale.ZH_CN)).toBe('DEFAULT'); // another network
      expect(await source('store-a', Locale.ZH_CN, TemplateKey.PART_DELAYED)).toBe('DEFAULT');
      const storeB = await asTenant('store-b', (ctx) => resolveTemplate(ctx, TemplateKey.STATUS_CHANGED, Locale.ZH_CN));
      expect(storeB.template.subject).toBe('【HQ One】{{ticketNumber}}：{{status}}');
    });

    test("a customer's wording stored before it had to carry the status link is passed over for the next one down", async () => {
      const storeB = tenants.get('store-b')!.id;
      await admin.query(
        `insert into message_templates (tenant_id, template_key, locale, subject, body) values ($1, 'STATUS_CHANGED', 'en', 'Store B: {{status}}', 'Ticket {{ticketNumber}} is {{status}}.')`,
        [storeB],
      );
      try {
        const resolved = await asTenant('store-b', (ctx) => resolveTemplate(ctx, TemplateKey.STATUS_CHANGED, Locale.EN));
        expect(resolved).toEqual({
          source: 'HQ',
          template: { subject: 'HQ One: {{ticketNumber}} is {{status}}', body: expect.stringContaining('{{statusUrl}}') },
        });
      } finally {
        await admin.query(`delete from message_templates where tenant_id = $1`, [storeB]);
      }
    });
  });

  describe('provisioning templates', () => {
    test('applying the same templates again changes nothing; a changed body is updated, and only that', async () => {
      expect(await applyTenants(orm, loadTenantFiles(writeTempYaml(OVERRIDES_YAML)), clock)).toEqual([]);
      const reworded = OVERRIDES_YAML.replace('现在{{status}}。\n          {{note}}', '当前状态：{{status}}。\n          {{note}}');
      expect(await applyTenants(orm, loadTenantFiles(writeTempYaml(reworded)), clock)).toEqual([
        'store-a: message template STATUS_CHANGED (zh-CN) updated (body)',
      ]);
      const { rows } = await admin.query(`select m.body from message_templates m join tenants t on t.id = m.tenant_id where t.slug = 'store-a'`);
      expect(rows).toEqual([
        { body: '{{customerName}}，您好！您在{{storeName}}的服务单 {{ticketNumber}} 当前状态：{{status}}。\n{{note}}\n查看进度：{{statusUrl}}' },
      ]);
      expect(await applyTenants(orm, loadTenantFiles(writeTempYaml(OVERRIDES_YAML)), clock)).toEqual([
        'store-a: message template STATUS_CHANGED (zh-CN) updated (body)',
      ]);
    });

    test('unknown keys, locales and placeholders and duplicates are refused with where and what', () => {
      const file = writeTempYaml(`
tenants:
  - slug: store-q
    name: Store Q
    kind: STORE
    parent: hq-one
    messageTemplates:
      - { key: STATUS_CHANGED, locale: zh-CN, subject: "{{ticketNumber}}", body: "点此评价 {{surveyUrl}} {{statusUrl}}" }
      - { key: PARTS_LATE, locale: en, subject: "x", body: "y" }
      - { key: STATUS_CHANGED, locale: fr, subject: "x", body: "y" }
      - { key: SURVEY_REQUEST, locale: en, subject: "", body: "{{surveyUrl}} {{statusUrl}}" }
      - { key: STATUS_CHANGED, locale: zh-CN, subject: "{{status}}", body: "{{status}} {{statusUrl}}" }
`);
      let problems: { path: string; message: string }[] = [];
      try {
        loadTenantFiles(file);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidTenantFiles);
        problems = (error as InvalidTenantFiles).problems.map(({ path, message }) => ({ path, message }));
      }
      expect(problems).toEqual([
        { path: 'tenants[0].messageTemplates[0].body', message: expect.stringMatching(/^unknown placeholder \{\{surveyUrl\}\} for STATUS_CHANGED; known: /) },
        { path: 'tenants[0].messageTemplates[1].key', message: expect.stringMatching(/^a template key: TICKET_RECEIVED, /) },
        { path: 'tenants[0].messageTemplates[2].locale', message: 'a locale: zh-CN or en' },
        { path: 'tenants[0].messageTemplates[3].subject', message: 'must not be empty' },
      ]);
    });

    test('duplicates of a key and locale in one tenant are refused', () => {
      const file = writeTempYaml(`
tenants:
  - slug: store-q
    name: Store Q
    kind: STORE
    parent: hq-one
    messageTemplates:
      - { key: STATUS_CHANGED, locale: en, subject: "{{status}}", body: "{{status}}" }
      - { key: STATUS_CHANGED, locale: en, subject: "{{status}}!", body: "{{status}}!" }
`);
      expect(() => loadTenantFiles(file)).toThrow('tenants[0].messageTemplates[1].key: STATUS_CHANGED in en appears twice');
    });

    test('the demo HQ words every message in both locales', () => {
      const demo = loadTenantFiles(join(projectRoot(), 'tenants', 'demo')).find((entry) => entry.spec.slug === 'demo-hq');
      const provided = demo!.spec.messageTemplates.map((t) => `${t.key} ${t.locale}`).sort();
      const expected = Object.values(TemplateKey)
        .flatMap((key) => EVERY_LOCALE.map((locale) => `${key} ${locale}`))
        .sort();
      expect(provided).toEqual(expected);
    });
  });

  describe('scheduling', () => {
    test('a notification is a NOTIFICATION action due now, once per key, carrying what the processor needs', async () => {
      const { ticketId, customerId } = await ticketFor({ email: 'once@example.com', locale: Locale.EN });
      const request: NotificationRequest = {
        key: `status:${ticketId}:1`,
        template: TemplateKey.STATUS_CHANGED,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: { status: 'IN_PROGRESS' },
      };
      const first = await schedule('store-a', request);
      expect(await schedule('store-a', { ...request, params: { status: 'RESOLVED' } })).toBe(first);
      const { rows } = await admin.query('select kind, due_at, ticket_id, payload from scheduled_actions where id = $1', [first]);
      expect(rows).toEqual([
        {
          kind: ActionKind.NOTIFICATION,
          due_at: clock.now(),
          ticket_id: ticketId,
          payload: { template: 'STATUS_CHANGED', recipient: { kind: 'CUSTOMER', customerId }, params: { status: 'IN_PROGRESS' } },
        },
      ]);
      await expect(schedule('store-a', { ...request, key: 'bad-role', recipient: { kind: 'HQ_ROLE', role: 'STORE_AGENT' as never } })).rejects.toThrow(
        /HQ_ROLE recipient takes one of HQ_ADMIN, HQ_SUPERVISOR/,
      );
    });
  });

  describe('sending', () => {
    test("a customer with an e-mail address gets the store's own wording in Chinese, and the ticket shows the customer was told", async () => {
      const { ticketGlobalId, ticketId, customerId, number } = await ticketFor({ email: 'fang.wang@example.com', locale: Locale.ZH_CN, name: '王芳' });
      const actionId = await schedule('store-a', {
        key: `status:${ticketId}:waiting`,
        template: TemplateKey.STATUS_CHANGED,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: { status: 'WAITING_PARTS', note: '配件预计 3 月 14 日到货。' },
      });
      const outcome = await processAction('store-a', actionId);

      const [message] = await catcher.waitFor(1);
      expect(message).toMatchObject({
        to: ['fang.wang@example.com'],
        messageId: `<${actionId}@aftersales>`,
        subject: `【Store A 门店】${number} 状态：等待配件`,
        text: expect.stringMatching(
          new RegExp(`^王芳，您好！您在Store A的服务单 ${number} 现在等待配件。\n配件预计 3 月 14 日到货。\n查看进度：${STATUS_LINK}$`),
        ),
      });
      await expectWorkingLink(message.text, ticketId, actionId);
      expect(outcome).toEqual({ status: 'DONE', result: { channel: 'EMAIL', to: 'f***@example.com', providerReference: message.reply } });
      expect((await timelineOf(admin, ticketGlobalId)).filter((e) => e.kind === NOTIFICATION_SENT)).toEqual([
        {
          kind: NOTIFICATION_SENT,
          visibility: 'CUSTOMER',
          summary: `Email to customer: 【Store A 门店】${number} 状态：等待配件`,
          data: { template: 'STATUS_CHANGED', channel: 'EMAIL', to: 'f***@example.com', actionId },
          actor_kind: 'SYSTEM',
        },
      ]);
    });

    test('a later message to the same customer waits while an earlier one about the ticket is still on its way', async () => {
      const { ticketId, customerId } = await ticketFor({ email: 'in.order@example.com', locale: Locale.EN });
      const message = (status: string) => ({
        key: `order:${ticketId}:${status}`,
        template: TemplateKey.STATUS_CHANGED,
        recipient: { kind: 'CUSTOMER' as const, customerId },
        ticketId,
        params: { status },
      });
      const first = await schedule('store-a', message('IN_PROGRESS'));
      clock.advance(1000);
      const second = await schedule('store-a', message('RESOLVED'));
      const deferred = await processAction('store-a', second);
      expect(deferred).toEqual({
        status: 'DEFER',
        until: new Date(clock.now().getTime() + 2000),
        reason: 'an earlier message to this customer is still on its way',
      });
      expect(catcher.messages.filter((m) => m.to.includes('in.order@example.com'))).toEqual([]);
      // once the first is done, the second goes
      await processAction('store-a', first);
      await asTenant('store-a', async (ctx) => {
        const action = await ctx.em.findOneOrFail(ScheduledAction, { tenantId: ctx.tenantId, id: first });
        action.state = ActionState.DONE;
        await ctx.em.flush();
      });
      expect((await processAction('store-a', second)).status).toBe('DONE');
      const subjects = catcher.messages.filter((m) => m.to.includes('in.order@example.com')).map((m) => m.subject);
      expect(subjects).toEqual([expect.stringContaining('is in progress'), expect.stringContaining('is resolved')]);
    });

    test("a customer with only a phone gets an SMS in English in HQ's wording, keyed by the action", async () => {
      const { ticketGlobalId, ticketId, customerId, number } = await ticketFor({ email: null, locale: Locale.EN, name: 'Fang Wang' });
      const actionId = await schedule('store-a', {
        key: `status:${ticketId}:resolved`,
        template: TemplateKey.STATUS_CHANGED,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: { status: 'RESOLVED' },
      });
      const outcome = await processAction('store-a', actionId);
      const sent = receiver.messages.at(-1)!;
      expect(sent).toMatchObject({
        from: 'AFTERSALES',
        idempotencyKey: actionId,
        body: expect.stringMatching(new RegExp(`^Hello Fang Wang, ticket ${number} at Store A is now resolved.\n\nThe HQ One network\n${STATUS_LINK}$`)),
      });
      await expectWorkingLink(sent.body, ticketId, actionId);
      const { rows } = await admin.query<{ phone: string }>('select phone from customers where id = $1', [customerId]);
      expect(sent.to).toBe(rows[0].phone);
      expect(outcome).toMatchObject({ status: 'DONE', result: { channel: 'SMS', providerReference: sent.sid, to: expect.stringMatching(/^137\*{4}\d{4}$/) } });
      const [entry] = (await timelineOf(admin, ticketGlobalId)).filter((e) => e.kind === NOTIFICATION_SENT);
      expect(entry).toMatchObject({
        visibility: 'CUSTOMER',
        summary: `SMS to customer: ${`Hello Fang Wang, ticket ${number} at Store A is now resolved.`.slice(0, 59)}…`,
      });
      expect(catcher.messages).toEqual([]);
    });

    test('a customer who cannot be reached is recorded on the ticket for staff, and nothing is sent', async () => {
      const { ticketGlobalId, ticketId, customerId } = await ticketFor({ email: null, locale: Locale.ZH_CN });
      const before = receiver.messages.length;
      const actionId = await schedule('store-a', {
        key: `received:${ticketId}`,
        template: TemplateKey.TICKET_RECEIVED,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: {},
      });
      const outcome = await processAction('store-a', actionId, { email, sms: null });
      expect(outcome).toEqual({ status: 'DONE', result: { skipped: 'the customer has no e-mail address and no SMS provider is configured' } });
      const timeline = await timelineOf(admin, ticketGlobalId);
      expect(timeline.filter((e) => e.kind === NOTIFICATION_SENT)).toEqual([]);
      expect(timeline.filter((e) => e.kind === NOTIFICATION_NOT_DELIVERED)).toEqual([
        expect.objectContaining({ visibility: 'INTERNAL', summary: expect.stringMatching(/^Customer could not be reached \(TICKET_RECEIVED\)/) }),
      ]);
      expect(receiver.messages.length).toBe(before);
      expect(catcher.messages).toEqual([]);
    });

    test('a mail server that refuses leaves nothing written and asks for a retry; the retry sends the same Message-ID once', async () => {
      const { ticketGlobalId, ticketId, customerId } = await ticketFor({ email: 'retry@example.com', locale: Locale.EN });
      const actionId = await schedule('store-a', {
        key: `progress:${ticketId}`,
        template: TemplateKey.PROGRESS_UPDATE,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: { status: 'IN_PROGRESS' },
      });
      catcher.refuseNext(1);
      const failed = await processAction('store-a', actionId);
      expect(failed).toEqual({ status: 'RETRY', error: expect.stringMatching(/^EMAIL to r\*\*\*@example\.com failed: .*451/), result: undefined });
      expect((await timelineOf(admin, ticketGlobalId)).filter((e) => e.kind === NOTIFICATION_SENT)).toEqual([]);

      expect(await processAction('store-a', actionId)).toMatchObject({ status: 'DONE' });
      const [message] = await catcher.waitFor(1);
      expect(catcher.messages).toHaveLength(1);
      expect(message.messageId).toBe(`<${actionId}@aftersales>`);
      expect(message.text).toContain('is in progress.');
    });

    test('an SMS provider that fails asks for a retry', async () => {
      const { ticketId, customerId } = await ticketFor({ email: null, locale: Locale.ZH_CN });
      const actionId = await schedule('store-a', {
        key: `survey:${ticketId}`,
        template: TemplateKey.SURVEY_REQUEST,
        recipient: { kind: 'CUSTOMER', customerId },
        ticketId,
        params: { surveyUrl: 'http://localhost/s/abc' },
      });
      receiver.failNext(1, 500);
      expect(await processAction('store-a', actionId)).toMatchObject({
        status: 'RETRY',
        error: expect.stringMatching(/^SMS to 137\*+\d{4} failed: SMS provider answered 500/),
      });
      expect(await processAction('store-a', actionId)).toMatchObject({ status: 'DONE', result: { channel: 'SMS' } });
      expect(receiver.messages.at(-1)!.body).toContain('http://localhost/s/abc');
    });

    test("staff are written to by e-mail in their tenant's language, and the ticket notes it internally", async () => {
      const { ticketGlobalId, ticketId, number, contactName } = await ticketFor({ email: 'c@example.com', locale: Locale.EN, name: 'Fang Wang' });
      const actionId = await schedule('store-a', {
        key: `at-risk:${ticketId}`,
        template: TemplateKey.STAFF_AT_RISK,
        recipient: { kind: 'STAFF', staffId: await staffId('tech@store-a.test') },
        ticketId,
        params: { metric: 'RESOLUTION', dueAt: '2026-03-13T07:30:00.000Z' },
      });
      const outcome = await processAction('store-a', actionId);
      const [message] = await catcher.waitFor(1);
      expect(message.to).toEqual(['tech@store-a.test']);
      expect(message.subject).toBe(`即将超时：服务单 ${number} 的解决时限，期限 2026-03-13 15:30`);
      expect(message.text).toBe(`Tech A：\n\n服务单 ${number}（客户：${contactName}）的解决时限将于 2026-03-13 15:30 到期，请及时处理。`);
      expect(outcome).toMatchObject({ status: 'DONE', result: { channel: 'EMAIL', to: 'tech@store-a.test' } });
      const [entry] = (await timelineOf(admin, ticketGlobalId)).filter((e) => e.kind === NOTIFICATION_SENT);
      expect(entry).toMatchObject({ visibility: 'INTERNAL', summary: `Email to Tech A: ${message.subject}` });
    });

    test("a tenant's admins and HQ's people in a role are found at send time; a disabled colleague is skipped", async () => {
      const adminsAction = await schedule('partner-p', {
        key: 'webhook-endpoint-disabled:1',
        template: TemplateKey.WEBHOOK_ENDPOINT_DISABLED,
        recipient: { kind: 'TENANT_ADMINS' },
        params: { endpointUrl: 'https://partner.example.com/hooks', reason: '5 deliveries in a row failed every attempt' },
      });
      expect(await processAction('partner-p', adminsAction)).toMatchObject({ status: 'DONE', result: { to: 'manager@partner-p.test' } });
      const [notice] = await catcher.waitFor(1);
      expect(notice).toMatchObject({ to: ['manager@partner-p.test'], subject: 'Webhook 端点已停用：https://partner.example.com/hooks' });
      expect(notice.text).toContain('Manager P：');

      catcher.clear();
      const { ticketGlobalId, ticketId } = await ticketFor({ email: null, locale: Locale.EN });
      const hqAction = await schedule('store-a', {
        key: `level:${ticketId}:4`,
        template: TemplateKey.STAFF_ESCALATION,
        recipient: { kind: 'HQ_ROLE', role: Role.HQ_SUPERVISOR },
        ticketId,
        params: { metric: 'RESOLUTION', level: '4', levelName: 'HQ service quality', dueAt: '2026-03-13T02:00:00.000Z' },
      });
      expect(await processAction('store-a', hqAction)).toMatchObject({ status: 'DONE', result: { to: 'supervisor@hq-one.test' } });
      const [escalation] = await catcher.waitFor(1);
      expect(escalation.subject).toMatch(/^升级至第 4 级：服务单 .* 的解决时限$/);
      expect((await timelineOf(admin, ticketGlobalId)).filter((e) => e.kind === NOTIFICATION_SENT)).toEqual([
        expect.objectContaining({ visibility: 'INTERNAL', summary: `Email to HQ service quality: ${escalation.subject}` }),
      ]);

      await admin.query(`update staff_users set status = 'DISABLED' where email = 'agent@store-a.test'`);
      const disabled = await schedule('store-a', {
        key: `at-risk:${ticketId}:agent`,
        template: TemplateKey.STAFF_AT_RISK,
        recipient: { kind: 'STAFF', staffId: await staffId('agent@store-a.test') },
        ticketId,
        params: {},
      });
      expect(await processAction('store-a', disabled)).toEqual({ status: 'DONE', result: { skipped: 'Agent A is disabled' } });
      await admin.query(`update staff_users set status = 'ACTIVE' where email = 'agent@store-a.test'`);
    });
  });
});
