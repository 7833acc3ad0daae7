import type { Browser } from 'playwright-core';
import { CONSOLE_CSP } from '../api/http/console';
import { launchBrowser, openPage, pollUntil, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, startConsoleApp } from './support/console-app';

/**
 * The console as it is served: from the api itself at /console/, hashed
 * assets cached for a year, the page never cached, a policy that lets nothing
 * load from another origin; and the sign-in page as a person meets it, in
 * zh-CN (the default) and en, with every word translated, accessible, and
 * without a single request to another host.
 */
/** What the page offers that a test's types (no DOM library) do not know. */
interface InPage {
  getComputedStyle(element: unknown): { transitionDuration: string };
}

let app: ConsoleApp;
let browser: Browser;

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
}, 90000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('serving the console', () => {
  test('the page and its assets: security headers on everything, a year of cache for hashed assets, none for the page', async () => {
    const page = await fetch(`${app.origin}/console/desk/queue`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    const scripts = [...html.matchAll(/src="([^"]+\.js)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/console/assets/')).toBe(true);
      const asset = await fetch(`${app.origin}${src}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    }
    // No reference to any host but our own, in the page or its scripts.
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${app.origin}/console/assets/no-such-chunk.js`)).status).toBe(404);
    const bare = await fetch(`${app.origin}/console`, { redirect: 'manual' });
    expect([301, 308]).toContain(bare.status);
    expect(bare.headers.get('location')).toBe('/console/');
  });
});

describe('the sign-in page', () => {
  test.each([
    ['zh-CN', '登录', '租户代码'],
    ['en', 'Sign in', 'Tenant'],
  ] as const)(
    'in %s: every word translated, accessible, nothing from another host',
    async (language, title, tenantLabel) => {
      const watched = await openPage(browser, app.origin, { language });
      try {
        await watched.page.goto(`${app.origin}/console/`);
        await watched.page.getByRole('heading', { level: 2, name: title }).waitFor();
        await watched.page.getByLabel(tenantLabel).waitFor();
        expect(await watched.page.getAttribute('html', 'lang')).toBe(language);
        expect(await watched.missingTranslations()).toEqual([]);
        expect(await seriousAccessibilityViolations(watched.page)).toEqual([]);
        expect(watched.foreignRequests).toEqual([]);
        if (language === 'zh-CN') await screenshot(watched.page, 'sign-in');
      } finally {
        await watched.close();
      }
    },
    60000,
  );

  test('switching the language changes every word at once and is remembered', async () => {
    const watched = await openPage(browser, app.origin, { language: 'zh-CN' });
    try {
      await watched.page.goto(`${app.origin}/console/`);
      await watched.page.getByRole('heading', { level: 2, name: '登录' }).waitFor();
      await watched.page.getByRole('button', { name: 'English' }).click();
      await watched.page.getByRole('heading', { level: 2, name: 'Sign in' }).waitFor();
      await watched.page.reload();
      await watched.page.getByRole('heading', { level: 2, name: 'Sign in' }).waitFor();
      expect(await watched.missingTranslations()).toEqual([]);
    } finally {
      await watched.close();
    }
  }, 60000);

  test("a system's reduced-motion setting stills the console's animations, live; without it they run", async () => {
    const watched = await openPage(browser, app.origin, { language: 'en', motion: 'no-preference' });
    try {
      const { page } = watched;
      await page.goto(`${app.origin}/console/`);
      const signIn = page.getByRole('button', { name: 'Sign in' });
      // antd times every transition from the theme's motion tokens, which are zero once motion is off.
      const transition = () => signIn.evaluate((button) => (globalThis as unknown as InPage).getComputedStyle(button).transitionDuration);
      expect(await transition()).not.toMatch(/^0s(, 0s)*$/);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await pollUntil(async () => /^0s(, 0s)*$/.test(await transition()), 'the transitions stilled');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await pollUntil(async () => !/^0s(, 0s)*$/.test(await transition()), 'the transitions back');
    } finally {
      await watched.close();
    }
  }, 60000);

  test('empty fields are named; a wrong password is refused with a message, the fields keep what was typed', async () => {
    const watched = await openPage(browser, app.origin, { language: 'en' });
    try {
      const { page } = watched;
      await page.goto(`${app.origin}/console/`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your Tenant').waitFor();
      await page.getByLabel('Tenant').fill('bj-zgc');
      await page.getByLabel('E-mail').fill('agent@bj-zgc.example.com');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('The tenant, e-mail or password is not right.').waitFor();
      expect(await page.getByLabel('E-mail').inputValue()).toBe('agent@bj-zgc.example.com');
      expect(watched.consoleErrors.filter((error) => !/status of 40[01]/.test(error))).toEqual([]);
    } finally {
      await watched.close();
    }
  }, 60000);
});
