import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import type { ProcessorDeps } from '../domain/scheduling/processor';
import { warnOfMissingCalendars } from '../domain/standards/calendar-warning';
import { loadNationalCalendar, storeCalendar } from '../domain/standards/national-calendar';
import { provisionalHolidaysCN, statutoryHolidaysCN } from '../domain/standards/provisional-calendar';
import { WorkingCalendar } from '../domain/standards/working-calendar';
import { toGlobalId } from '../core/global-id';
import { runTenantsCli } from '../tenants/tenants.commands';
import { runForTenant } from '../worker/tenant-job';
import { drainDueActions } from './support/action-driver';
import { writeTempYaml } from './support/network';
import type { SmtpCatcher } from './support/smtp-catcher';
import type { TestApi } from './support/test-api';
import { startWorkerDesk, WorkerDesk } from './support/worker-desk';

/**
 * The calendar does not end with the last year shipped: a year without an
 * official calendar is counted on a provisional one computed from the
 * statutory rules, and says so; from 1 October HQ's admins are told, once,
 * that next year's calendar is missing; and HQ publishing it (API or CLI)
 * recomputes every open ticket's due times, in every process at once.
 */
const shanghai = (local: string) => new Date(`${local}+08:00`);
const WEEKDAY = ['09:00-12:00', '13:30-18:00'];

