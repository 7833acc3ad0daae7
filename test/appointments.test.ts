import { DateTime } from 'luxon';
import { Client } from 'pg';
import { systemClock } from '../core/clock';
import { SmtpEmailSender } from '../infra/mail/smtp-email-sender';
import { drainDueActions } from './support/action-driver';
import { insertTicket, staffGlobalId, timelineOf, uuidOf } from './support/desk-fixtures';
import { startSmtpCatcher } from './support/smtp-catcher';
import { startTestApi, TestApi } from './support/test-api';

/**
 * On-site appointments through GraphQL: a window, a technician of the store,
 * an address; the customer is told when a visit is scheduled, moved or
 * called off; technicians complete visits.
 */
let api: TestApi;
let admin: Client;
let agentA: string;
let techA: string;
let agentB: string;
let techAId: string;
let agentAId: string;
let managerBId: string;

const FIELDS = `id windowStart windowEnd address status notes technician { id name }`;
const PAYLOAD = `appointment { ${FIELDS} } ticket { version appointments { id status } } userErrors { field code message }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { ${PAYLOAD} } }`;
const RESCHEDULE = `mutation($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { ${PAYLOAD} } }`;
const COMPLETE = `mutation($input: CompleteAppointmentInput!) { completeAppointment(input: $input) { ${PAYLOAD} } }`;
const CANCEL = `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { ${PAYLOAD} } }`;
const MISSED = `mutation($input: MarkAppointmentMissedInput!) { markAppointmentMissed(input: $input) { ${PAYLOAD} } }`;

/** A moment in Shanghai (store-a's zone), `days` from today at `hour`:00. */
function at(days: number, hour: number): string {
  return DateTime.now().setZone('Asia/Shanghai').plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO()!;
}
function localDay(days: number): string {
  return DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, input: Record<string, unknown>, token: string): Promise<any> {
  const res = await api.gql(query, { input }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data)[0];
}

