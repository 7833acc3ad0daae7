import { ManualClock } from '../core/clock';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * Due times as people read them, on a ticket's clocks, its timeline and the
 * staff's e-mails: N working days is the same time of day on the Nth working
 * day (placed inside that day's hours), and a deadline at the close of
 * business is announced as that close, not as the next opening. Store A keeps
 * the common retail week: weekdays 09:00-12:00 and 13:30-18:00, Saturdays
 * 10:00-16:00. 2 December 2026 is a Wednesday.
 */
const clock = new ManualClock(new Date('2026-12-02T09:30:00+08:00'));
let desk: WorkerDesk;

const at = (local: string) => new Date(`${local}+08:00`);
const gql = (query: string, variables?: Record<string, unknown>) => desk.gql(query, variables);
const drain = () => desk.drain();

async function register(type: string, phone: string): Promise<string> {
  const data = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`, {
    i: { type, channel: 'PHONE', problem: 'Keeps shutting down', newCustomer: { name: 'Li Lei', phone, locale: 'EN' } },
  });
  return data.registerTicket.ticket.id;
}

async function clockOf(ticketId: string, metric: string) {
  const data = await gql(`query($id: ID!) { ticket(id: $id) { slaClocks { metric state dueAt breachedAt } } }`, { id: ticketId });
  return data.ticket.slaClocks.find((c: { metric: string }) => c.metric === metric);
}

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
}, 60000);

afterAll(() => desk?.close());

test("a complaint on Wednesday at 09:30 with 3 working days is due at Saturday's 10:00 opening, and not breached before it", async () => {
  clock.set(at('2026-12-02T09:30:00'));
  const complaint = await register('COMPLAINT', '13900139001');
  expect(await clockOf(complaint, 'RESOLUTION')).toMatchObject({ state: 'RUNNING', dueAt: at('2026-12-05T10:00:00').toISOString() });
  // Friday evening: every working minute of the target is used, but the promise is Saturday's opening
  clock.set(at('2026-12-04T19:00:00'));
  expect(await clockOf(complaint, 'RESOLUTION')).toMatchObject({ state: 'AT_RISK', dueAt: at('2026-12-05T10:00:00').toISOString(), breachedAt: null });
  clock.set(at('2026-12-05T10:01:00'));
  expect(await clockOf(complaint, 'RESOLUTION')).toMatchObject({ state: 'BREACHED', breachedAt: at('2026-12-05T10:00:00').toISOString() });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: complaint, to: 'CANCELLED', note: 'Withdrawn' },
  });
});

test('a first contact due at Friday 18:00 is announced, breached and escalated as Friday 18:00, not Saturday 10:00', async () => {
  // Friday 14:15 + half a working day (225 of Friday's 450 minutes) = Friday 18:00, the close of business
  clock.set(at('2026-12-04T14:15:00'));
  const repair = await register('REPAIR', '13900139002');
  await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: repair, assigneeId: desk.techId },
  });
  expect(await clockOf(repair, 'FIRST_CONTACT')).toMatchObject({ dueAt: at('2026-12-04T18:00:00').toISOString() });

  clock.set(at('2026-12-04T17:10:00'));
  await drain();
  clock.set(at('2026-12-04T18:00:00'));
  await drain();
  expect(await clockOf(repair, 'FIRST_CONTACT')).toMatchObject({ state: 'BREACHED', breachedAt: at('2026-12-04T18:00:00').toISOString() });
  clock.set(at('2026-12-05T10:05:00'));
  await drain();

  const mail = (to: string) => desk.smtp.messages.filter((message) => message.to.includes(to)).map((message) => `${message.subject}\n${message.text}`);
  const reminder = mail('tech@store-a.test').find((text) => text.includes('即将超时'));
  expect(reminder).toContain('期限 2026-12-04 18:00');
  const escalation = mail('manager@store-a.test').find((text) => text.includes('升级至第 2 级'));
  expect(escalation).toContain('期限 2026-12-04 18:00');
  const timeline = await gql(`query($id: ID!) { ticket(id: $id) { timeline(first: 50) { edges { node { kind summary } } } } }`, { id: repair });
  const breach = timeline.ticket.timeline.edges
    .map((e: { node: { kind: string; summary: string } }) => e.node)
    .find((n: { kind: string }) => n.kind === 'SLA_BREACHED');
  expect(breach.summary).toBe(`FIRST_CONTACT breached at ${at('2026-12-04T18:00:00').toISOString()} (1 half working day)`);
});
