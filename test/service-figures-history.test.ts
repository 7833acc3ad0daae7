import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { ACTION_PROCESSORS } from '../worker/actions/processors';
import { runAction } from '../worker/actions/run-action';
import { runTenantsCli } from '../tenants/tenants.commands';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The facts follow a ticket's whole history: a reopen starts a second
 * resolution run and the first keeps its outcome; the callback promised at
 * the resolution goes with it; a clock that runs out while nobody touches the
 * ticket is written breached by the ticket's watch, in the worker's
 * transaction; and `tenants figures rebuild` writes the same facts again.
 *
 * An inquiry at store-a (default store week, demo standard: resolved within
 * 1 working day, every ticket called back): registered Monday 2026-03-16 09:00,
 * assigned 09:10, resolved 10:00, reopened 11:00; read Tuesday 12:00.
 */
const at = (local: string) => new Date(`${local}+08:00`);
const clock = new ManualClock(at('2026-03-16T09:00:00')); // a Monday
let api: TestApi;
let admin: Client;
let key: string;
let ticketId: string;
let ticketUuid: string;

async function call(query: string, variables: Record<string, unknown> = {}) {
  const response = await api.gql(query, variables, key);
  if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data;
}

async function move(to: string, note: string): Promise<void> {
  const data = await call(`mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code message } } }`, { i: { ticketId, to, note } });
  expect(data.moveTicket.userErrors).toEqual([]);
}

const facts = async () =>
  (
    await admin.query<{ metric: string; started_at: Date; outcome: string; stopped_at: Date | null; breached_at: Date | null }>(
      `select metric, started_at, outcome, stopped_at, breached_at from ticket_metric_facts where ticket_id = $1 order by metric, started_at`,
      [ticketUuid],
    )
  ).rows.map((row) => [row.metric, row.started_at.toISOString(), row.outcome, row.stopped_at?.toISOString() ?? null, row.breached_at?.toISOString() ?? null]);

const iso = (local: string) => at(local).toISOString();

const FIGURES = `query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) { metrics { metric measured met breached running } } }`;
const figures = async () =>
  Object.fromEntries(
    (await call(FIGURES, { filter: { period: { day: '2026-03-16' } } })).serviceFigures.metrics.map(({ metric, ...rest }: { metric: string }) => [
      metric,
      rest,
    ]),
  );

beforeAll(async () => {
  api = await startTestApi({ clock, env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
  const definition = `${readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one')}\ncallbacks:\n  otherTypesShare: 1\n`;
  await api.gql(`mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`, { i: { definition } }, hqAdmin);
  key = (
    await api.gql(
      `mutation { createApiKey(input: { name: "history", role: STORE_MANAGER }) { secret } }`,
      undefined,
      await api.login('store-a', 'manager@store-a.test'),
    )
  ).body.data.createApiKey.secret;
  const registered = await call(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`, {
    i: { type: 'INQUIRY', channel: 'PHONE', problem: 'How do I back up my photos?', newCustomer: { name: 'Asker', phone: '13755550001' } },
  });
  ticketId = registered.registerTicket.ticket.id;
  ticketUuid = (await admin.query(`select id from tickets where problem = 'How do I back up my photos?'`)).rows[0].id;
}, 60000);

afterAll(async () => {
  await admin?.end();
  await api?.stop();
});

test('a reopen starts a second resolution run; the first keeps its outcome and the callback promised at the resolution goes', async () => {
  clock.set(at('2026-03-16T09:10:00'));
  const staff = await call(`{ staffUsers(first: 20) { edges { node { id email } } } }`);
  const agent = staff.staffUsers.edges.find((edge: { node: { email: string } }) => edge.node.email === 'agent@store-a.test').node.id;
  expect(
    (await call(`mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, { i: { ticketId, assigneeId: agent } })).assignTicket
      .userErrors,
  ).toEqual([]);
  clock.set(at('2026-03-16T10:00:00'));
  await move('RESOLVED', 'Showed the backup settings');
  expect(await facts()).toContainEqual(['CALLBACK', iso('2026-03-16T10:00:00'), 'RUNNING', null, null]);

  clock.set(at('2026-03-16T11:00:00'));
  await move('REOPENED', 'The backup did not run');
  expect(await facts()).toEqual([
    ['DISPATCH', iso('2026-03-16T09:00:00'), 'MET', iso('2026-03-16T09:10:00'), null],
    // Half a working day from 09:00: 09:00-12:00 and 13:30-14:15.
    ['FIRST_CONTACT', iso('2026-03-16T09:00:00'), 'RUNNING', null, null],
    // Stopped by the resolution; the update at the resolution starts no run, the reopen's does.
    ['PROGRESS_UPDATE', iso('2026-03-16T09:00:00'), 'MET', iso('2026-03-16T10:00:00'), null],
    ['PROGRESS_UPDATE', iso('2026-03-16T11:00:00'), 'RUNNING', null, null],
    ['RESOLUTION', iso('2026-03-16T09:00:00'), 'MET', iso('2026-03-16T10:00:00'), null],
    ['RESOLUTION', iso('2026-03-16T11:00:00'), 'RUNNING', null, null],
  ]);
});

