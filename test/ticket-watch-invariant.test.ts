import { DateTime } from 'luxon';
import { ManualClock } from '../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../domain/context';
import { nextTurningPoint, reachedLevels, readWatchedTicket } from '../domain/standards/ticket-watch';
import { rebuildClockPoints } from '../domain/standards/clock-points-rebuild';
import { clockPoints, storeClockPoints } from '../domain/standards/clock-points';
import { ClockState } from '../core/sla-enums';
import { allowedMoves } from '../domain/ticket-records/lifecycle';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { TicketStatus, TicketType } from '../core/desk-enums';
import { Ticket } from '../schema/entities';
import { TenantKind } from '../core/enums';
import { uuidOf } from './support/desk-fixtures';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * A ticket is always watched while it is open: whatever happens to it, in
 * whatever order (moves, parts ordered, slipped and arrived, contacts, time
 * passing, a watch that wakes before its time), the one pending watch is due
 * at exactly the ticket's next turning point, and no turning point is left
 * without one. Random walks from fixed seeds, so a failure replays.
 */
const MINUTE = 60_000;
const clock = new ManualClock(new Date('2026-03-09T09:00:00+08:00')); // a Monday
let desk: WorkerDesk;
let storeId: string;

/** mulberry32: a small seeded generator, so each walk is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** GraphQL with the store's key; refusals come back as userErrors, which the walk may well provoke. */
const gql = async (query: string, variables?: Record<string, unknown>) => {
  const response = await desk.api.gql(query, variables, desk.key);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
};
const drain = () => desk.drain();
const today = (plusDays: number) => DateTime.fromJSDate(clock.now(), { zone: 'Asia/Shanghai' }).plus({ days: plusDays }).toISODate()!;

/** Every stored clock point of the store, as `ticket metric at-risk due` lines (ms), sorted. */
async function storedPoints(ticketId?: string): Promise<string[]> {
  const { rows } = await desk.admin.query<{ ticket_id: string; metric: string; at_risk_at: Date; due_at: Date }>(
    `select ticket_id, metric, at_risk_at, due_at from ticket_clock_points where tenant_id = $1 and ($2::uuid is null or ticket_id = $2)`,
    [storeId, ticketId ?? null],
  );
  return rows.map((row) => `${row.ticket_id} ${row.metric} ${row.at_risk_at.getTime()} ${row.due_at.getTime()}`).sort();
}

/** The metrics whose stored at-risk instant has passed: what the tickets at risk are read from. */
async function storedFlags(ticketId: string): Promise<string[]> {
  const { rows } = await desk.admin.query<{ metric: string }>(`select metric from ticket_clock_points where ticket_id = $1 and at_risk_at <= $2`, [
    ticketId,
    clock.now(),
  ]);
  return rows.map((row) => row.metric).sort();
}

/**
 * The watches the ticket has pending, and the turning point the ticket has
 * now; its stored clock points and those its clocks give now; the clocks at
 * risk by the stored points and by the clocks now.
 */
interface WatchState {
  pending: Date[];
  next: Date | null;
  status: TicketStatus;
  stored: string[];
  points: string[];
  storedFlags: string[];
  flags: string[];
}

async function watchState(ticketId: string): Promise<WatchState> {
  const pending = (
    await desk.admin.query<{ due_at: Date }>(`select due_at from scheduled_actions where ticket_id = $1 and kind = 'TICKET_WATCH' and state = 'PENDING'`, [
      uuidOf(ticketId),
    ])
  ).rows.map((row) => row.due_at);
  return inTenantTransaction(desk.api.orm, storeId, async (em) => {
    const ctx: TenantContext = { tenantId: storeId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock };
    const ticket = await em.findOneOrFail(Ticket, { tenantId: storeId, id: uuidOf(ticketId) });
    const watched = await readWatchedTicket(ctx, ticket);
    const reached = reachedLevels(watched.events);
    const finished = [TicketStatus.CLOSED, TicketStatus.CANCELLED].includes(ticket.status);
    return {
      pending,
      next: nextTurningPoint(watched, clock.now(), (levelKey) => reached.has(levelKey)),
      status: ticket.status,
      stored: await storedPoints(ticket.id),
      points: clockPoints(watched)
        .map((point) => `${ticket.id} ${point.metric} ${point.atRiskAt.getTime()} ${point.dueAt.getTime()}`)
        .sort(),
      storedFlags: await storedFlags(ticket.id),
      flags: finished
        ? []
        : watched.clocks
            .filter((c) => c.state === ClockState.AT_RISK || c.state === ClockState.BREACHED)
            .map((c) => c.metric)
            .sort(),
    };
  });
}

