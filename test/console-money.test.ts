import type { Page } from 'playwright-core';
import { screenshot, seriousAccessibilityViolations, type WatchedPage } from './support/browser';
import { DEMO_PASSWORD } from './support/console-app';
import { deliverEvents, type StripeServer } from './support/stripe-server';
import { Answer, data, expectClean, heading, manageHarness, signedIn, words, zhEnums } from './console-manage.support';

/**
 * The store manager's money in the browser with billing on, against the
 * local server speaking Stripe's wire format: a quote ordered, its payment
 * link, the customer paying on Stripe's page and the page showing it paid;
 * a refund refused on its field when too large, then asked and confirmed by
 * Stripe's event; the subscription page subscribing through its checkout
 * link, then changing plan; and what the pages say when the plan does not include something
 * (PLAN_LIMIT) or the store is read-only for an unpaid invoice
 * (PAYMENT_REQUIRED). The tests run in order on one store (bj-zgc).
 */
const h = manageHarness({ billing: true });
const MANAGER = 'manager@bj-zgc.example.com';
const enEnums = words('en', 'enums');
const enErrors = words('en', 'errors') as unknown as Record<string, string>;
const DAY = 24 * 3600_000;

const stripe = (): StripeServer => h.app.stripe!;
const moneyPath = (ticketId: string) => `manage/tickets/${encodeURIComponent(ticketId)}/money`;

/** Waits for the product (its worker, Stripe's events) to reach a state the API can tell. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ORDERS = `query($id: ID!) { ticket(id: $id) { orders { id state paymentUrl amountPaid { amountMinor } amountRefunded { amountMinor } refundable { amountMinor } refunds { state confirmedAt amount { amountMinor } } } } }`;
const ordersOf = async (ticketId: string): Promise<Answer[]> => (await data(h, ORDERS, { id: ticketId })).ticket.orders;
const SUBSCRIPTION = `{ storeSubscription { status standing subscribed plan { code } unpaidInvoiceUrl checkout { state url plan { code } } } }`;
const subscription = async (): Promise<Answer> => (await data(h, SUBSCRIPTION)).storeSubscription;

/** The session id at the end of a Checkout link (`.../checkout/pay/cs_test_...`). */
const sessionIdOf = (url: string) => url.split('/').pop()!;

/**
 * The manager's browser, one signed-in page per language for the whole file
 * (signing in is what costs; the pages are opened from their address as from
 * a bookmark).
 */
const pages = new Map<'zh-CN' | 'en', WatchedPage>(); // (closed with the browser, after the file)
async function openAs(language: 'zh-CN' | 'en', path: string): Promise<WatchedPage> {
  const signedInPage = pages.get(language);
  if (!signedInPage) {
    const watched = await signedIn(h, path, MANAGER, language);
    pages.set(language, watched);
    return watched;
  }
  await signedInPage.page.goto(`${h.app.origin}/console/${path}`);
  return signedInPage;
}

/** Every word found and nothing from another host; axe runs (`expectClean`) where a page shows something new. */
async function expectWordsAndHosts(watched: WatchedPage) {
  expect(await watched.missingTranslations()).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
}

let agentToken: string | null = null;

/** A walk-in repair ticket of a new customer, registered at the counter. */
async function newTicket(phone: string): Promise<{ id: string; number: string }> {
  const agent = (agentToken ??= await h.app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD));
  const registered = await data(
    h,
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Battery swells', newCustomer: { name: 'Pay', phone, email: `c${phone}@example.test` } } },
    agent,
  );
  return registered.registerTicket.ticket;
}

/** A sent quote of one line on the ticket, as the API gives it. */
async function sentQuote(ticketId: string, yuan: number): Promise<void> {
  const validUntil = new Date(h.app.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10);
  const created = await data(h, `mutation($i: CreateQuoteInput!) { createQuote(input: $i) { quote { id version } userErrors { code message } } }`, {
    i: { ticketId, validUntil, lines: [{ kind: 'PARTS', description: 'Battery', quantity: 1, unitPrice: { amountMinor: yuan * 100, currency: 'CNY' } }] },
  });
  expect(created.createQuote.userErrors).toEqual([]);
  const { quote } = created.createQuote;
  const sent = await data(h, `mutation($i: QuoteStepInput!) { sendQuote(input: $i) { userErrors { code message } } }`, {
    i: { quoteId: quote.id, expectedVersion: quote.version },
  });
  expect(sent.sendQuote.userErrors).toEqual([]);
}