function schedule(ticketId: string, overrides: Record<string, unknown> = {}, token = agentA) {
  return call(SCHEDULE, { ticketId, windowStart: at(1, 9), windowEnd: at(1, 11), technicianId: techAId, ...overrides }, token);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [agentA, techA, agentB] = await Promise.all([
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-a', 'tech@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
  ]);
  // One connection answers one query at a time.
  techAId = await staffGlobalId(admin, 'tech@store-a.test');
  agentAId = await staffGlobalId(admin, 'agent@store-a.test');
  managerBId = await staffGlobalId(admin, 'manager@store-b.test');
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test('scheduling a visit: window, technician, the ticket address; the customer is told in local time', async () => {
  const ticketId = await insertTicket(admin, { type: 'ONSITE', contactAddress: '1 Zhongguancun Street, Beijing' });
  const result = await schedule(ticketId, { expectedVersion: 1, notes: 'bring a spare fan' });
  expect(result.userErrors).toEqual([]);
  expect(result.appointment).toMatchObject({
    windowStart: at(1, 9),
    windowEnd: at(1, 11),
    address: '1 Zhongguancun Street, Beijing',
    status: 'SCHEDULED',
    notes: 'bring a spare fan',
    technician: { id: techAId, name: 'Tech A' },
  });
  expect(result.ticket.version).toBe(2);
  expect(result.ticket.appointments).toEqual([{ id: result.appointment.id, status: 'SCHEDULED' }]);
  const [entry] = await timelineOf(admin, ticketId);
  expect(entry).toMatchObject({ kind: 'APPOINTMENT_SCHEDULED', visibility: 'CUSTOMER' });
  expect(entry.summary).toBe(`On-site visit scheduled for ${localDay(1)} 09:00-11:00 at 1 Zhongguancun Street, Beijing, technician Tech A`);
});

test('bad windows, someone who is not a technician of this store, no address, an old version: refused, nothing saved', async () => {
  const ticketId = await insertTicket(admin, { contactAddress: 'Somewhere 2' });
  expect((await schedule(ticketId, { windowStart: at(1, 11), windowEnd: at(1, 9) })).userErrors[0]).toMatchObject({
    code: 'INVALID_WINDOW',
    field: ['windowEnd'],
  });
  expect((await schedule(ticketId, { windowStart: at(-2, 9), windowEnd: at(-2, 11) })).userErrors[0].code).toBe('WINDOW_IN_PAST');
  expect((await schedule(ticketId, { technicianId: agentAId })).userErrors[0]).toMatchObject({ code: 'NOT_A_TECHNICIAN', field: ['technicianId'] });
  expect((await schedule(ticketId, { technicianId: managerBId })).userErrors[0].code).toBe('NOT_A_TECHNICIAN');
  expect((await schedule(ticketId, { expectedVersion: 7 })).userErrors[0].code).toBe('STALE');
  const noAddress = await insertTicket(admin);
  expect((await schedule(noAddress)).userErrors[0].code).toBe('ADDRESS_REQUIRED');
  expect((await schedule(noAddress, { address: 'Given here 3' })).userErrors).toEqual([]);
  const { rows } = await admin.query(`select count(*)::int as n from appointments where ticket_id = $1`, [uuidOf(ticketId)]);
  expect(rows[0].n).toBe(0);
});

test('reschedule (customer told), complete by the technician; a finished visit cannot change', async () => {
  const ticketId = await insertTicket(admin, { contactAddress: 'Somewhere 4' });
  const appointmentId = (await schedule(ticketId)).appointment.id;
  const moved = await call(RESCHEDULE, { appointmentId, expectedVersion: 2, windowStart: at(2, 14), windowEnd: at(2, 16), reason: 'customer at work' }, agentA);
  expect(moved.userErrors).toEqual([]);
  expect(new Date(moved.appointment.windowStart).toISOString()).toBe(new Date(at(2, 14)).toISOString());
  expect(moved.ticket.version).toBe(3);

  // Technicians work tickets but do not schedule.
  const forbidden = await api.gql(RESCHEDULE, { input: { appointmentId, windowStart: at(3, 9), windowEnd: at(3, 10) } }, techA);
  expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
  const done = await call(COMPLETE, { appointmentId, notes: 'fan replaced on site' }, techA);
  expect(done.userErrors).toEqual([]);
  expect(done.appointment.status).toBe('COMPLETED');
  expect(done.ticket.version).toBe(4);
  expect((await call(CANCEL, { appointmentId, reason: 'too late' }, agentA)).userErrors[0].code).toBe('APPOINTMENT_NOT_SCHEDULED');
  expect((await call(RESCHEDULE, { appointmentId, windowStart: at(3, 9), windowEnd: at(3, 10) }, agentA)).userErrors[0].code).toBe('APPOINTMENT_NOT_SCHEDULED');

  const entries = (await timelineOf(admin, ticketId)).map((e) => `${e.kind}:${e.visibility}`);
  expect(entries).toEqual(['APPOINTMENT_SCHEDULED:CUSTOMER', 'APPOINTMENT_RESCHEDULED:CUSTOMER', 'APPOINTMENT_COMPLETED:INTERNAL']);
  const rescheduled = (await timelineOf(admin, ticketId))[1];
  expect(rescheduled.summary).toContain(`${localDay(2)} 14:00-16:00`);
});

test('cancel tells the customer; missed only once the window has begun', async () => {
  const ticketId = await insertTicket(admin, { contactAddress: 'Somewhere 5' });
  const cancelledId = (await schedule(ticketId)).appointment.id;
  const cancelled = await call(CANCEL, { appointmentId: cancelledId, reason: 'technician ill' }, agentA);
  expect(cancelled.appointment.status).toBe('CANCELLED');
  expect(cancelled.ticket.appointments.map((a: { status: string }) => a.status)).toEqual(['CANCELLED']);

  const missedId = (await schedule(ticketId, { windowStart: at(3, 9), windowEnd: at(3, 12) })).appointment.id;
  expect((await call(MISSED, { appointmentId: missedId }, agentA)).userErrors[0].code).toBe('WINDOW_NOT_STARTED');
  // The window came and went.
  await admin.query(`update appointments set window_start = now() - interval '3 hours', window_end = now() - interval '1 hour' where id = $1`, [
    uuidOf(missedId),
  ]);
  const missed = await call(MISSED, { appointmentId: missedId, reason: 'nobody at home' }, agentA);
  expect(missed.userErrors).toEqual([]);
  expect(missed.appointment.status).toBe('MISSED');

  const entries = (await timelineOf(admin, ticketId)).map((e) => `${e.kind}:${e.visibility}`);
  expect(entries).toEqual([
    'APPOINTMENT_SCHEDULED:CUSTOMER',
    'APPOINTMENT_CANCELLED:CUSTOMER',
    'APPOINTMENT_SCHEDULED:CUSTOMER',
    'APPOINTMENT_MISSED:INTERNAL',
  ]);
  const { rows } = await admin.query(`select version from tickets where id = $1`, [uuidOf(ticketId)]);
  expect(rows[0].version).toBe(5);
});

test("another store neither reads nor changes a store's appointments", async () => {
  const ticketId = await insertTicket(admin, { contactAddress: 'Somewhere 6' });
  const appointmentId = (await schedule(ticketId)).appointment.id;
  const read = await api.gql(`query($id: ID!) { node(id: $id) { ... on Appointment { status technician { name } } } }`, { id: appointmentId }, agentA);
  expect(read.body.data.node).toEqual({ status: 'SCHEDULED', technician: { name: 'Tech A' } });
  const foreignRead = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: appointmentId }, agentB);
  expect(foreignRead.body.errors[0].extensions.code).toBe('NOT_FOUND');
  const foreignCancel = await api.gql(CANCEL, { input: { appointmentId, reason: 'mine now' } }, agentB);
  expect(foreignCancel.body.errors[0].extensions.code).toBe('NOT_FOUND');
  const { rows } = await admin.query(`select status from appointments where id = $1`, [uuidOf(appointmentId)]);
  expect(rows[0].status).toBe('SCHEDULED');
});

