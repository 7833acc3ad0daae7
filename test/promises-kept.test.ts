import { ManualClock } from '../core/clock';
import { TimelineRow, uuidOf } from './support/desk-fixtures';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * Promises that must hold however the story goes: a reopened ticket gets a
 * fresh resolution target instead of a breach for the days it sat resolved;
 * every breach is preceded by its at-risk reminder, the callback's included;
 * a level of the ladder fell due when it did, not when someone looks; a
 * watch that wakes too early never leaves its ticket unwatched. The demo HQ's
 * standard (every paid service is called back), a ManualClock, the production
 * processors and a real SMTP server.
 */
const HOUR = 3600_000;
const clock = new ManualClock(new Date('2026-03-10T10:00:00+08:00')); // a Tuesday, in working hours
let desk: WorkerDesk;
const gql = (query: string, variables?: Record<string, unknown>) => desk.gql(query, variables);
const drain = () => desk.drain();
const at = (local: string) => new Date(`${local}+08:00`);
const move = (ticketId: string, to: string, note?: string) =>
  gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to, note } });

/** Lives through time hour by hour (or to `until`), letting the worker act at every step as the real clock would. */
async function liveUntil(until: Date, step = HOUR): Promise<void> {
  while (clock.now() < until) {
    clock.set(new Date(Math.min(clock.now().getTime() + step, until.getTime())));
    await drain();
  }
}

/** A paid service (3 working days to resolve, always called back), assigned to the technician, who calls the customer and starts. */
async function startedPaidService(email: string): Promise<string> {
  const data = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`, {
    i: {
      type: 'PAID_SERVICE',
      channel: 'WALK_IN',
      problem: 'Clean the fan of a laptop that runs hot',
      newCustomer: { name: 'Li Hua', phone: `1380000${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`, email, locale: 'EN' },
    },
  });
  const ticketId = data.registerTicket.ticket.id;
  await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, assigneeId: desk.techId } });
  await gql(`mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
    i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Agreed to clean the fan today' },
  });
  await move(ticketId, 'IN_PROGRESS');
  await drain();
  return ticketId;
}

const clocksOf = async (ticketId: string) =>
  (await gql(`query($id: ID!) { ticket(id: $id) { slaClocks { metric state startedAt dueAt breachedAt } } }`, { id: ticketId })).ticket.slaClocks as {
    metric: string;
    state: string;
    startedAt: string;
    dueAt: string | null;
    breachedAt: string | null;
  }[];

/** The ladder's entries and outcomes of one metric, in the order they were written, with the run of the clock they belong to. */
async function ladderOf(ticketId: string, metric: string): Promise<{ kind: string; level?: number; run: string }[]> {
  const rows = await desk.admin.query<TimelineRow & { occurred_at: Date }>(
    `select kind, data, occurred_at from ticket_events where ticket_id = $1 and kind in ('SLA_AT_RISK', 'SLA_BREACHED', 'ESCALATED') order by occurred_at, seq`,
    [uuidOf(ticketId)],
  );
  return rows.rows
    .filter((row) => row.data.metric === metric)
    .map((row) => ({
      kind: row.kind,
      ...(typeof row.data.level === 'number' ? { level: row.data.level } : {}),
      run: String(row.data.startedAt ?? String(row.data.levelKey ?? '').split('|')[1]),
    }));
}

/** When the messages about a ticket went out, by template, in the order the worker sent them. */
async function sentMessages(ticketId: string): Promise<{ template: string; sentAt: Date; to: string }[]> {
  const rows = await desk.admin.query<{ data: { template: string; to: string }; occurred_at: Date }>(
    `select data, occurred_at from ticket_events where ticket_id = $1 and kind = 'NOTIFICATION_SENT' order by occurred_at, seq`,
    [uuidOf(ticketId)],
  );
  return rows.rows.map((row) => ({ template: row.data.template, sentAt: row.occurred_at, to: row.data.to }));
}

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
}, 60000);

afterAll(() => desk?.close());