const FINISHED_WORK = [TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.CANCELLED];

type Step = (ticketId: string, random: () => number) => Promise<string>;

const steps: Step[] = [
  async (_ticket, random) => {
    const minutes = Math.floor(random() * 600) + 1;
    clock.advance(minutes * MINUTE);
    return `time passes ${minutes} min`;
  },
  async (ticketId, random) => {
    // The pending watch wakes early (clock skew, a clock stepped back), then time reaches it.
    const earlier = Math.floor(random() * 120) + 1;
    const { rows } = await desk.admin.query<{ id: string; due_at: Date }>(
      `update scheduled_actions set due_at = due_at - make_interval(mins => $2) where ticket_id = $1 and kind = 'TICKET_WATCH' and state = 'PENDING' returning id, due_at`,
      [uuidOf(ticketId), earlier],
    );
    if (rows[0] && rows[0].due_at > clock.now()) clock.set(rows[0].due_at);
    return `the watch wakes ${earlier} min early`;
  },
  async (ticketId, random) => {
    const { ticket } = await gql(`query($id: ID!) { ticket(id: $id) { status } }`, { id: ticketId });
    const options = allowedMoves(TicketType.PAID_SERVICE, ticket.status).filter((to) => to !== TicketStatus.CANCELLED && to !== TicketStatus.CLOSED);
    if (options.length === 0) return 'no move';
    const to = options[Math.floor(random() * options.length)];
    await gql(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, to, note: `moved to ${to}` } });
    if (to === TicketStatus.REOPENED)
      await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, assigneeId: desk.techId } });
    return `move to ${to}`;
  },
  async (ticketId, random) => {
    const expectedOn = today(Math.floor(random() * 3));
    const data = await gql(`mutation($i: OrderPartInput!) { orderPart(input: $i) { userErrors { code } } }`, {
      i: { ticketId, partNumber: 'FAN-1', description: 'cooling fan', quantity: 1, supplier: 'Parts Hub', expectedOn },
    });
    return `order a part for ${expectedOn}${data.orderPart.userErrors.length ? ' (refused)' : ''}`;
  },
  async (ticketId, random) => {
    const parts = await gql(`query($id: ID!) { ticket(id: $id) { partsOrders { id status } } }`, { id: ticketId });
    const ordered = parts.ticket.partsOrders.filter((p: { status: string }) => p.status === 'ORDERED');
    if (ordered.length === 0) return 'no part to change';
    const part = ordered[0];
    if (random() < 0.5) {
      const expectedOn = today(Math.floor(random() * 4) + 1);
      await gql(`mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code } } }`, {
        i: { partsOrderId: part.id, expectedOn, reason: 'supplier' },
      });
      return `the part now comes on ${expectedOn}`;
    }
    await gql(`mutation($i: MarkPartArrivedInput!) { markPartArrived(input: $i) { userErrors { code } } }`, { i: { partsOrderId: part.id } });
    return 'the part arrives';
  },
  async (ticketId) => {
    await gql(`mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`, {
      i: { ticketId, channel: 'PHONE', reached: true, outcome: 'Told them where it stands' },
    });
    return 'a call to the customer';
  },
];