let paidTicket: { id: string; number: string };

test('a quote is ordered, its payment link shown; the customer pays on Stripe and the money page shows it paid', async () => {
  paidTicket = await newTicket('13700006001');
  const watched = await openAs('zh-CN', moneyPath(paidTicket.id));
  const { page } = watched;
  await heading(page, `工单 ${paidTicket.number} 的费用`);
  await page.getByLabel('第 1 项：说明').fill('更换电池');
  await page.getByLabel('第 1 项：单价（元）').fill('300');
  await page.getByLabel('有效期至').fill(new Date(h.app.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10));
  await page.getByRole('button', { name: '创建报价' }).click();
  await page.getByRole('row').filter({ hasText: zhEnums.QuoteState.DRAFT }).getByRole('button', { name: '发送给客户' }).click();
  await page.getByRole('row').filter({ hasText: zhEnums.QuoteState.SENT }).getByRole('button', { name: '下单', exact: true }).click();
  const order = page.getByRole('row').filter({ hasText: zhEnums.ServiceOrderKind.QUOTE });
  await order.getByText(zhEnums.ServiceOrderState.DRAFT).waitFor();
  // The quote is ordered once: no second order is offered for it.
  expect(await page.getByRole('row').filter({ hasText: zhEnums.QuoteState.ACCEPTED }).getByRole('button', { name: '下单', exact: true }).count()).toBe(0);
  await order.getByRole('button', { name: '发起付款' }).click();
  await order.getByText(zhEnums.ServiceOrderState.AWAITING_PAYMENT).waitFor();

  // The worker creates the Checkout Session: its link appears on the order without a reload.
  const link = order.getByRole('link', { name: '付款链接' });
  await link.waitFor();
  const url = (await link.getAttribute('href'))!;
  expect(url.startsWith(`${stripe().url}/checkout/pay/cs_test_`)).toBe(true);
  const [awaiting] = await ordersOf(paidTicket.id);
  expect(awaiting).toMatchObject({ state: 'AWAITING_PAYMENT', paymentUrl: url });

  // The customer pays on Stripe's page; Stripe tells the api.
  await deliverEvents(h.app.origin, stripe().completeCheckoutSession(sessionIdOf(url)));
  await until(
    () => ordersOf(paidTicket.id),
    ([paid]) => paid.amountPaid?.amountMinor === 30000,
  );
  await order.getByText(zhEnums.ServiceOrderState.PAID).waitFor();
  await order.getByRole('cell', { name: '¥300.00' }).nth(1).waitFor();
  expect(await order.getByRole('link', { name: '付款链接' }).count()).toBe(0);
  await expectClean(watched);
  await screenshot(page, 'manage-money-paid');
}, 90000);

