import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { projectRoot } from '../../core/project-root';

/**
 * Debian's Chromium driven by playwright-core, as the browser tests use it:
 * headless, sandboxed by the test's own temporary profile, and with
 * Chromium's background traffic to Google's services off (this machine has no
 * internet; the product must not need it either). Each page records every
 * request to another origin, what the console logged as errors, and the
 * translations it asked for and did not find.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to any origin but the api's. */
  foreignRequests: string[];
  consoleErrors: string[];
  /** `language:namespace:key` of every translation asked for and missing. */
  missingTranslations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  origin: string,
  options: { language?: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; motion?: 'no-preference' | 'reduce' } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.language ?? 'zh-CN',
    // The console honours a system's "reduce motion": the tests ask for it, so that a click never lands on a dialog
    // still zooming in and axe never reads a text still fading in (one test keeps the animations, to check both).
    reducedMotion: options.motion ?? 'reduce',
    viewport: options.viewport ?? { width: 1366, height: 900 },
    timezoneId: 'Asia/Shanghai',
  });
  // The language a user chose before, unless they choose another during the test.
  if (options.language) {
    await context.addInitScript(
      `if (!window.localStorage.getItem('aftersales.language')) window.localStorage.setItem('aftersales.language', ${JSON.stringify(options.language)})`,
    );
  }
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    page,
    context,
    foreignRequests,
    consoleErrors,
    missingTranslations: () => page.evaluate<string[]>('[...new Set(window.__missingTranslations ?? [])]'),
    close: () => context.close(),
  };
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical accessibility violations axe-core finds on the
 * page as it is. axe is evaluated through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern, so the page is tested with
 * its real policy in force.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // (Page code is written as text: it runs in the browser, not in this process.)
  if (!(await page.evaluate<boolean>('Boolean(window.axe)'))) await page.evaluate(axeSource());
  const { violations } = await page.evaluate<{ violations: AxeViolation[] }>("window.axe.run(document, { resultTypes: ['violations'] })");
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Where the browser tests leave their screenshots of the main pages (linked from the README). */
export const SCREENSHOTS_DIR = join(projectRoot(), 'docs', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Polls `condition` from the test until it holds, for up to 10 s (the
 * console's Content-Security-Policy refuses Playwright's in-page polling).
 */
export async function pollUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