test('the customer hears of each booking, move and cancellation at once, in local time, without the internal reasons of the staff', async () => {
  const ticketId = await insertTicket(admin, { type: 'ONSITE', contactAddress: '8 Haidian Road' });
  await admin.query(`update customers set email = 'visit.customer@example.test', locale = 'en' where id = (select customer_id from tickets where id = $1)`, [
    uuidOf(ticketId),
  ]);
  const smtp = await startSmtpCatcher();
  const sender = new SmtpEmailSender({ url: smtp.url, from: 'Aftersales <no-reply@example.test>' });
  const drain = () =>
    drainDueActions(api.orm, systemClock, {
      channels: { email: sender, sms: null },
      fetch,
      publicBaseUrl: 'https://service.example.test',
      webhookTimeoutMs: 1000,
    });
  try {
    const appointmentId = (await schedule(ticketId)).appointment.id;
    await drain();
    await call(RESCHEDULE, { appointmentId, windowStart: at(2, 14), windowEnd: at(2, 16), reason: 'technician double-booked' }, agentA);
    await drain();
    await call(CANCEL, { appointmentId, reason: 'technician ill' }, agentA);
    await drain();
    const mail = smtp.messages.filter((m) => m.to.includes('visit.customer@example.test'));
    expect(mail.map((m) => m.subject)).toEqual([
      `Store A: your on-site visit is booked, ${localDay(1)} 09:00-11:00 (${mail[0].subject.match(/\(([^)]+)\)$/)![1]})`,
      expect.stringContaining(`your on-site visit moved to ${localDay(2)} 14:00-16:00`),
      expect.stringContaining('your on-site visit is cancelled'),
    ]);
    expect(mail[0].text).toContain('Address: 8 Haidian Road');
    expect(mail[1].text).toContain(`moved from ${localDay(1)} 09:00-11:00 to ${localDay(2)} 14:00-16:00`);
    expect(mail[2].text).toContain(`The on-site visit ${localDay(2)} 14:00-16:00`);
    for (const message of mail) expect(message.text).not.toMatch(/double-booked|technician ill/);
    // On the customer's side of the timeline: each change, and each message that told them.
    const told = (await timelineOf(admin, ticketId)).filter((e) => e.kind === 'NOTIFICATION_SENT' && e.visibility === 'CUSTOMER').map((e) => e.data.template);
    expect(told).toEqual(['APPOINTMENT_BOOKED', 'APPOINTMENT_MOVED', 'APPOINTMENT_CANCELLED']);
  } finally {
    sender.close();
    await smtp.close();
  }
});
