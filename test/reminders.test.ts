import { ManualClock } from '../core/clock';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * Reminders that must not go out, and reminders that must: a ticket resolved
 * before its at-risk reminder is due sends none; a visit is reminded the day
 * before and an hour before, at its latest time only, and not at all once
 * cancelled. Time moves on a ManualClock; due actions run with the production
 * processors against a real SMTP server.
 */
const HOUR = 3600_000;
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday
let desk: WorkerDesk;

const gql = (query: string, variables?: Record<string, unknown>) => desk.gql(query, variables);
const drain = () => desk.drain();
const mailTo = (address: string) => desk.smtp.messages.filter((message) => message.to.includes(address));

async function register(email: string): Promise<string> {
  const data = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`, {
    i: {
      type: 'REPAIR',
      channel: 'PHONE',
      problem: 'Screen flickers',
      contactAddress: '1 Zhongguancun St',
      newCustomer: { name: 'Han Meimei', phone: '13900139000', email, locale: 'EN' },
    },
  });
  const ticketId = data.registerTicket.ticket.id;
  await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, assigneeId: desk.techId } });
  return ticketId;
}

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
}, 60000);

afterAll(() => desk?.close());

test('a ticket resolved before its reminder is due sends no reminder for the work (only its callback is chased)', async () => {
  const ticketId = await register('resolved.early@example.test');
  await drain();
  const pendingWatch = await desk.admin.query(`select due_at from scheduled_actions where kind = 'TICKET_WATCH' and state = 'PENDING'`);
  expect(pendingWatch.rows.length).toBeGreaterThan(0); // a reminder was on its way
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to: 'IN_PROGRESS' } });
  await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, to: 'RESOLVED', note: 'Loose cable reseated' },
  });
  const before = mailTo('tech@store-a.test').length;
  for (let hour = 0; hour < 24 * 10; hour++) {
    clock.advance(HOUR);
    await drain();
  }
  const events = (
    await desk.admin.query<{ kind: string; data: { metric?: string } }>(`select kind, data from ticket_events where ticket_id = $1`, [
      Buffer.from(ticketId, 'base64url').toString().split(':')[1],
    ])
  ).rows;
  const chased = events.filter((event) => event.kind === 'SLA_AT_RISK' || event.kind === 'ESCALATED');
  // Nobody is chased for the work once it is resolved; a satisfaction callback, when the ticket gets one, still is.
  expect(chased.filter((event) => event.data.metric !== 'CALLBACK')).toEqual([]);
  expect(mailTo('tech@store-a.test').length).toBe(before + chased.filter((event) => event.kind === 'SLA_AT_RISK').length);
}, 120000);

test('a visit is reminded the day before and an hour before, at its latest time only, and never once cancelled', async () => {
  const ticketId = await register('visit@example.test');
  const start = new Date(clock.now().getTime() + 3 * 24 * HOUR);
  const scheduled = await gql(`mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { appointment { id } userErrors { code message } } }`, {
    i: { ticketId, technicianId: desk.techId, windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + 2 * HOUR).toISOString() },
  });
  const appointmentId = scheduled.scheduleAppointment.appointment.id;
  // moved a day later: the reminders move with it
  const moved = new Date(start.getTime() + 24 * HOUR);
  await gql(`mutation($i: RescheduleAppointmentInput!) { rescheduleAppointment(input: $i) { userErrors { code message } } }`, {
    i: { appointmentId, windowStart: moved.toISOString(), windowEnd: new Date(moved.getTime() + 2 * HOUR).toISOString(), reason: 'customer asked' },
  });
  await drain();
  const customerReminders = async () =>
    (await desk.admin.query(`select 1 from ticket_events where kind = 'NOTIFICATION_SENT' and data->>'template' = 'APPOINTMENT_REMINDER_CUSTOMER'`)).rows
      .length;
  expect(await customerReminders()).toBe(0);
  clock.set(new Date(moved.getTime() - 24 * HOUR - 60_000));
  await drain();
  expect(await customerReminders()).toBe(0); // not a minute early
  clock.set(new Date(moved.getTime() - 24 * HOUR));
  await drain();
  expect(await customerReminders()).toBe(1);
  expect(desk.smtp.messages.filter((m) => m.to.includes('visit@example.test')).some((m) => m.text.includes('Zhongguancun'))).toBe(true);
  clock.set(new Date(moved.getTime() - HOUR));
  await drain();
  expect(await customerReminders()).toBe(2);
  // the technician got both too; nothing was sent for the first time
  const reminders = await desk.admin.query<{ state: string; n: string }>(
    `select state, count(*) as n from scheduled_actions where kind = 'APPOINTMENT_REMINDER' group by state order by state`,
  );
  expect(Object.fromEntries(reminders.rows.map((r) => [r.state, Number(r.n)]))).toEqual({ CANCELLED: 2, DONE: 2 });
  const technicianReminders = await desk.admin.query(
    `select 1 from ticket_events where kind = 'NOTIFICATION_SENT' and data->>'template' = 'APPOINTMENT_REMINDER_TECHNICIAN'`,
  );
  expect(technicianReminders.rows).toHaveLength(2);

  // another visit, cancelled: no reminder ever goes out
  const later = new Date(clock.now().getTime() + 2 * 24 * HOUR);
  const second = await gql(`mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { appointment { id } userErrors { code message } } }`, {
    i: { ticketId, technicianId: desk.techId, windowStart: later.toISOString(), windowEnd: new Date(later.getTime() + HOUR).toISOString() },
  });
  await gql(`mutation($i: CancelAppointmentInput!) { cancelAppointment(input: $i) { userErrors { code message } } }`, {
    i: { appointmentId: second.scheduleAppointment.appointment.id, reason: 'fixed by phone' },
  });
  clock.set(later);
  await drain();
  expect(await customerReminders()).toBe(2);
}, 120000);
