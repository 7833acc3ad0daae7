import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, WatchedPage } from './support/browser';
import { ConsoleApp, DEMO_PASSWORD, signInThroughPage, startConsoleApp } from './support/console-app';

/**
 * The store desk as the agent at the counter and the technician use it, in a
 * real browser against the real api and worker on the demo network: a
 * walk-in registered by keyboard alone (the warranty decision shown before
 * saving), assigned, a part ordered and its date slipped (the customer's
 * status shows the slip with its reason), resolved and closed, then found
 * again from the search box by number, phone and serial. A move the ticket
 * may not make is never offered; a colleague's change is never overwritten;
 * a network failure loses nothing typed. (The pages in zh-CN and en:
 * console-desk-pages.test.ts.)
 */
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

const signIn = (page: Page, language: 'en' | 'zh-CN', tenant: string, email: string) => signInThroughPage(page, app, language, tenant, email);

/** A day in the store's calendar (Asia/Shanghai), `days` after the api's today. */
function storeDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(app.clock.now().getTime() + days * 86400000));
}

async function focusedLabel(page: Page): Promise<string> {
  // (Page code is written as text: it runs in the browser, not in this process.)
  const text = await page.evaluate<string>(`(() => {
    const element = document.activeElement;
    if (!element) return '';
    const label = element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
    return (label && label.textContent) || element.getAttribute('aria-label') || element.textContent || '';
  })()`);
  return text.replace(/\(optional\)$/, '');
}

async function ticketIdByNumber(token: string, number: string): Promise<string> {
  const found = await app.api.gql(`query($n: String!) { tickets(first: 1, number: $n) { edges { node { id } } } }`, { n: number }, token);
  return found.body.data.tickets.edges[0].node.id;
}

