import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../core/project-root';
import { launchBrowser, openPage, seriousAccessibilityViolations, WatchedPage } from './support/browser';
import { ConsoleApp, ConsoleAppOptions, DEMO_PASSWORD, startConsoleApp } from './support/console-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * What the browser tests of the store manager's pages share: the product on
 * the demo network with a browser, signing in from a bookmark, the words of
 * the console as a person reads them, and what every page must be.
 */
export interface ManageHarness {
  app: ConsoleApp;
  browser: Browser;
  /** The access token of Zhang Wei, manager of the Zhongguancun store (bj-zgc). */
  manager: string;
  receivers: WebhookReceiver[];
}

/** Starts the product (billing off unless asked for) and a browser for the test file (one of each), and stops them after it. */
export function manageHarness(options: ConsoleAppOptions = {}): ManageHarness {
  const harness = { receivers: [] } as unknown as ManageHarness;
  beforeAll(async () => {
    harness.app = await startConsoleApp(undefined, options);
    harness.browser = await launchBrowser();
    harness.manager = await harness.app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  }, 90000);
  afterAll(async () => {
    await Promise.all(harness.receivers.map((receiver) => receiver.close()));
    await harness.browser?.close();
    await harness.app?.stop();
  });
  return harness;
}

type Words = Record<string, Record<string, string>>;
export const words = (language: string, namespace: string): Words =>
  JSON.parse(readFileSync(join(projectRoot(), 'console', 'src', 'i18n', 'locales', language, `${namespace}.json`), 'utf8'));
export const zhEnums = words('zh-CN', 'enums');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, read loosely as in the other API tests
export type Answer = Record<string, any>;

/** A GraphQL call that must not fail, as the manager unless another token is given. */
export async function data<T = Answer>(harness: ManageHarness, query: string, variables: Record<string, unknown> = {}, token = harness.manager): Promise<T> {
  const result = await harness.app.api.gql(query, variables, token);
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data as T;
}

/** Opens a page of the console and signs in on the way, as a person would from a bookmark. */
export async function signedIn(harness: ManageHarness, path: string, email: string, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<WatchedPage> {
  const watched = await openPage(harness.browser, harness.app.origin, { language });
  const { page } = watched;
  await page.goto(`${harness.app.origin}/console/${path}`);
  const zh = language === 'zh-CN';
  await page.getByLabel(zh ? '租户代码' : 'Tenant').fill('bj-zgc');
  await page.getByLabel(zh ? '邮箱' : 'E-mail').fill(email);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByLabel(zh ? '密码' : 'Password').press('Enter');
  await page.getByRole('navigation').waitFor({ state: 'attached' });
  return watched;
}

/** What every page must be: every word found, no serious accessibility problem, nothing from another host. */
export async function expectClean(watched: WatchedPage, ignoreErrorWords = false): Promise<void> {
  // (Error codes are worded by the shared `errors` namespace; a page's own test may leave them to console-errors.test.ts.)
  const missing = (await watched.missingTranslations()).filter((key) => !(ignoreErrorWords && key.includes(':errors:')));
  expect(missing).toEqual([]);
  expect(await seriousAccessibilityViolations(watched.page)).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

/** Ant Design spaces out a two-character Chinese button label ("创 建"). */
export const spaced = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`);

/**
 * Waits for the page to confirm with `text` in a status message; when it
 * never does, fails with what the page's alerts say (a refusal, a failed
 * request) rather than with a bare time-out.
 */
export async function confirmed(page: Page, text: string): Promise<void> {
  const status = page.getByRole('status').getByText(text);
  const alert = page.getByRole('alert');
  await status.waitFor().catch(async () => {
    throw new Error(`the page did not confirm "${text}"; it says: ${(await alert.allInnerTexts()).join(' | ')}`);
  });
}

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

export async function waitFor(condition: () => boolean, timeoutMs = 20000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