/** The order row of the ticket's quote order, and its refund dialog. */
async function refund(page: Page, amount: string, reason: string) {
  await page.getByRole('row').filter({ hasText: enEnums.ServiceOrderKind.QUOTE }).getByRole('button', { name: 'Refund', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount to refund (yuan)').fill(amount);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  return dialog;
}

test('a refund over what was paid is refused on its field; a partial one is asked of Stripe and shown confirmed after its event; the rest refunds the order', async () => {
  const watched = await openAs('en', moneyPath(paidTicket.id));
  const { page } = watched;
  await heading(page, `Money on ticket ${paidTicket.number}`);
  const order = page.getByRole('row').filter({ hasText: enEnums.ServiceOrderKind.QUOTE });
  await order.getByText(enEnums.ServiceOrderState.PAID).waitFor();

  // More than the ¥300.00 paid: the api's refusal, in the user's words, on the amount.
  const dialog = await refund(page, '400', 'Took longer than promised');
  const amountItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('Amount to refund (yuan)') });
  await amountItem.getByText(enErrors.REFUND_TOO_LARGE).waitFor();
  expect(await page.getByLabel('Amount to refund (yuan)').inputValue()).toBe('400.00'); // what was typed, not a silently lowered figure
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Amount to refund (yuan)').fill('100');
  await amountItem.getByText(enErrors.REFUND_TOO_LARGE).waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The worker asks Stripe; Stripe's events then confirm it.
  const [refunded] = await until(
    () => ordersOf(paidTicket.id),
    ([o]) => o.amountRefunded.amountMinor === 10000,
  );
  expect(refunded.refunds).toEqual([expect.objectContaining({ state: 'SUCCEEDED', confirmedAt: null })]);
  const stripeRefund = [...stripe().refunds.values()].find((r) => r.amount === 10000)!;
  await deliverEvents(h.app.origin, stripe().refundEvents(stripeRefund.id));
  await until(
    () => ordersOf(paidTicket.id),
    ([o]) => o.refunds[0].confirmedAt !== null,
  );
  await order.getByRole('cell', { name: 'CN¥100.00', exact: true }).waitFor();
  await order.getByRole('button', { name: 'Expand row' }).click();
  await page.getByText(/^Refund of CN¥100\.00 \(Refunded\), .+: Took longer than promised Confirmed by Stripe on .+\.$/).waitFor();

  // Empty amount: all that is left (¥200.00).
  const rest = await refund(page, '', 'Customer cancelled the repair');
  await rest.waitFor({ state: 'detached' });
  await order.locator('.ant-tag').getByText(enEnums.ServiceOrderState.REFUNDED, { exact: true }).waitFor();
  await order.getByRole('cell', { name: 'CN¥300.00', exact: true }).nth(2).waitFor();
  expect(await order.getByRole('button', { name: 'Refund', exact: true }).count()).toBe(0);
  const [whole] = await ordersOf(paidTicket.id);
  expect(whole).toMatchObject({ state: 'REFUNDED', amountRefunded: { amountMinor: 30000 }, refundable: { amountMinor: 0 } });
  await expectWordsAndHosts(watched);
}, 90000);

let sessionId: string;

test('the subscription page shows the trial plan; subscribing to Basic shows its checkout link; paid on Stripe, the page shows the new plan', async () => {
  const watched = await openAs('zh-CN', 'manage/subscription');
  const { page } = watched;
  await heading(page, '订阅与套餐');
  await page.getByRole('cell', { name: zhEnums.SubscriptionStatus.TRIALING }).waitFor();
  await page.getByRole('cell', { name: '专业版' }).waitFor();
  const basic = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 3, name: '基础版' }) });
  await basic.getByRole('button', { name: '订阅 基础版' }).click();

  // The worker creates the Checkout Session; the page shows its link as soon as it is there.
  const link = page.getByRole('link', { name: '打开付款页面' });
  await link.waitFor();
  const url = (await link.getAttribute('href'))!;
  expect(url.startsWith(`${stripe().url}/checkout/pay/cs_test_`)).toBe(true);
  expect(await link.getAttribute('target')).toBe('_blank');
  await page.getByText(`套餐 基础版：${zhEnums.SubscriptionCheckoutState.OPEN}`).waitFor();
  expect((await subscription()).checkout).toMatchObject({ state: 'OPEN', url, plan: { code: 'BASIC' } });

  // The manager pays on Stripe's page (another tab); the subscription arrives by Stripe's events.
  sessionId = sessionIdOf(url);
  await deliverEvents(h.app.origin, stripe().completeCheckoutSession(sessionId));
  await until(subscription, (s) => s.subscribed && s.plan.code === 'BASIC');
  await page.getByRole('cell', { name: '基础版' }).waitFor();
  await link.waitFor({ state: 'detached' });
  await basic.getByText('当前套餐').waitFor();
  // Subscribed: no second subscription is offered (it would bill the store twice).
  expect(await page.getByRole('button', { name: /^订阅 / }).count()).toBe(0);
  await expectClean(watched);
}, 60000);

test('PLAN_LIMIT: ordering on Basic says the plan does not include it and leads to the subscription page', async () => {
  const ticket = await newTicket('13700006002');
  await sentQuote(ticket.id, 120);
  const watched = await openAs('en', moneyPath(ticket.id));
  const { page } = watched;
  await heading(page, `Money on ticket ${ticket.number}`);
  await page.getByRole('row').filter({ hasText: enEnums.QuoteState.SENT }).getByRole('button', { name: 'Order it' }).click();
  await page.getByRole('alert').getByText(words('en', 'common').errors.PLAN_LIMIT.replace('{{plans}}', 'PRO')).waitFor();
  const hint = page.getByTestId('billing-problem-hint');
  await hint.getByText('What each plan includes is under Subscription and plan.').waitFor();
  expect(await ordersOf(ticket.id)).toEqual([]);
  await expectClean(watched);
  await hint.getByRole('link', { name: 'Open Subscription and plan' }).click();
  await heading(page, 'Subscription and plan');
}, 60000);

