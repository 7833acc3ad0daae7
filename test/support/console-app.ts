import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../core/clock';
import { createLogger } from '../../infra/logger';
import { projectRoot } from '../../core/project-root';
import { applyTenants } from '../../tenants/provisioning/apply';
import { loadTenantFiles } from '../../tenants/provisioning/load';
import { RunningWorker, startWorker } from '../../worker/worker';
import { SmtpCatcher, startSmtpCatcher } from './smtp-catcher';
import { StripeServer } from './stripe-server';
import { startTestApi, TestApi } from './test-api';

/**
 * The product as a browser meets it: the api (serving the built console at
 * /console/) and the worker, on a database of their own holding the demo
 * network of tenants/demo with the demo HQ's standard, mail caught by an SMTP
 * server in the test, time on a clock the test moves. Every demo user's
 * password is `demo-password-1`.
 *
 * Billing is off unless asked for (`billing: true`): then the api and the
 * worker talk to a local server speaking Stripe's wire format (`stripe`),
 * holding a monthly Price for each plan of tenants/plans.yaml, and the test
 * plays the customer on Stripe's pages and delivers Stripe's events.
 */
export const DEMO_PASSWORD = 'demo-password-1';

export interface ConsoleApp {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  api: TestApi;
  worker: RunningWorker;
  smtp: SmtpCatcher;
  clock: ManualClock;
  /** The local Stripe, when the app was started with billing on. */
  stripe: StripeServer | null;
  stop(): Promise<void>;
}

export interface ConsoleAppOptions {
  /** Billing on, against a local Stripe (default off: no plan limits, nothing to pay). */
  billing?: boolean;
}

/** The monthly Prices tenants/plans.yaml points at, by their lookup keys (as set up in Stripe's dashboard). */
const PLAN_PRICES = [
  { lookupKey: 'aftersales-basic-monthly', unitAmount: 29900 },
  { lookupKey: 'aftersales-pro-monthly', unitAmount: 69900 },
];

export async function startConsoleApp(clock = new ManualClock(new Date()), options: ConsoleAppOptions = {}): Promise<ConsoleApp> {
  const smtp = await startSmtpCatcher();
  const stripe = options.billing ? await StripeServer.start({ clock }) : null;
  if (stripe) for (const price of PLAN_PRICES) stripe.addPrice(price);
  const api = await startTestApi({
    clock,
    provision: false,
    env: {
      SMTP_URL: smtp.url,
      RELAY_INTERVAL_MS: '50',
      RATE_LIMIT_KEY_CAPACITY: '1000000',
      RATE_LIMIT_TENANT_CAPACITY: '1000000',
      ...(stripe ? stripe.env() : {}),
    },
  });
  await applyTenants(api.orm, loadTenantFiles(join(projectRoot(), 'tenants', 'demo')), clock);
  const hqAdmin = await api.login('demo-hq', 'admin@demo-hq.example.com', DEMO_PASSWORD);
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8');
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code message } } }`,
    { i: { definition } },
    hqAdmin,
  );
  if (published.body.data?.publishSlaTemplate?.userErrors?.length !== 0)
    throw new Error(`the demo standard was not published: ${JSON.stringify(published.body)}`);
  const worker = await startWorker({ orm: api.orm, config: api.config, clock, logger: createLogger('silent', 'console-worker') });
  return {
    origin: api.url.replace(/\/graphql$/, ''),
    api,
    worker,
    smtp,
    clock,
    stripe,
    async stop() {
      await worker.close();
      await api.stop();
      await smtp.close();
      await stripe?.close();
    },
  };
}

/** The sign-in page's field labels, as a person reads them. */
const SIGN_IN_LABELS = {
  'zh-CN': { tenant: '租户代码', email: '邮箱', password: '密码' },
  en: { tenant: 'Tenant', email: 'E-mail', password: 'Password' },
} as const;

/** Signs a demo user in through the sign-in page, typing into its fields as a person does. */
export async function signInThroughPage(page: Page, app: ConsoleApp, language: 'zh-CN' | 'en', tenantSlug: string, email: string): Promise<void> {
  const words = SIGN_IN_LABELS[language];
  await page.goto(`${app.origin}/console/`);
  await page.getByLabel(words.tenant).fill(tenantSlug);
  await page.getByLabel(words.email).fill(email);
  await page.getByLabel(words.password).fill(DEMO_PASSWORD);
  // (antd spaces a two-character Chinese button label, so the button is found by its role in the form)
  await page.locator('form button[type="submit"]').click();
}
