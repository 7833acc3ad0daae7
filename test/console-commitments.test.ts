import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, startConsoleApp } from './support/console-app';

/**
 * A store's commitments page in a real browser on a phone, without an
 * account: the demo store has tightened its repairs to 3 working days, and
 * the page promises that, with HQ's half working day for first contact, in
 * zh-CN and in en, with how to reach the store. An unknown store code says
 * so. No session is restored, nothing comes from another host, every word
 * exists in both languages.
 */
let app: ConsoleApp;
let browser: Browser;
const PHONE = { width: 390, height: 844 };

const WORDS = {
  'zh-CN': {
    heading: 'Beijing Zhongguancun Store：我们的服务承诺',
    firstContact: '我们会在半个工作日内就您的请求与您联系。',
    repair: /您的维修.*将在3个工作日内解决。/,
    notFound: '此地址未对应任何门店',
  },
  en: {
    heading: 'Beijing Zhongguancun Store: our service commitments',
    firstContact: 'We contact you about your request within half a working day.',
    repair: /We resolve your repair.* within 3 working days\./,
    notFound: 'This address does not name any store',
  },
} as const;

beforeAll(async () => {
  app = await startConsoleApp();
  browser = await launchBrowser();
  const manager = await app.api.login('bj-zgc', 'manager@bj-zgc.example.com', DEMO_PASSWORD);
  const set = await app.api.gql(
    `mutation($i: SetSlaOverridesInput!) { setSlaOverrides(input: $i) { userErrors { code message } } }`,
    { i: { rules: [{ metric: 'RESOLUTION', ticketType: 'REPAIR', tier: 'STANDARD', amount: 3, unit: 'WORKING_DAYS' }] } },
    manager,
  );
  expect(set.body.data.setSlaOverrides.userErrors).toEqual([]);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test.each(['zh-CN', 'en'] as const)(
  "in %s: anyone reads the store's commitments from its effective standard, and an unknown code is named as such",
  async (language) => {
    const words = WORDS[language];
    const watched = await openPage(browser, app.origin, { language, viewport: PHONE });
    const sessionCalls: string[] = [];
    watched.page.on('request', (request) => {
      if (/\/auth\/|SignedInApp|SignInPage|Shell/.test(request.url())) sessionCalls.push(request.url());
    });
    try {
      const { page } = watched;
      await page.goto(`${app.origin}/console/commitments/bj-zgc`);
      await page.getByRole('heading', { level: 1, name: words.heading }).waitFor();
      const promises = page.locator('.status-commitment-list li');
      expect(await promises.first().textContent()).toBe(words.firstContact);
      const repair = page.locator('.status-commitment-list li[data-kind="RESOLUTION"]').filter({ hasText: words.repair });
      expect(await repair.count()).toBe(1);
      expect(await promises.count()).toBeGreaterThanOrEqual(8);
      await page.locator('.status-store-name', { hasText: 'Beijing Zhongguancun Store' }).waitFor();
      expect(await watched.missingTranslations()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      if (language === 'zh-CN') await screenshot(page, 'store-commitments');

      await page.goto(`${app.origin}/console/commitments/no-such-store`);
      await page.getByRole('alert').filter({ hasText: words.notFound }).waitFor();
      expect(watched.foreignRequests).toEqual([]);
      expect(sessionCalls).toEqual([]);
      expect(watched.consoleErrors.filter((error) => !/status of 4\d\d/.test(error))).toEqual([]);
    } finally {
      await watched.close();
    }
  },
  60000,
);