test("a clock that runs out untouched is written breached by the ticket's watch, and the figures count it from its due instant", async () => {
  clock.set(at('2026-03-17T12:00:00'));
  // Read before the worker ran: the stored running rows past their due instant are counted breached already.
  const before = await figures();
  expect(before).toEqual({
    DISPATCH: { measured: 1, met: 1, breached: 0, running: 0 },
    FIRST_CONTACT: { measured: 1, met: 0, breached: 1, running: 0 },
    RESOLUTION: { measured: 2, met: 1, breached: 1, running: 0 },
    PROGRESS_UPDATE: { measured: 2, met: 1, breached: 1, running: 0 },
    CALLBACK: { measured: 0, met: 0, breached: 0, running: 0 },
  });

  // The ticket's watches due by now run as the worker runs them.
  const runner = { orm: api.orm, clock, processors: ACTION_PROCESSORS, processorDeps: {} as never, random: () => 0.5 };
  for (let round = 0; round < 50; round++) {
    const due = await admin.query<{ id: string; tenant_id: string }>(
      `select id, tenant_id from scheduled_actions where kind = 'TICKET_WATCH' and state = 'PENDING' and ticket_id = $1 and due_at <= $2 order by due_at`,
      [ticketUuid, clock.now()],
    );
    if (due.rows.length === 0) break;
    for (const action of due.rows) await runAction(runner, { tenantId: action.tenant_id, actionId: action.id });
  }
  const written = await facts();
  expect(written).toContainEqual(['FIRST_CONTACT', iso('2026-03-16T09:00:00'), 'BREACHED', null, iso('2026-03-16T14:15:00')]);
  // One working day from Monday 11:00.
  expect(written).toContainEqual(['RESOLUTION', iso('2026-03-16T11:00:00'), 'BREACHED', null, iso('2026-03-17T11:00:00')]);
  expect(await figures()).toEqual(before);
});

test('figures rebuild writes the same facts and rollups again, for one store or all of them', async () => {
  // The priority changes after runs settled: their counts move to the rollup row of the new priority.
  const changed = await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ticket { priority } userErrors { code } } }`, {
    i: { ticketId, priority: 'URGENT' },
  });
  expect(changed.updateTicket).toEqual({ ticket: { priority: 'URGENT' }, userErrors: [] });
  const finished = async () => (await facts()).filter((row) => row[3] !== null);
  const keys = async () => (await facts()).map((row) => row.slice(0, 2));
  // The rollups kept as the ticket changed, rows left at zero aside (a rebuild drops them).
  const rollups = async () =>
    (
      await admin.query(
        `select metric, priority, runs, met, breached, within_24h, working_minutes::float8 as working, calendar_seconds::float8 as calendar
           from ticket_metric_rollups where runs > 0 order by metric, priority`,
      )
    ).rows;
  const dayRollups = async () =>
    (
      await admin.query(
        `select metric, runs, met, breached, within_24h, working_minutes::float8 as working, calendar_seconds::float8 as calendar
           from ticket_metric_day_rollups where runs > 0 order by metric`,
      )
    ).rows;
  const before = { figures: await figures(), finished: await finished(), keys: await keys(), rollups: await rollups(), dayRollups: await dayRollups() };
  expect(before.dayRollups).toEqual(before.rollups.map(({ priority: _priority, ...row }) => row));
  expect(before.rollups.map((row) => [row.metric, row.priority, row.runs])).toEqual([
    ['DISPATCH', 'URGENT', 1],
    ['PROGRESS_UPDATE', 'URGENT', 1],
    ['RESOLUTION', 'URGENT', 1],
  ]);
  expect((await admin.query(`select priority, runs from ticket_metric_rollups where runs = 0 order by metric`)).rows.length).toBeGreaterThan(0);
  await admin.query(`delete from ticket_metric_facts`);
  const out: string[] = [];
  const err: string[] = [];
  const cli = (...argv: string[]) => runTenantsCli(argv, { config: api.config, out: (line) => out.push(line), err: (line) => err.push(line) });

  expect(await cli('figures', 'rebuild', '--tenant', 'store-a')).toBe(0);
  expect(out).toEqual(['store-a: 1 ticket(s)', 'rebuilt the service-figure facts of 1 ticket(s) in 1 store(s)']);
  // Rebuilt at the real time, long after: every run is decided alike.
  expect(await figures()).toEqual(before.figures);
  expect(await finished()).toEqual(before.finished);
  expect(await keys()).toEqual(before.keys);
  expect(await rollups()).toEqual(before.rollups);
  expect(await dayRollups()).toEqual(before.dayRollups);
  expect((await admin.query(`select count(*)::int as n from ticket_metric_rollups where runs = 0`)).rows[0].n).toBe(0);

  out.length = 0;
  expect(await cli('figures', 'rebuild')).toBe(0);
  expect(out[out.length - 1]).toBe('rebuilt the service-figure facts of 1 ticket(s) in 3 store(s)');
  expect(await cli('figures', 'rebuild', '--tenant', 'hq-one')).toBe(1);
  expect(err.join('\n')).toMatch(/^no store with slug hq-one/);
});

test('a first contact made the instant the ticket is registered (a call taken and answered) counts, met in no working time', async () => {
  const registered = await call(`mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`, {
    i: { type: 'INQUIRY', channel: 'PHONE', problem: 'Answered on the call', newCustomer: { name: 'Caller', phone: '13755550002' } },
  });
  const contacted = await call(`mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code message } } }`, {
    i: { ticketId: registered.registerTicket.ticket.id, channel: 'PHONE', reached: true, outcome: 'Explained on the call' },
  });
  expect(contacted.recordCustomerContact.userErrors).toEqual([]);
  const rows = await admin.query<{ outcome: string; started_at: Date; stopped_at: Date; working_minutes: string }>(
    `select f.outcome, f.started_at, f.stopped_at, f.working_minutes from ticket_metric_facts f join tickets t on t.tenant_id = f.tenant_id and t.id = f.ticket_id
      where t.problem = 'Answered on the call' and f.metric = 'FIRST_CONTACT'`,
  );
  expect(rows.rows.map((row) => [row.outcome, row.stopped_at.getTime() - row.started_at.getTime(), Number(row.working_minutes)])).toEqual([['MET', 0, 0]]);
});