describe('the desk story', () => {
  const phone = '13911112222';
  const serial = 'SN-DESK-STORY-01';
  const email = 'wang.fang@example.com';
  let number = '';
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    watched = await openPage(browser, app.origin, { language: 'en' });
    page = watched.page;
    await signIn(page, 'en', 'bj-zgc', 'agent1@bj-zgc.example.com');
    await page.getByRole('heading', { level: 2, name: 'Work queue' }).waitFor();
  }, 60000);

  afterAll(async () => {
    await watched?.close();
  });

  test('the agent registers a walk-in by keyboard alone, the warranty decision shown before saving', async () => {
    {
      await page.goto(`${app.origin}/console/desk/register`);
      await page.getByRole('heading', { level: 2, name: 'Register a walk-in' }).waitFor();
      await page.getByText('Pick a device, or give the new device').waitFor();

      // The phone field has the focus; the rest is typed and tabbed through.
      await page.getByRole('combobox', { name: 'Phone', exact: true }).waitFor();
      expect(await focusedLabel(page)).toBe('Phone');
      await page.keyboard.type(phone);
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Name');
      await page.keyboard.type('Wang Fang');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('E-mail');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Serial number');
      await page.keyboard.type(serial);
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Product model');
      await page.keyboard.type('XBook 14');
      await page.locator('.ant-select-item-option').filter({ hasText: 'XBook 14 (2026) (XB-14-2026)' }).waitFor();
      await page.keyboard.press('Enter');
      await page
        .locator('.ant-select')
        .filter({ has: page.locator('#modelId') })
        .getByTitle('XBook 14 (2026) (XB-14-2026)')
        .waitFor();
      // As a person does, Tab once the list of models has closed (a key pressed while it is open goes to the list).
      await page.locator('#modelId[aria-expanded="false"]').waitFor();
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Purchase date');
      await page.keyboard.type(storeDay(-40));
      // Before anything is saved, the counter sees the decision: 40 days after purchase, a free repair.
      await page.getByText('Repair under warranty: free of charge').waitFor();
      const tickets = await app.api.gql(
        `{ tickets(first: 5) { edges { node { id } } } }`,
        {},
        await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD),
      );
      expect(tickets.body.data.tickets.edges).toEqual([]);
      await page.keyboard.press('Tab'); // bought at (this store)
      expect(await focusedLabel(page)).toBe('Bought at');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Invoice number');
      await page.keyboard.type('INV-778899');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Type');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Problem, as the customer tells it');
      await page.keyboard.type('The laptop shuts down after ten minutes.');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Fault category');
      await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe('Priority');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      const heading = page.getByRole('heading', { level: 2, name: /^Ticket / });
      await heading.waitFor();
      number = /Ticket (\S+)/.exec((await heading.textContent()) ?? '')![1];
      expect(number).toMatch(/-\d{4}-\d+/);
      await page.getByText('Wang Fang · 13911112222').waitFor();
      await page.getByText(`XBook 14 (2026) · ${serial}`).waitFor();
      expect(watched.foreignRequests).toEqual([]);
    }
  }, 90000);

  test('a new ticket offers only its allowed moves: never Closed', async () => {
    {
      const token = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
      const id = await ticketIdByNumber(token, number);
      await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(id)}`);
      await page.getByRole('heading', { level: 2, name: `Ticket ${number}` }).waitFor();
      const moves = await page.locator('[data-move-to]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-move-to')));
      const allowed = (await app.api.gql(`query($id: ID!) { ticket(id: $id) { status allowedTransitions } }`, { id }, token)).body.data.ticket;
      expect(allowed.status).toBe('NEW');
      expect(moves.sort()).toEqual([...allowed.allowedTransitions].sort());
      expect(moves).not.toContain('CLOSED');
      expect(moves).not.toContain('RESOLVED');
      expect(await page.getByRole('button', { name: 'Move to: Closed' }).count()).toBe(0);
    }
  }, 60000);

  test('assigned to the technician, a part ordered and its date slipped with a reason, the customer sees the slip; resolved and closed', async () => {
    {
      const token = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
      const id = await ticketIdByNumber(token, number);
      await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(id)}`);
      await page.getByRole('heading', { level: 2, name: `Ticket ${number}` }).waitFor();

      // Assign to the technician.
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      const assign = page.getByRole('dialog', { name: 'Assign' });
      await assign.getByLabel('Colleague').click();
      await page.keyboard.type('Zhao Lei');
      await page.locator('.ant-select-item-option').filter({ hasText: 'Zhao Lei (Technician)' }).waitFor();
      await page.keyboard.press('Enter');
      await assign.getByTitle('Zhao Lei (Technician)').waitFor();
      await page.locator('.ant-select-dropdown').filter({ hasText: 'Zhao Lei (Technician)' }).waitFor({ state: 'hidden' });
      await assign.getByRole('button', { name: 'Assign' }).click();
      await assign.waitFor({ state: 'detached' });
      await page.locator('[data-ticket-status="ASSIGNED"]').waitFor();
      await page.getByText('Zhao Lei', { exact: true }).waitFor();

      // The work starts.
      await page.getByRole('button', { name: 'Move to: In progress' }).click();
      const start = page.getByRole('dialog', { name: 'Move to: In progress' });
      await start.getByRole('button', { name: 'Move' }).click();
      await start.waitFor({ state: 'detached' });
      await page.locator('[data-ticket-status="IN_PROGRESS"]').waitFor();

      // The customer is called and a note is left for colleagues.
      await page.getByRole('button', { name: 'Record a customer contact' }).click();
      const contact = page.getByRole('dialog', { name: 'Record a customer contact' });
      await contact.getByLabel('What was said').fill('Told her the fan needs replacing.');
      await contact.getByRole('button', { name: 'Record' }).click();
      await contact.waitFor({ state: 'detached', timeout: 15000 }).catch(async (error) => {
        throw new Error(`${error}\n${await contact.innerText()}`);
      });
      await page.getByRole('button', { name: 'Add a note' }).click();
      const note = page.getByRole('dialog', { name: 'Add a note' });
      await note.getByLabel('Note', { exact: true }).fill('Dust in the fan; check the heat sink too.');
      await note.getByRole('button', { name: 'Add' }).click();
      await note.waitFor({ state: 'detached' });
      await page.getByRole('region', { name: 'Timeline' }).getByText('Dust in the fan; check the heat sink too.').waitFor();

      // A part is ordered with its expected date.
      await page.getByRole('button', { name: 'Order a part' }).click();
      const order = page.getByRole('dialog', { name: 'Order a part' });
      await order.getByLabel('Part, in words the customer understands').fill('Cooling fan');
      await order.getByLabel('Part number').fill('FAN-XB14');
      await order.getByLabel('Supplier').fill('Lianbao Parts');
      await order.getByLabel('Expected on').fill(storeDay(3));
      await order.getByRole('button', { name: 'Order' }).click();
      await order.waitFor({ state: 'detached' });
      const part = page.locator('[data-part="FAN-XB14"]');
      await part.getByText('Cooling fan').waitFor();

      // The date slips: the form says the customer will be told.
      await part.getByRole('button', { name: 'Change the expected date' }).click();
      const slip = page.getByRole('dialog', { name: 'New expected date for Cooling fan' });
      await slip.getByText('The customer will be told the new date and the reason.').waitFor();
      await slip.getByLabel('New expected date').fill(storeDay(8));
      await slip.getByLabel('Reason (as the supplier said)').fill('The supplier ran out of fans');
      await slip.getByRole('button', { name: 'Change the date' }).click();
      await slip.waitFor({ state: 'detached' });
      await part.getByText(/— The supplier ran out of fans$/).waitFor();

      // The customer's status (from the link in their e-mail) shows the slip with its reason.
      const deadline = Date.now() + 20000;
      let statusToken: string | null = null;
      while (!statusToken && Date.now() < deadline) {
        const mail = app.smtp.messages.find((message) => message.to.includes(email) && /\/console\/status\/[A-Za-z0-9_-]+/.test(message.text));
        statusToken = mail ? /\/console\/status\/([A-Za-z0-9_-]+)/.exec(mail.text)![1] : null;
        if (!statusToken) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(statusToken).toBeTruthy();
      const status = await app.api.gql(
        `query($t: String!) { customerTicketStatus(token: $t) { ticketNumber promiseHistory { kind date previousDate reason } parts { description } } }`,
        { t: statusToken },
        null,
      );
      expect(status.body.errors).toBeUndefined();
      expect(status.body.data.customerTicketStatus.ticketNumber).toBe(number);
      expect(status.body.data.customerTicketStatus.promiseHistory).toEqual(
        expect.arrayContaining([expect.objectContaining({ date: storeDay(8), previousDate: storeDay(3), reason: 'The supplier ran out of fans' })]),
      );
      // ...and the customer reads it on their phone, from that link, before having to call.
      const customer = await openPage(browser, app.origin, { language: 'en', viewport: { width: 390, height: 844 } });
      try {
        await customer.page.goto(`${app.origin}/console/status/${statusToken}`);
        const slipSeen = customer.page.locator('[data-change="PART_DATE_CHANGED"]');
        await slipSeen.waitFor();
        await expect(slipSeen.innerText()).resolves.toContain('The supplier ran out of fans');
        await expect(customer.page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(number);
        expect(customer.foreignRequests).toEqual([]);
      } finally {
        await customer.close();
      }

      // Resolved, saying what was done; then closed.
      await page.getByRole('button', { name: 'Move to: Resolved' }).click();
      const resolve = page.getByRole('dialog', { name: 'Move to: Resolved' });
      await resolve.getByRole('button', { name: 'Move' }).click();
      await resolve.getByText('This move needs a few words').waitFor();
      await resolve.getByLabel('What was done to resolve it').fill('Replaced the cooling fan; stress-tested for an hour.');
      await resolve.getByRole('button', { name: 'Move' }).click();
      await resolve.waitFor({ state: 'detached' });
      await page.locator('[data-ticket-status="RESOLVED"]').waitFor();
      await page.getByText('Replaced the cooling fan; stress-tested for an hour.', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Move to: Closed' }).click();
      const closing = page.getByRole('dialog', { name: 'Move to: Closed' });
      await closing.getByRole('button', { name: 'Move' }).click();
      await closing.waitFor({ state: 'detached' });
      await page.locator('[data-ticket-status="CLOSED"]').waitFor();
      const saved = (
        await app.api.gql(
          `query($id: ID!) { ticket(id: $id) { status resolution assignee { name } partsOrders { expectedOn dateChanges { reason } } } }`,
          { id },
          token,
        )
      ).body.data.ticket;
      expect(saved).toEqual({
        status: 'CLOSED',
        resolution: 'Replaced the cooling fan; stress-tested for an hour.',
        assignee: { name: 'Zhao Lei' },
        partsOrders: [{ expectedOn: storeDay(8), dateChanges: [{ reason: 'The supplier ran out of fans' }] }],
      });
      expect(watched.foreignRequests).toEqual([]);
    }
  }, 90000);

  test('found again from the search box by number, phone and serial', async () => {
    {
      for (const query of [number, phone, serial]) {
        await page.getByRole('navigation', { name: 'Menu' }).getByText('Work queue').click();
        await page.getByRole('heading', { level: 2, name: 'Work queue' }).waitFor();
        const box = page.getByLabel('Find a ticket by number, phone or serial');
        await box.fill(query);
        await box.press('Enter');
        await page.getByRole('heading', { level: 2, name: `Ticket ${number}` }).waitFor();
      }
      // Nothing found is said so.
      const box = page.getByLabel('Find a ticket by number, phone or serial');
      await box.fill('NO-SUCH-THING');
      await box.press('Enter');
      await page.getByText('No ticket found.').waitFor();
    }
  }, 60000);
  test('a colleague changed the ticket meanwhile: nothing is overwritten, the page offers to reload it', async () => {
    const token = await app.api.login('bj-zgc', 'agent2@bj-zgc.example.com', DEMO_PASSWORD);
    const registered = await app.api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } } }`,
      { i: { channel: 'PHONE', type: 'INQUIRY', problem: 'Does the warranty cover the battery?', newCustomer: { name: 'Zhou Min', phone: '13600001111' } } },
      token,
    );
    const { id, number: staleNumber } = registered.body.data.registerTicket.ticket;
    await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { level: 2, name: `Ticket ${staleNumber}` }).waitFor();
    const staff = await app.api.gql(`{ staffUsers(first: 20) { edges { node { id email } } } }`, {}, token);
    const agent2 = staff.body.data.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email === 'agent2@bj-zgc.example.com').node.id;
    await app.api.gql(
      `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`,
      { i: { ticketId: id, assigneeId: agent2 } },
      token,
    );
    await page.getByRole('button', { name: 'Move to: Cancelled' }).click();
    const cancel = page.getByRole('dialog', { name: 'Move to: Cancelled' });
    await cancel.getByLabel('Why').fill('Asked twice');
    await cancel.getByRole('button', { name: 'Move' }).click();
    await cancel.waitFor({ state: 'detached' });
    const alert = page.getByRole('alert').filter({ hasText: 'A colleague changed this ticket meanwhile' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Reload' }).click();
    await page.locator('[data-ticket-status="ASSIGNED"]').waitFor();
    await alert.waitFor({ state: 'detached' });
    expect((await app.api.gql(`query($id: ID!) { ticket(id: $id) { status } }`, { id }, token)).body.data.ticket.status).toBe('ASSIGNED');
  }, 60000);

  test('a visit is scheduled with its window and technician, and the repair is dispatched to a partner', async () => {
    const token = await app.api.login('bj-zgc', 'agent1@bj-zgc.example.com', DEMO_PASSWORD);
    const registered = await app.api.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id number } } }`,
      {
        i: {
          channel: 'PHONE',
          type: 'REPAIR',
          problem: 'The desktop does not start.',
          newCustomer: { name: 'He Tao', phone: '13500002222', address: '8 Demo Street, Haidian' },
        },
      },
      token,
    );
    const { id, number: visitNumber } = registered.body.data.registerTicket.ticket;
    await page.goto(`${app.origin}/console/desk/tickets/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { level: 2, name: `Ticket ${visitNumber}` }).waitFor();

    await page.getByRole('button', { name: 'Schedule a visit' }).click();
    const visit = page.getByRole('dialog', { name: 'Schedule a visit' });
    await visit.getByText("Times are in the store's time zone (Asia/Shanghai).").waitFor();
    await visit.getByLabel('Window from').fill(`${storeDay(1)} 10:00`);
    await visit.getByLabel('Window until').fill(`${storeDay(1)} 12:00`);
    await visit.getByLabel('Technician', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Zhao Lei' }).waitFor();
    await page.keyboard.press('Enter');
    await visit.getByTitle('Zhao Lei').waitFor();
    await page.locator('.ant-select-dropdown').filter({ hasText: 'Zhao Lei' }).waitFor({ state: 'hidden' });
    expect(await visit.getByLabel('Address').inputValue()).toBe('8 Demo Street, Haidian');
    await visit.getByRole('button', { name: 'Schedule' }).click();
    await visit.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Visits' })
      .getByText(/Zhao Lei, 8 Demo Street, Haidian/)
      .waitFor();

    await page.getByRole('button', { name: 'Dispatch to a partner' }).click();
    const dispatch = page.getByRole('dialog', { name: 'Dispatch to a partner' });
    await dispatch.getByLabel('Partner', { exact: true }).click();
    const partner = page.locator('.ant-select-item-option').first();
    await partner.waitFor();
    const partnerName = (await partner.textContent()) ?? '';
    await page.keyboard.press('Enter');
    await dispatch.getByTitle(partnerName).waitFor();
    await page.locator('.ant-select-dropdown').filter({ hasText: partnerName }).waitFor({ state: 'hidden' });
    await dispatch.getByLabel('Note for the partner').fill('Power supply suspected.');
    await dispatch.getByRole('button', { name: 'Dispatch' }).click();
    await dispatch.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Dispatches to partners' }).getByText(partnerName, { exact: false }).waitFor();
    const saved = (
      await app.api.gql(`query($id: ID!) { ticket(id: $id) { appointments { windowStart technician { name } } dispatches { partnerStatus } } }`, { id }, token)
    ).body.data.ticket;
    expect(saved.appointments).toEqual([{ windowStart: new Date(`${storeDay(1)}T10:00:00+08:00`).toISOString(), technician: { name: 'Zhao Lei' } }]);
    expect(saved.dispatches).toHaveLength(1);
  }, 60000);

  test('a network failure while saving keeps everything typed', async () => {
    await page.goto(`${app.origin}/console/desk/register`);
    await page.getByRole('combobox', { name: 'Phone', exact: true }).waitFor();
    await page.keyboard.type('13512340000');
    await page.getByLabel('Name', { exact: true }).fill('Sun Li');
    await page.getByLabel('Problem, as the customer tells it').fill('The keyboard misses keys.');
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('DeskRegisterTicket') ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('button', { name: 'Register the ticket' }).click();
    await page.getByRole('alert').getByText('The network failed. What you typed is kept').waitFor();
    await page.unroute('**/graphql');
    expect(await page.getByRole('combobox', { name: 'Phone', exact: true }).inputValue()).toBe('13512340000');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Sun Li');
    expect(await page.getByLabel('Problem, as the customer tells it').inputValue()).toBe('The keyboard misses keys.');
    // Trying again once the network is back registers it.
    await page.getByRole('button', { name: 'Register the ticket' }).click();
    await page.getByRole('heading', { level: 2, name: /^Ticket / }).waitFor();
  }, 60000);
});