beforeAll(async () => {
  desk = await startWorkerDesk(clock);
  storeId = (await desk.admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
}, 60000);

afterAll(() => desk?.close());

test.each([1, 2, 3, 4])(
  'walk %i: while the ticket is open, exactly one watch is pending, due at its next turning point',
  async (seed) => {
    const random = seeded(seed);
    const data = await gql(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`, {
      i: {
        type: 'PAID_SERVICE',
        channel: 'WALK_IN',
        problem: 'Clean the fan',
        newCustomer: { name: `Walker ${seed}`, phone: `1370000000${seed}`, email: `walk${seed}@example.test`, locale: 'EN' },
      },
    });
    const ticketId = data.registerTicket.ticket.id;
    await gql(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, assigneeId: desk.techId } });
    const history: string[] = [];
    for (let i = 0; i < 30; i++) {
      history.push(await steps[Math.floor(random() * steps.length)](ticketId, random));
      await drain();
      const state = await watchState(ticketId);
      const expected = state.next ? [state.next.getTime()] : [];
      // On failure the walk so far says how the ticket got there.
      expect({ history, pending: state.pending.map((d) => d.getTime()) }).toEqual({ history, pending: expected });
      // While the work is open, the customer's progress updates alone keep a turning point ahead.
      if (!FINISHED_WORK.includes(state.status)) expect({ history, pending: state.pending.length }).toEqual({ history, pending: 1 });
      // The work queue and the tickets at risk are read from stored points: they are the ones the clocks give now,
      // whatever happened, and the clocks they call at risk are the clocks at risk now.
      expect({ history, stored: state.stored }).toEqual({ history, stored: state.points });
      expect({ history, atRisk: state.storedFlags }).toEqual({ history, atRisk: state.flags });
    }
  },
  240000,
);

test('a rebuild of the stored clock points from the tickets gives back exactly what the changes wrote', async () => {
  const incremental = await storedPoints();
  expect(incremental.length).toBeGreaterThan(0);
  await desk.admin.query(`delete from ticket_clock_points where tenant_id = $1`, [storeId]);
  // A point of a finished ticket goes too, as the incremental writes would have removed it.
  const { rows: finished } = await desk.admin.query<{ id: string }>(
    `select id from tickets where tenant_id = $1 and status in ('CLOSED', 'CANCELLED') limit 1`,
    [storeId],
  );
  if (finished[0]) {
    await desk.admin.query(
      `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at) values ($1, $2, 'RESOLUTION', now(), now(), now())`,
      [storeId, finished[0].id],
    );
  }
  let after: string | null = null;
  do {
    // Batches of one: the walk between batches must not skip or repeat a ticket.
    const batch: { last: string | null } = await inTenantTransaction(desk.api.orm, storeId, (em) =>
      rebuildClockPoints({ tenantId: storeId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }, after, 1),
    );
    after = batch.last;
  } while (after);
  expect(await storedPoints()).toEqual(incremental);
});

test("a change and the ticket's watch writing its clock points at the same moment both commit", async () => {
  const { rows } = await desk.admin.query<{ ticket_id: string }>(`select ticket_id from ticket_clock_points where tenant_id = $1 limit 1`, [storeId]);
  expect(rows).toHaveLength(1);
  const write = (afterWriting: () => Promise<void>) =>
    inTenantTransaction(desk.api.orm, storeId, async (em) => {
      const ctx: TenantContext = { tenantId: storeId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock };
      const ticket = await em.findOneOrFail(Ticket, { tenantId: storeId, id: rows[0].ticket_id });
      await storeClockPoints(ctx, await readWatchedTicket(ctx, ticket));
      await afterWriting();
    });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let wrote!: () => void;
  const firstWrote = new Promise<void>((resolve) => (wrote = resolve));
  // The first holds its rows until the second is waiting on them, then commits.
  const first = write(async () => {
    wrote();
    await held;
  });
  await firstWrote;
  const second = write(async () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  expect((await storedPoints(rows[0].ticket_id)).length).toBeGreaterThan(0);
});