describe('a reopened ticket', () => {
  test('gets the whole resolution target again from the reopen: the days it sat resolved never count, and the new run is reminded before it breaches', async () => {
    clock.set(at('2026-03-10T10:00:00'));
    const ticketId = await startedPaidService('reopen@example.test');
    // Resolved on Thursday afternoon, after its at-risk reminder, within its 3 working days.
    await liveUntil(at('2026-03-12T15:00:00'));
    await move(ticketId, 'RESOLVED', 'Fan cleaned');
    await drain();
    const firstRun = (await clocksOf(ticketId)).find((c) => c.metric === 'RESOLUTION')!;
    expect(firstRun.state).toBe('MET');

    // Six days later the customer is back: the ticket is reopened on Wednesday morning.
    clock.set(at('2026-03-18T09:30:00'));
    await move(ticketId, 'REOPENED', 'Runs hot again');
    await drain();
    const secondRun = (await clocksOf(ticketId)).find((c) => c.metric === 'RESOLUTION')!;
    expect(secondRun).toMatchObject({ state: 'RUNNING', startedAt: at('2026-03-18T09:30:00').toISOString(), breachedAt: null });
    // 3 working days from Wednesday 09:30, as on the day it was registered.
    expect(new Date(secondRun.dueAt!).getTime()).toBeGreaterThanOrEqual(at('2026-03-20T18:00:00').getTime());
    expect(await ladderOf(ticketId, 'RESOLUTION')).toEqual([{ kind: 'SLA_AT_RISK', level: 1, run: firstRun.startedAt }]);

    // Nobody works it: the new run turns at risk (the responsible person is reminded), then breaches, then climbs.
    await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, assigneeId: desk.techId } });
    await liveUntil(at('2026-03-25T12:00:00'));
    const ladder = (await ladderOf(ticketId, 'RESOLUTION')).filter((entry) => entry.run === secondRun.startedAt);
    expect(ladder.slice(0, 3)).toEqual([
      { kind: 'SLA_AT_RISK', level: 1, run: secondRun.startedAt },
      { kind: 'SLA_BREACHED', run: secondRun.startedAt },
      { kind: 'ESCALATED', level: 2, run: secondRun.startedAt },
    ]);
    const messages = await sentMessages(ticketId);
    const atRisk = messages.filter((m) => m.template === 'STAFF_AT_RISK').pop()!;
    const escalation = messages.find((m) => m.template === 'STAFF_ESCALATION')!;
    expect(atRisk.sentAt.getTime()).toBeLessThan(escalation.sentAt.getTime());
  }, 120000);
});