test("a subscribed store changes plan in zh-CN: the confirmation says Stripe prorates, the change shows pending, Stripe's event brings the new plan, and a downgrade too small is refused", async () => {
  const subscriptionId = String(stripe().sessions.get(sessionId)!.subscription);
  const watched = await openAs('zh-CN', 'manage/subscription');
  const { page } = watched;
  await heading(page, '订阅与套餐');
  await page.getByRole('cell', { name: '基础版' }).waitFor();
  const basic = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 3, name: '基础版' }) });
  const pro = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 3, name: '专业版' }) });
  await basic.getByText('当前套餐').waitFor();
  // The plan in force offers no change; the other does.
  expect(await basic.getByRole('button', { name: '更换为此套餐' }).count()).toBe(0);
  await pro.getByRole('button', { name: '更换为此套餐' }).click();
  await page.getByText('将订阅更换为专业版？差额由 Stripe 按比例计入下一张账单。').waitFor();
  await page.getByRole('button', { name: '更换套餐' }).click();

  // Pending until Stripe's event: the worker swaps the price at Stripe meanwhile.
  await page.getByText(/^正在更换为专业版：/).waitFor();
  await pro.getByText('正在更换为此套餐').waitFor();
  const updates = await until(
    async () => stripe().requestsTo(`/v1/subscriptions/${subscriptionId}`, 'POST'),
    (requests) => requests.length > 0,
  );
  expect(updates).toHaveLength(1);
  expect(updates[0].params).toMatchObject({ proration_behavior: 'create_prorations', metadata: { aftersales_plan: 'PRO' } });
  await expectClean(watched);

  await deliverEvents(h.app.origin, stripe().subscriptionUpdatedEvents(subscriptionId));
  await until(subscription, (s) => s.plan.code === 'PRO');
  await page.getByRole('cell', { name: '专业版' }).waitFor();
  await pro.getByText('当前套餐').waitFor();
  await page.getByText(/^正在更换为专业版：/).waitFor({ state: 'detached' });
  // The plan left behind is now the one on offer; with more staff than Basic's seats, going back is refused in its code's words.
  for (const n of [1, 2]) {
    const created = await data(h, `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { userErrors { code } } }`, {
      input: { email: `extra${n}@bj-zgc.example.com`, name: `Extra ${n}`, role: 'STORE_AGENT' },
    });
    expect(created.createStaffUser.userErrors).toEqual([]);
  }
  await basic.getByRole('button', { name: '更换为此套餐' }).click();
  await page.getByText('将订阅更换为基础版？差额由 Stripe 按比例计入下一张账单。').waitFor();
  await page.getByRole('button', { name: '更换套餐' }).click();
  await page.getByRole('alert').getByText(words('zh-CN', 'manage').subscription.downgradeTooBig).waitFor();
  expect((await subscription()).plan.code).toBe('PRO');
  await expectWordsAndHosts(watched);
}, 60000);