describe('the statutory rules, on known years', () => {
  const dates = (year: number, name: RegExp) =>
    statutoryHolidaysCN(year)
      .filter((day) => name.test(day.name))
      .map((day) => day.date);

  test('the lunar holidays and the Qingming solar term fall where the official notices of 2025 and 2026 put them', () => {
    expect(dates(2025, /Spring Festival/)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(dates(2025, /Qingming/)).toEqual(['2025-04-04']);
    expect(dates(2025, /Dragon Boat/)).toEqual(['2025-05-31']);
    expect(dates(2025, /Mid-Autumn/)).toEqual(['2025-10-06']);
    expect(dates(2026, /Spring Festival/)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(dates(2026, /Qingming/)).toEqual(['2026-04-05']);
    expect(dates(2026, /Dragon Boat/)).toEqual(['2026-06-19']);
    expect(dates(2026, /Mid-Autumn/)).toEqual(['2026-09-25']);
    expect(statutoryHolidaysCN(2026)).toHaveLength(13);
  });

  test('the provisional 2026 gives no day off that the official 2026 does not, and the weekend days are made up after them', () => {
    const official = loadNationalCalendar('CN');
    const provisional = provisionalHolidaysCN(2026)!;
    for (const date of provisional.keys()) expect(official.holidays.has(date)).toBe(true);
    // Qingming on Sunday 5 April is made up on Monday 6 April; Labour Day's Saturday 2 May on Monday 4 May; National Day's Saturday on Monday 5 October
    expect(provisional.get('2026-04-06')).toMatch(/Qingming.*in lieu of 2026-04-05/);
    expect(provisional.get('2026-05-04')).toMatch(/Labour Day.*in lieu of 2026-05-02/);
    expect(provisional.get('2026-10-05')).toMatch(/National Day.*in lieu of 2026-10-03/);
  });

  test('2027, not published: the Spring Festival weekend is made up on the Tuesday and Wednesday after it', () => {
    const provisional = provisionalHolidaysCN(2027)!;
    expect([...provisional.keys()].filter((date) => date.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(provisional.has('2027-01-01')).toBe(true);
    expect(provisionalHolidaysCN(2024)).toBeNull(); // before the rules in force since 2025
  });
});

describe('a store calendar past the last official year', () => {
  const store = new WorkingCalendar(
    storeCalendar(loadNationalCalendar('CN'), { weekly: { 1: WEEKDAY, 2: WEEKDAY, 3: WEEKDAY, 4: WEEKDAY, 5: WEEKDAY, 6: ['10:00-16:00'] } }),
  );

  test("31 December 2026 at 17:00 plus one working day is not New Year's Day 2027, and the count is marked provisional", () => {
    expect(store.isWorkingDay('2027-01-01')).toBe(false);
    // Friday 1 January is a provisional holiday; Saturday 2 January is worked, and 17:00 is after its close
    const due = store.addWorkingDays(shanghai('2026-12-31T17:00:00'), 1);
    expect(due).toEqual(shanghai('2027-01-02T16:00:00'));
    expect(store.isProvisional('2027-01-02')).toBe(true);
    expect(store.isProvisional('2026-12-31')).toBe(false);
    expect(store.touchesProvisionalDays(shanghai('2026-12-31T17:00:00'), due)).toBe(true);
    expect(store.touchesProvisionalDays(shanghai('2026-12-01T17:00:00'), shanghai('2026-12-31T17:00:00'))).toBe(false);
  });
});

describe('in the platform', () => {
  const clock = new ManualClock(shanghai('2026-09-30T10:00:00'));
  let desk: WorkerDesk;
  let api: TestApi;
  let admin: Client;
  let smtp: SmtpCatcher;
  let deps: ProcessorDeps;
  let hqAdmin: string;
  let storeKey: string;
  let inquiry: string;

  /**
   * Not an official notice: a year made up for these tests (every statutory
   * day of 2027, and Saturday 2 January off) to see a publication take effect.
   */
  const TEST_2027 = `calendar: CN
year: 2027
timeZone: Asia/Shanghai
holidays:
  - { date: 2027-01-01, name: New Year's Day }
  - { date: 2027-01-02, name: New Year's Day }
  - { date: 2027-01-03, name: New Year's Day }
  - { date: 2027-02-05, name: Spring Festival }
  - { date: 2027-02-06, name: Spring Festival }
  - { date: 2027-02-07, name: Spring Festival }
  - { date: 2027-02-08, name: Spring Festival }
  - { date: 2027-04-05, name: Qingming Festival }
  - { date: 2027-05-01, name: Labour Day }
  - { date: 2027-05-02, name: Labour Day }
  - { date: 2027-06-09, name: Dragon Boat Festival }
  - { date: 2027-09-15, name: Mid-Autumn Festival }
  - { date: 2027-10-01, name: National Day }
  - { date: 2027-10-02, name: National Day }
  - { date: 2027-10-03, name: National Day }
adjustedWorkdays:
  - { date: 2027-02-20, name: worked for the Spring Festival (Saturday) }
`;
  const PUBLISH = `mutation($i: PublishNationalCalendarInput!) { publishNationalCalendar(input: $i) {
    year { year source provisional revision holidays { date } adjustedWorkdays { date hours } } changed tenantsRecomputing userErrors { field code message } } }`;
  const CALENDAR = `query($from: Int, $to: Int) { nationalCalendar(fromYear: $from, toYear: $to) { code timeZone
    years { year source provisional publishedAt holidays { date name } } missingYears { year since warnedAt message } } }`;

  const gql = async (query: string, variables: Record<string, unknown>, credential: string) => {
    const response = await api.gql(query, variables, credential);
    if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
    return response.body.data;
  };
  const drain = () => drainDueActions(api.orm, clock, deps);
  const hqId = async (slug: string) => (await admin.query<{ id: string }>('select id from tenants where slug = $1', [slug])).rows[0].id;
  const checkCalendars = async (slug: string) => runForTenant(api.orm, clock, await hqId(slug), warnOfMissingCalendars);
  const watchDue = async (ticketGlobalId: string) => {
    const id = Buffer.from(ticketGlobalId, 'base64').toString().split(':')[1];
    const rows = await admin.query<{ due_at: Date }>(
      `select due_at from scheduled_actions where ticket_id = $1 and kind = 'TICKET_WATCH' and state = 'PENDING'`,
      [id],
    );
    return rows.rows.map((row) => row.due_at);
  };

  beforeAll(async () => {
    desk = await startWorkerDesk(clock);
    ({ api, admin, smtp, deps, key: storeKey } = desk);
    const hqLogin = await api.login('hq-one', 'admin@hq-one.test');
    // API keys do not expire: the clock moves months ahead
    hqAdmin = (await gql(`mutation { createApiKey(input: { name: "quality", role: HQ_ADMIN }) { secret } }`, {}, hqLogin)).createApiKey.secret;
  }, 60000);

  afterAll(() => desk?.close());

  test('before 1 October nobody is warned; from 1 October HQ admins are told once that 2027 is missing, by e-mail and in the API', async () => {
    expect(await checkCalendars('hq-one')).toBe(0);
    expect((await gql(CALENDAR, {}, hqAdmin)).nationalCalendar.missingYears).toEqual([]);

    clock.set(shanghai('2026-10-01T03:30:00'));
    const before = (await gql(CALENDAR, {}, hqAdmin)).nationalCalendar;
    expect(before.years.map((y: { year: number; source: string; provisional: boolean }) => [y.year, y.source, y.provisional])).toEqual([
      [2026, 'SHIPPED', false],
      [2027, 'PROVISIONAL', true],
    ]);
    expect(before.missingYears).toEqual([
      {
        year: 2027,
        since: shanghai('2026-10-01T00:00:00').toISOString(),
        warnedAt: null,
        message: expect.stringMatching(/official 2027 calendar \(CN\) is not published/),
      },
    ]);

    expect(await checkCalendars('hq-one')).toBe(1);
    expect(await checkCalendars('hq-one')).toBe(0); // once per HQ and year
    clock.set(shanghai('2026-10-02T03:30:00'));
    expect(await checkCalendars('hq-one')).toBe(0);
    expect(await checkCalendars('hq-two')).toBe(1); // each HQ for itself
    await drain();
    const mails = smtp.messages.filter((message) => message.subject.includes('2027'));
    expect(mails.map((message) => [message.to, message.subject])).toEqual([
      [['admin@hq-one.test'], '2027 年节假日安排（CN）尚未发布'],
      [['admin@hq-two.test'], '2027 年节假日安排（CN）尚未发布'],
    ]);
    expect(mails[0].text).toMatch(/按法定节假日规则推算的暂定日历/);
    const after = (await gql(CALENDAR, {}, hqAdmin)).nationalCalendar.missingYears;
    expect(after[0].warnedAt).toBe(shanghai('2026-10-01T03:30:00').toISOString());
    // a store sees the same, its HQ's calendar
    const store = (await gql(CALENDAR, { from: 2027, to: 2027 }, storeKey)).nationalCalendar;
    expect(store.years[0]).toMatchObject({ year: 2027, source: 'PROVISIONAL', provisional: true });
    expect(store.years[0].holidays).toContainEqual({ date: '2027-01-01', name: "New Year's Day (元旦)" });
    expect(store.missingYears[0].warnedAt).toBe(after[0].warnedAt);
  });

  test('a request on 31 December 2026 at 17:00 with one working day is due on Saturday 2 January 2027, and its clocks say they are provisional', async () => {
    clock.set(shanghai('2026-12-31T17:00:00'));
    const registered = await gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`,
      { i: { type: 'INQUIRY', channel: 'PHONE', problem: 'Which charger?', newCustomer: { name: 'Han Mei', phone: '13900139011', locale: 'EN' } } },
      storeKey,
    );
    inquiry = registered.registerTicket.ticket.id;
    const tech = await admin.query<{ id: string }>(`select id from staff_users where email = 'tech@store-a.test'`);
    await gql(
      `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`,
      { i: { ticketId: inquiry, assigneeId: toGlobalId('StaffUser', tech.rows[0].id) } },
      storeKey,
    );
    await gql(
      `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`,
      { i: { ticketId: inquiry, channel: 'PHONE', reached: true, outcome: 'Told her we check' } },
      storeKey,
    );
    const clocks = (await gql(`query($id: ID!) { ticket(id: $id) { slaClocks { metric state dueAt provisional } } }`, { id: inquiry }, storeKey)).ticket
      .slaClocks;
    expect(clocks.find((c: { metric: string }) => c.metric === 'RESOLUTION')).toEqual({
      metric: 'RESOLUTION',
      state: 'RUNNING',
      dueAt: shanghai('2027-01-02T16:00:00').toISOString(),
      provisional: true,
    });
    expect(clocks.find((c: { metric: string }) => c.metric === 'DISPATCH')).toMatchObject({ state: 'MET', provisional: false });
    // the ticket's next turning point is on the provisional Saturday
    const [watch] = await watchDue(inquiry);
    expect(watch.toISOString().slice(0, 10)).toBe('2027-01-02');
  });

  test('a staff message about a provisional due time says so', async () => {
    clock.set(shanghai('2027-01-02T15:00:00'));
    await drain();
    const reminder = smtp.messages.find((message) => message.to.includes('tech@store-a.test') && message.subject.includes('即将超时'));
    expect(reminder?.subject).toMatch(/的解决时限，期限 2027-01-02 16:00（按暂定节假日计算，以官方安排为准）$/);
    const timeline = (await gql(`query($id: ID!) { ticket(id: $id) { timeline(first: 50) { edges { node { kind summary } } } } }`, { id: inquiry }, storeKey))
      .ticket.timeline;
    const atRisk = timeline.edges.map((e: { node: { kind: string; summary: string } }) => e.node).find((n: { kind: string }) => n.kind === 'SLA_AT_RISK');
    expect(atRisk.summary).toMatch(/RESOLUTION at risk \(1 working days, due 2027-01-02T08:00:00.000Z \(provisional calendar\)\)/);
  });

  test('refused: by a store, a file missing a statutory day, a date outside the year', async () => {
    const byStore = await api.gql(PUBLISH, { i: { definition: TEST_2027 } }, storeKey);
    expect(byStore.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const missing = await gql(PUBLISH, { i: { definition: TEST_2027.replace('  - { date: 2027-04-05, name: Qingming Festival }\n', '') } }, hqAdmin);
    expect(missing.publishNationalCalendar).toMatchObject({
      year: null,
      changed: false,
      userErrors: [
        { field: ['definition'], code: 'STATUTORY_HOLIDAY_MISSING', message: expect.stringMatching(/missing: 2027-04-05 \(Qingming Festival \(清明节\)\)/) },
      ],
    });
    const outside = await gql(PUBLISH, { i: { definition: TEST_2027.replace('2027-02-20', '2028-02-20') } }, hqAdmin);
    expect(outside.publishNationalCalendar.userErrors[0]).toMatchObject({
      code: 'INVALID_CALENDAR',
      message: expect.stringMatching(/adjustedWorkdays\.0: 2028-02-20 is not in 2027/),
    });
    expect((await admin.query('select count(*)::int as n from national_calendars')).rows[0].n).toBe(0);
  });

  test("HQ publishes 2027: every tenant of its network recomputes its open tickets' due times, and nothing is provisional any more", async () => {
    const published = await gql(PUBLISH, { i: { definition: TEST_2027 } }, hqAdmin);
    expect(published.publishNationalCalendar).toMatchObject({
      year: { year: 2027, source: 'PUBLISHED', provisional: false, revision: 1, adjustedWorkdays: [{ date: '2027-02-20', hours: null }] },
      changed: true,
      tenantsRecomputing: 4, // hq-one, store-a, store-b, partner-p
      userErrors: [],
    });
    const recomputes = await admin.query(
      `select t.slug, a.state from scheduled_actions a join tenants t on t.id = a.tenant_id where a.kind = 'CALENDAR_RECOMPUTE' order by t.slug`,
    );
    expect(recomputes.rows).toEqual(['hq-one', 'partner-p', 'store-a', 'store-b'].map((slug) => ({ slug, state: 'PENDING' })));
    await drain();
    const done = await admin.query(
      `select t.slug, a.state, a.result from scheduled_actions a join tenants t on t.id = a.tenant_id where a.kind = 'CALENDAR_RECOMPUTE' and t.slug = 'store-a'`,
    );
    expect(done.rows[0]).toMatchObject({ state: 'DONE', result: { recomputed: 1, more: false } });
    // Saturday 2 January is a holiday now: the next turning point moved to Monday 4 January
    const [watch] = await watchDue(inquiry);
    expect(watch.toISOString().slice(0, 10)).toBe('2027-01-04');
    const clocks = (await gql(`query($id: ID!) { ticket(id: $id) { slaClocks { metric dueAt provisional } } }`, { id: inquiry }, storeKey)).ticket.slaClocks;
    expect(clocks.find((c: { metric: string }) => c.metric === 'RESOLUTION')).toEqual({
      metric: 'RESOLUTION',
      dueAt: shanghai('2027-01-04T17:00:00').toISOString(),
      provisional: false,
    });
    const calendar = (await gql(CALENDAR, { from: 2026, to: 2027 }, hqAdmin)).nationalCalendar;
    expect(calendar.missingYears).toEqual([]);
    expect(calendar.years[1]).toMatchObject({ year: 2027, source: 'PUBLISHED', provisional: false });

    const again = await gql(PUBLISH, { i: { definition: TEST_2027 } }, hqAdmin);
    expect(again.publishNationalCalendar).toMatchObject({ changed: false, tenantsRecomputing: 0, year: { revision: 1 } });
    // another network still follows the provisional year
    const otherHq = await api.login('hq-two', 'admin@hq-two.test');
    expect((await gql(CALENDAR, { from: 2027, to: 2027 }, otherHq)).nationalCalendar.years[0].source).toBe('PROVISIONAL');
  });

  test('the tenants CLI publishes a corrected year; the running API sees it at once, without a restart', async () => {
    const corrected = writeTempYaml(TEST_2027.replace("  - { date: 2027-01-03, name: New Year's Day }\n", ''), 'cn-2027.yaml');
    const out: string[] = [];
    const err: string[] = [];
    const io = { config: api.config, out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    expect(await runTenantsCli(['calendar', 'publish', corrected, '--hq', 'hq-one'], io)).toBe(0);
    expect(out).toEqual(["published CN 2027 for hq-one (revision 2); 4 tenant(s) recompute their open tickets' due times"]);
    expect(await runTenantsCli(['calendar', 'publish', corrected, '--hq', 'hq-one'], io)).toBe(0);
    expect(out[1]).toBe('no changes: CN 2027 is already published for hq-one with these days');
    expect(await runTenantsCli(['calendar', 'publish', corrected, '--hq', 'store-a'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/no HQ with slug store-a/);
    const year = (await gql(CALENDAR, { from: 2027, to: 2027 }, storeKey)).nationalCalendar.years[0];
    expect(year.holidays.map((day: { date: string }) => day.date)).not.toContain('2027-01-03');
    const pending = await admin.query(
      `select count(*)::int as n from scheduled_actions where kind = 'CALENDAR_RECOMPUTE' and idempotency_key like '%:2027:2' and state = 'PENDING'`,
    );
    expect(pending.rows[0].n).toBe(4);
  });

  test('a store with more open tickets than one run takes is recomputed in runs that follow each other, every ticket once', async () => {
    const storeB = await hqId('store-b');
    const standard = await admin.query(`select sla_standard from tickets limit 1`);
    await admin.query(
      `with c as (
         insert into customers (tenant_id, name, phone) select $1, 'Many ' || g, '1380000' || lpad(g::text, 4, '0') from generate_series(1, 120) g returning id
       )
       insert into tickets (tenant_id, number, type, channel, priority, status, customer_id, problem, contact_name, contact_phone, sla_standard, created_at)
       select $1, 'B-2026-' || lpad(row_number() over ()::text, 6, '0'), 'INQUIRY', 'PHONE', 'NORMAL', 'NEW', c.id, 'Many', 'Many', '138', $2::jsonb, $3 from c`,
      [storeB, JSON.stringify(standard.rows[0].sla_standard), shanghai('2026-12-31T16:00:00')],
    );
    const out: string[] = [];
    const io = { config: api.config, out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await runTenantsCli(['calendar', 'publish', writeTempYaml(TEST_2027, 'cn-2027.yaml'), '--hq', 'hq-one'], io)).toBe(0);
    await drain();
    const runs = await admin.query(
      `select idempotency_key, state, result from scheduled_actions where tenant_id = $1 and kind = 'CALENDAR_RECOMPUTE' and idempotency_key like 'calendar-recompute:CN:2027:3%' order by created_at, idempotency_key`,
      [storeB],
    );
    expect(runs.rows.map((row) => [row.idempotency_key.replace(/after:.*/, 'after:…'), row.state, row.result])).toEqual([
      ['calendar-recompute:CN:2027:3', 'DONE', { recomputed: 100, more: true }],
      ['calendar-recompute:CN:2027:3:after:…', 'DONE', { recomputed: 20, more: false }],
    ]);
    const watched = await admin.query(
      `select count(distinct ticket_id)::int as n from scheduled_actions where tenant_id = $1 and kind = 'TICKET_WATCH' and state = 'PENDING'`,
      [storeB],
    );
    expect(watched.rows[0].n).toBe(120);
  }, 120000);
});