describe('the satisfaction callback', () => {
  test('is chased like any promise: the responsible person is reminded before its target runs out, and only then is it escalated', async () => {
    clock.set(at('2026-03-10T10:00:00'));
    const ticketId = await startedPaidService('unanswered@example.test');
    await move(ticketId, 'RESOLVED', 'Fan cleaned');
    await drain();
    // The survey goes out and is never answered.
    await liveUntil(at('2026-03-16T18:00:00'));
    const ladder = await ladderOf(ticketId, 'CALLBACK');
    expect(ladder.map((entry) => `${entry.kind}${entry.level ? ` ${entry.level}` : ''}`).slice(0, 3)).toEqual(['SLA_AT_RISK 1', 'SLA_BREACHED', 'ESCALATED 2']);
    const messages = await sentMessages(ticketId);
    const reminder = messages.find((m) => m.template === 'STAFF_AT_RISK')!;
    expect(reminder.to).toContain('tech@store-a.test');
    const firstEscalation = messages.find((m) => m.template === 'STAFF_ESCALATION')!;
    const surveyReminder = messages.find((m) => m.template === 'SURVEY_REMINDER')!;
    expect(reminder.sentAt.getTime()).toBeLessThan(firstEscalation.sentAt.getTime());
    expect(reminder.sentAt.getTime()).toBeLessThan(surveyReminder.sentAt.getTime());
  }, 120000);

  test('is not chased for a ticket its policy does not call back', async () => {
    clock.set(at('2026-03-10T10:00:00'));
    // An inquiry outside the sampled share (30% of the other types): no callback, so no callback clock.
    let ticketId = '';
    for (;;) {
      const data = await gql(
        `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id callback { state } } userErrors { code message } } }`,
        {
          i: {
            type: 'INQUIRY',
            channel: 'PHONE',
            problem: 'Which charger fits?',
            newCustomer: {
              name: 'Wang Fang',
              phone: `1390000${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
              email: 'inquiry@example.test',
              locale: 'EN',
            },
          },
        },
      );
      ticketId = data.registerTicket.ticket.id;
      await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, assigneeId: desk.techId } });
      await move(ticketId, 'RESOLVED', 'Told them the 65 W charger');
      const read = await gql(`query($id: ID!) { ticket(id: $id) { callback { state } } }`, { id: ticketId });
      if (read.ticket.callback === null) break;
    }
    await liveUntil(at('2026-03-16T18:00:00'), 6 * HOUR);
    expect((await clocksOf(ticketId)).map((c) => c.metric)).not.toContain('CALLBACK');
    expect(await ladderOf(ticketId, 'CALLBACK')).toEqual([]);
  }, 120000);
});

describe('the escalation schedule', () => {
  test('says when a level fell due, whenever it is read', async () => {
    clock.set(at('2026-03-10T10:00:00'));
    const ticketId = await startedPaidService('schedule@example.test');
    const read = async () =>
      (
        (await gql(`query($id: ID!) { ticket(id: $id) { escalationSchedule { metric level dueAt reached } } }`, { id: ticketId })).ticket
          .escalationSchedule as {
          metric: string;
          level: number;
          dueAt: string;
          reached: boolean;
        }[]
      ).find((step) => step.metric === 'RESOLUTION' && step.level === 1)!;
    const ahead = await read();
    expect(ahead.reached).toBe(false);
    await liveUntil(new Date(new Date(ahead.dueAt).getTime() + 2 * HOUR));
    const justAfter = await read();
    clock.advance(30 * 60_000);
    const later = await read();
    expect(justAfter).toEqual({ ...ahead, reached: true });
    expect(later).toEqual(justAfter);
  }, 120000);
});

describe('the ticket watch', () => {
  test('a watch that wakes before its turning point puts itself back: the reminder still comes on time', async () => {
    clock.set(at('2026-03-10T10:00:00'));
    const ticketId = await startedPaidService('early@example.test');
    const pending = async () =>
      (
        await desk.admin.query<{ idempotency_key: string; due_at: Date }>(
          `select idempotency_key, due_at from scheduled_actions where ticket_id = $1 and kind = 'TICKET_WATCH' and state = 'PENDING'`,
          [uuidOf(ticketId)],
        )
      ).rows;
    const [watch] = await pending();
    const turningPoint = watch.due_at;
    // The watch wakes half an hour early (a host whose clock ran ahead, a clock stepped back).
    const early = new Date(turningPoint.getTime() - 30 * 60_000);
    await desk.admin.query(`update scheduled_actions set due_at = $2 where idempotency_key = $1`, [watch.idempotency_key, early]);
    clock.set(early);
    await drain();
    const successors = await pending();
    expect(successors).toHaveLength(1);
    expect(successors[0].due_at.getTime()).toBe(turningPoint.getTime());
    expect(successors[0].idempotency_key).not.toBe(watch.idempotency_key);
    // At the turning point, the successor acts (a reminder or the customer's progress update) and hands over to the next.
    clock.set(turningPoint);
    await drain();
    const { rows } = await desk.admin.query<{ state: string; result: { levels: number; progressUpdate: boolean } }>(
      `select state, result from scheduled_actions where idempotency_key = $1`,
      [successors[0].idempotency_key],
    );
    expect(rows[0].state).toBe('DONE');
    expect(rows[0].result.levels > 0 || rows[0].result.progressUpdate).toBe(true);
    const next = await pending();
    expect(next).toHaveLength(1);
    expect(next[0].due_at.getTime()).toBeGreaterThan(turningPoint.getTime());
  }, 120000);
});
