import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ManualClock } from '../../core/clock';
import type { ProcessorDeps } from '../../domain/scheduling/processor';
import { SmtpEmailSender } from '../../infra/mail/smtp-email-sender';
import { projectRoot } from '../../core/project-root';
import { toGlobalId } from '../../core/global-id';
import { drainDueActions } from './action-driver';
import { SmtpCatcher, startSmtpCatcher } from './smtp-catcher';
import { startTestApi, TestApi } from './test-api';

/**
 * A store's desk and the worker behind it, in one test process, as the tests
 * of time-driven promises need them: a real api on a ManualClock with the test
 * network, the demo HQ's service standard published for `hq-one`, a store
 * manager's API key for `store-a` (keys do not expire while the clock jumps
 * days), a real SMTP server, and the production processors run inline by
 * `drain()` whenever the test moves the clock.
 */
export interface WorkerDesk {
  api: TestApi;
  /** The admin connection, for reading what the tenant's role may not. */
  admin: Client;
  smtp: SmtpCatcher;
  deps: ProcessorDeps;
  /** store-a's manager's API key. */
  key: string;
  /** Global id of store-a's technician. */
  techId: string;
  /** One GraphQL call with the store's key; GraphQL errors and userErrors throw. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  gql(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** Runs every action due on the clock, and what they make due, until nothing is. */
  drain(): Promise<unknown>;
  close(): Promise<void>;
}

/** The demo HQ's standard as hq-one's; `standard` may rewrite it (another callback share, say); `env` adds settings of the api. */
export async function startWorkerDesk(
  clock: ManualClock,
  options: { standard?: (definition: string) => string; env?: Record<string, string> } = {},
): Promise<WorkerDesk> {
  const api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000', ...options.env } });
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const smtp = await startSmtpCatcher();
  const sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  const deps: ProcessorDeps = { channels: { email: sender, sms: null }, fetch, publicBaseUrl: 'https://service.example.test', webhookTimeoutMs: 1000 };

  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const demo = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
  const definition = options.standard ? options.standard(demo) : demo;
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  if (published.body.data?.publishSlaTemplate?.userErrors?.length !== 0) throw new Error(`the standard was not published: ${JSON.stringify(published.body)}`);
  const manager = await api.login('store-a', 'manager@store-a.test');
  const key = (await api.gql(`mutation { createApiKey(input: { name: "desk", role: STORE_MANAGER }) { secret } }`, undefined, manager)).body.data.createApiKey
    .secret;
  const tech = await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`);

  return {
    api,
    admin,
    smtp,
    deps,
    key,
    techId: toGlobalId('StaffUser', tech.rows[0].id),
    async gql(query, variables) {
      const response = await api.gql(query, variables, key);
      if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
      const payload = Object.values(response.body.data as Record<string, { userErrors?: unknown[] }>)[0];
      if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
      return response.body.data;
    },
    drain: () => drainDueActions(api.orm, clock, deps),
    async close() {
      sender.close();
      await smtp.close();
      await admin.end();
      await api.stop();
    },
  };
}
