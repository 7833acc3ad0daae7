import { screenshot, seriousAccessibilityViolations } from './support/browser';
import { DEMO_PASSWORD } from './support/console-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { confirmed, data, expectClean, heading, manageHarness, signedIn, spaced, waitFor, words, zhEnums } from './console-manage.support';

/**
 * The store manager's pages that deal with other systems and money, in the
 * browser: a webhook endpoint with its delivery log and replay, prices inside
 * HQ's range, and the money on a ticket.
 */
const h = manageHarness();
test('webhooks: an endpoint is created with its secret shown once, a ticket is delivered to it and shown in its log, and replayed', async () => {
  const receiver = await WebhookReceiver.start();
  h.receivers.push(receiver);
  const watched = await signedIn(h, 'manage/webhooks', 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, 'Webhook');
    await page.getByRole('button', { name: '添加端点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('说明').fill('ERP');
    await dialog.getByRole('button', { name: spaced('创建') }).click();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await page.getByRole('button', { name: '我已保存' }).click();
    // The secret's dialog closes with an animation that keeps its frame over the page until it ends.
    await page.locator('.ant-modal-wrap').filter({ visible: true }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: `${receiver.url} ERP` }).waitFor();

    const agent = await h.app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
    await data(
      h,
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`,
      { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Nobody called back', newCustomer: { name: 'Hook', phone: '13700004444' } } },
      agent,
    );
    await waitFor(() => receiver.accepted().length === 1);

    await page.getByRole('button', { name: `投递记录：${receiver.url}` }).click();
    const drawer = page.getByRole('dialog');
    const delivered = drawer.getByRole('row').filter({ hasText: zhEnums.WebhookEventType.TICKET_CREATED });
    await delivered.getByText(zhEnums.ScheduledActionState.DONE).waitFor();
    await delivered.getByRole('button', { name: /^重放：/ }).click();
    await drawer.getByRole('status').getByText('已重新发送').waitFor();
    await waitFor(() => receiver.accepted().length === 2);
    expect(receiver.accepted()[1].webhookId).toBe(receiver.accepted()[0].webhookId);
    await drawer.getByRole('row').filter({ hasText: '重新发送' }).getByText(zhEnums.ScheduledActionState.DONE).waitFor({ timeout: 10000 });
    expect(await drawer.getByRole('row').filter({ hasText: zhEnums.WebhookEventType.TICKET_CREATED }).count()).toBe(2);
    await expectClean(watched);
    await screenshot(page, 'manage-webhooks');
  } finally {
    await watched.close();
  }
}, 60000);

test('prices: a price outside HQ range is refused on its field with the range; one inside is saved', async () => {
  const services = await data(h, `{ paidServices(first: 10) { edges { node { id nameEn minPrice { amountMinor } maxPrice { amountMinor } } } } }`);
  const service = services.paidServices.edges[0].node;
  const watched = await signedIn(h, 'manage/prices', 'manager@bj-zgc.example.com', 'en');
  try {
    const { page } = watched;
    await heading(page, 'Prices');
    const price = page.getByLabel(`Our price of ${service.nameEn}`);
    await price.fill(String(service.maxPrice.amountMinor / 100 + 1));
    await page.getByRole('button', { name: `Save: ${service.nameEn}` }).click();
    await page.getByText("Outside HQ's range: the price must be").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const inside = Math.round((service.minPrice.amountMinor + service.maxPrice.amountMinor) / 200);
    await price.fill(String(inside));
    await page.getByRole('button', { name: `Save: ${service.nameEn}` }).click();
    await confirmed(page, 'Saved');
    await page.getByText("Outside HQ's range").waitFor({ state: 'detached' });
    const offer = await data(h, `query($id: ID!) { paidService(id: $id) { storeOffer { price { amountMinor } } } }`, { id: service.id });
    expect(offer.paidService.storeOffer.price.amountMinor).toBe(inside * 100);
    await expectClean(watched);
  } finally {
    await watched.close();
  }
}, 60000);

test('money on a ticket: a quote is created and sent; ordering is refused with the reason when billing is off; the quote is withdrawn with a reason', async () => {
  const agent = await h.app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
  const registered = await data(
    h,
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } userErrors { code } } }`,
    { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Battery swells', newCustomer: { name: 'Quote', phone: '13700005555' } } },
    agent,
  );
  const ticket = registered.registerTicket.ticket;
  const watched = await signedIn(h, `manage/tickets/${encodeURIComponent(ticket.id)}/money`, 'manager@bj-zgc.example.com');
  try {
    const { page } = watched;
    await heading(page, `工单 ${ticket.number} 的费用`);
    await page.getByLabel('第 1 项：说明').fill('电池');
    await page.getByLabel('第 1 项：单价（元）').fill('300');
    await page.getByLabel('有效期至').fill(new Date(h.app.clock.now().getTime() + 7 * 86400000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: '创建报价' }).click();
    const quote = page.getByRole('row').filter({ hasText: zhEnums.QuoteState.DRAFT });
    await quote.getByText('¥300.00').waitFor();
    await quote.getByRole('button', { name: '发送给客户' }).click();
    const sent = page.getByRole('row').filter({ hasText: zhEnums.QuoteState.SENT });
    // This platform bills nobody (no payment provider): ordering is refused, and the page says why.
    await sent.getByRole('button', { name: '下单', exact: true }).click();
    await page.getByRole('alert').getByText(words('zh-CN', 'common').errors.BILLING_DISABLED).waitFor();
    await sent.getByRole('button', { name: '撤回' }).click();
    await page.getByRole('dialog').getByLabel('原因').fill('客户改主意');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: spaced('确认') })
      .click();
    await page.getByRole('row').filter({ hasText: zhEnums.QuoteState.WITHDRAWN }).waitFor();
    const money = await data(h, `query($id: ID!) { ticket(id: $id) { quotes { state reason total { amountMinor } } orders { id } } }`, { id: ticket.id });
    expect(money.ticket).toEqual({ quotes: [{ state: 'WITHDRAWN', reason: '客户改主意', total: { amountMinor: 30000 } }], orders: [] });
    await expectClean(watched);
    await screenshot(page, 'manage-money');
  } finally {
    await watched.close();
  }
}, 60000);