test('PAYMENT_REQUIRED: read-only after the grace period, a change on the money page says to pay and links the invoice; the subscription page says the same', async () => {
  const subscriptionId = String(stripe().sessions.get(sessionId)!.subscription);
  await deliverEvents(h.app.origin, stripe().failRenewal(subscriptionId));
  // The renewal's events come one by one: the subscription turns PAST_DUE before the failed invoice's link arrives.
  const pastDue = await until(subscription, (s) => s.status === 'PAST_DUE' && s.unpaidInvoiceUrl !== null);
  h.app.clock.advance(8 * DAY);
  // Access tokens live 15 minutes: the manager signs in again after the days pass.
  h.manager = await h.app.api.login('bj-zgc', MANAGER, DEMO_PASSWORD);
  expect(await subscription()).toMatchObject({ standing: 'READ_ONLY', unpaidInvoiceUrl: pastDue.unpaidInvoiceUrl });

  const watched = await openAs('zh-CN', moneyPath(paidTicket.id));
  const { page } = watched;
  await heading(page, `工单 ${paidTicket.number} 的费用`);
  await page.getByLabel('第 1 项：说明').fill('屏幕');
  await page.getByLabel('第 1 项：单价（元）').fill('500');
  await page.getByLabel('有效期至').fill(new Date(h.app.clock.now().getTime() + 7 * DAY).toISOString().slice(0, 10));
  await page.getByRole('button', { name: '创建报价' }).click();
  await page.getByRole('alert').getByText(words('zh-CN', 'common').errors.PAYMENT_REQUIRED).waitFor();
  const hint = page.getByTestId('billing-problem-hint');
  await hint.getByText('付清逾期款项或订阅套餐后即可继续修改。').waitFor();
  expect(await hint.getByRole('link', { name: '支付账单' }).getAttribute('href')).toBe(pastDue.unpaidInvoiceUrl);
  // What was typed stays, ready to send again once paid.
  expect(await page.getByLabel('第 1 项：说明').inputValue()).toBe('屏幕');
  await expectWordsAndHosts(watched);

  await hint.getByRole('link', { name: '前往“订阅与套餐”' }).click();
  await heading(page, '订阅与套餐');
  await page.getByText(/^门店自 .+ 起为只读：付清逾期款项前无法修改任何内容。/).waitFor();
  await page.getByRole('cell', { name: zhEnums.SubscriptionStatus.PAST_DUE }).waitFor();
  expect(await page.getByRole('link', { name: '支付账单' }).getAttribute('href')).toBe(pastDue.unpaidInvoiceUrl);
  await expectClean(watched);
}, 60000);

test('in en, the read-only store pays its open invoice on Stripe and the page shows it in good standing; once the subscription ends, the page offers a new one and subscribing opens its checkout', async () => {
  const subscriptionId = String(stripe().sessions.get(sessionId)!.subscription);
  const { unpaidInvoiceUrl } = await subscription();
  expect(unpaidInvoiceUrl).toBeTruthy();
  const watched = await openAs('en', 'manage/subscription');
  const { page } = watched;
  await heading(page, 'Subscription and plan');
  await page.getByRole('cell', { name: enEnums.SubscriptionStatus.PAST_DUE }).waitFor();
  expect(await page.getByRole('link', { name: 'Pay the invoice' }).getAttribute('href')).toBe(unpaidInvoiceUrl);
  await expectClean(watched);

  // Paid on Stripe's invoice page: Stripe's events bring the store back to good standing.
  await deliverEvents(h.app.origin, stripe().payOpenInvoice(subscriptionId));
  await until(subscription, (s) => s.status === 'ACTIVE' && s.standing === 'FULL');
  await page.reload();
  await heading(page, 'Subscription and plan');
  await page.getByRole('cell', { name: enEnums.SubscriptionStatus.ACTIVE }).waitFor();
  await page.getByText('The store is in good standing.').waitFor();
  expect(await page.getByRole('link', { name: 'Pay the invoice' }).count()).toBe(0);
  // A live subscription changes plan; it is not subscribed to twice.
  expect(await page.getByRole('button', { name: /^Subscribe to / }).count()).toBe(0);

  // The subscription ends on Stripe: the page offers subscribing again, and subscribing opens a new checkout.
  await deliverEvents(h.app.origin, stripe().cancelSubscription(subscriptionId));
  await until(subscription, (s) => s.status === 'CANCELED');
  await page.reload();
  await page.getByRole('cell', { name: enEnums.SubscriptionStatus.CANCELED }).waitFor();
  const pro = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 3, name: 'Pro' }) });
  await pro.getByRole('button', { name: 'Subscribe to Pro' }).click();
  const link = page.getByRole('link', { name: 'Open the checkout page to pay' });
  await link.waitFor();
  const url = (await link.getAttribute('href'))!;
  expect(sessionIdOf(url)).not.toBe(sessionId);
  expect((await subscription()).checkout).toMatchObject({ state: 'OPEN', url, plan: { code: 'PRO' } });
  await page.getByText(`Plan Pro: ${enEnums.SubscriptionCheckoutState.OPEN}`).waitFor();
  await expectClean(watched);
}, 60000);
