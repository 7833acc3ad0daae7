import { Client } from 'pg';
import type { Clock } from '../../core/clock';
import { hashPassword } from '../../domain/auth/passwords';
import type { Orm } from '../../domain/ports/database';
import { rebuildStoreDeadlines } from '../store-deadlines';
import { rebuildStoreFigures } from '../store-figures';
import { networkContentHash, type ContentHash } from './content-hash';
import { INSERT_CUSTOMERS, INSERT_DEVICES } from './customers-sql';
import type { NetworkOptions } from './options';
import { provisionHq, storeStandardSnapshot } from './provision-hq';
import { randomFunctionsSql } from './random-functions';
import { storeCustomerCount, storeStaffCount, storeTicketCounts } from './store-sizes';
import { CREATE_STORE_PLAN, FILL_STORE_PLAN, INSERT_CALENDARS, INSERT_PARTNERS, INSERT_STAFF, INSERT_STORES } from './stores-sql';
import { CREATE_NUMBER_PLAN, CREATE_SEQUENCES } from './ticket-numbers-sql';
import { INSERT_PARTS, INSERT_TICKETS, INSERT_TIMELINE, PLAN_BATCH, RECORD_NUMBERS } from './tickets-sql';

/** Every generated staff user signs in with this password (the stores are for measuring, not for real people). */
export const GENERATED_STAFF_PASSWORD = 'network-password-1';
/** Partners beside the demo's repair partner: with the HQ and 1,000 stores, 1,005 tenants. */
const EXTRA_PARTNERS = 3;
/** Stores are written in batches of about this many tickets, each batch one transaction. */
const BATCH_TICKETS = 100_000;

export interface GenerateIo {
  adminUrl: string;
  /** The runtime connection (RLS), for the steps that go through the product's code. */
  orm: Orm;
  clock: Clock;
  out(line: string): void;
}

export interface GeneratedNetwork {
  stores: number;
  tickets: number;
  openTickets: number;
  timelineEntries: number;
  clockPoints: number;
  metricFacts: number;
  seconds: number;
  content: ContentHash;
}

/**
 * A franchise network at scale in a freshly migrated database: the demo HQ
 * with its standard, its partners, `stores` stores and `tickets` tickets with
 * their customers, devices, staff, timelines and parts orders. The bulk is
 * written with set-based SQL over the admin connection; the HQ, its standard
 * and the open tickets' clock points go through the product's own code.
 */
export async function generateNetwork(options: NetworkOptions, io: GenerateIo): Promise<GeneratedNetwork> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const admin = new Client({ connectionString: io.adminUrl });
  await admin.connect();
  try {
    const existing = await admin.query(`select 1 from tenants where slug like 'net-s%' limit 1`);
    if (existing.rowCount) throw new Error('this database already holds a generated network; generate into a fresh one');

    const { hqId } = await provisionHq(io.orm, io.clock);
    io.out(`HQ, partner, standard and calendar provisioned (${elapsed()})`);

    for (const sql of randomFunctionsSql(options.seed)) await admin.query(sql);
    const counts = storeTicketCounts(options.stores, options.tickets);
    await admin.query(CREATE_STORE_PLAN);
    await admin.query(FILL_STORE_PLAN, [counts, counts.map(storeCustomerCount), counts.map(storeStaffCount)]);
    const asOf = options.asOf.toISOString();
    const passwordHash = await hashPassword(GENERATED_STAFF_PASSWORD);
    await admin.query('begin');
    await admin.query(INSERT_STORES, [hqId, asOf]);
    await admin.query(INSERT_PARTNERS, [hqId, EXTRA_PARTNERS, asOf]);
    await admin.query(INSERT_CALENDARS);
    const staff = await admin.query(INSERT_STAFF, [passwordHash, asOf]);
    await admin.query('commit');
    io.out(`${options.stores} stores, ${EXTRA_PARTNERS} more partners and ${staff.rowCount} staff (${elapsed()})`);

    const [{ tenant_id: firstStore }] = (await admin.query<{ tenant_id: string }>('select tenant_id from gen_stores where k = 1')).rows;
    const snapshot = await storeStandardSnapshot(io.orm, io.clock, firstStore);
    const models = (await admin.query<{ id: string }>('select id from product_models where tenant_id = $1 order by model_code', [hqId])).rows.map((r) => r.id);
    await admin.query(CREATE_NUMBER_PLAN);

    let written = 0;
    for (const [from, to] of storeBatches(counts)) {
      await admin.query('begin');
      await admin.query(INSERT_CUSTOMERS, [from, to, asOf]);
      await admin.query(INSERT_DEVICES, [from, to, asOf, models]);
      await admin.query(PLAN_BATCH, [from, to, asOf]);
      const tickets = await admin.query(INSERT_TICKETS, [JSON.stringify(snapshot)]);
      await admin.query(INSERT_TIMELINE);
      await admin.query(INSERT_PARTS);
      await admin.query(RECORD_NUMBERS);
      await admin.query('drop table gen_batch');
      await admin.query('commit');
      written += tickets.rowCount ?? 0;
      io.out(`stores ${from}-${to}: ${written} of ${options.tickets} tickets (${elapsed()})`);
    }
    await admin.query(CREATE_SEQUENCES);
    io.out(`ticket number sequences advanced past the generated numbers (${elapsed()})`);
    await admin.query('analyze');
    io.out(`analyzed (${elapsed()})`);

    const open = await rebuildOpenTicketsClockPoints(admin, io);
    io.out(`clock points of ${open} open ticket(s) written (${elapsed()})`);
    const measured = await rebuildEveryStoreFigures(admin, io);
    io.out(`service-figure facts of ${measured} ticket(s) written (${elapsed()})`);
    // As autovacuum leaves a table whose rows settled: planned from its statistics, its pages marked all-visible for index-only reads.
    await admin.query(
      'vacuum analyze ticket_metric_facts, ticket_metric_rollups, ticket_metric_day_rollups, ticket_metric_month_rollups, ticket_metric_month_buckets',
    );

    const content = await networkContentHash(admin);
    // Said last, so a generation that stopped half-way is never taken for a finished one.
    await admin.query(`do $$ begin execute format('comment on database %I is %L', current_database(), ${escapeLiteralForDo(networkMarker(options))}); end $$`);
    const totals = (
      await admin.query<{ open: string; clock_points: string; facts: string }>(
        `select (select count(*) from tickets where status not in ('CLOSED', 'CANCELLED')) as open, (select count(*) from ticket_clock_points) as clock_points,
                (select count(*) from ticket_metric_facts) as facts`,
      )
    ).rows[0];
    return {
      stores: options.stores,
      tickets: content.counts.tickets,
      openTickets: Number(totals.open),
      timelineEntries: content.counts.timeline,
      clockPoints: Number(totals.clock_points),
      metricFacts: Number(totals.facts),
      seconds: (Date.now() - started) / 1000,
      content,
    };
  } finally {
    await admin.end();
  }
}

/** What a finished generation writes on its database, so a benchmark can reuse a network of the same parameters. */
export function networkMarker(options: NetworkOptions): string {
  // The kind of network in front: a database written by an earlier generator (without the service-figure facts) is not taken for this one.
  return `generated network with figure facts: seed ${options.seed}, ${options.stores} stores, ${options.tickets} tickets, as of ${options.asOf.toISOString()}`;
}

/** A literal inside a DO block's dollar quotes (the marker holds no dollar sign). */
function escapeLiteralForDo(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Consecutive stores whose tickets add up to about BATCH_TICKETS (a big store alone). */
function* storeBatches(counts: number[]): Generator<[number, number]> {
  let from = 1;
  let sum = 0;
  for (let k = 1; k <= counts.length; k += 1) {
    sum += counts[k - 1];
    if (sum >= BATCH_TICKETS || k === counts.length) {
      yield [from, k];
      from = k + 1;
      sum = 0;
    }
  }
}

/** The stored clock points of every store with open tickets, with the rebuild the CLI runs. */
async function rebuildOpenTicketsClockPoints(admin: Client, io: GenerateIo): Promise<number> {
  const { rows } = await admin.query<{ tenant_id: string }>(
    `select s.tenant_id from gen_stores s where exists (select 1 from tickets t where t.tenant_id = s.tenant_id and t.status not in ('CLOSED', 'CANCELLED')) order by s.k`,
  );
  return twoStoresAtATime(
    rows.map((row) => row.tenant_id),
    (tenantId) => rebuildStoreDeadlines(io.orm, tenantId),
    (done) => io.out(`clock points: ${done} of ${rows.length} stores`),
  );
}

/**
 * Every store's service-figure facts from its year of tickets, with the
 * rebuild `npm run tenants -- figures rebuild` runs, as of the generation's
 * clock: the figures HQ reads are those the product would have written.
 */
async function rebuildEveryStoreFigures(admin: Client, io: GenerateIo): Promise<number> {
  const { rows } = await admin.query<{ tenant_id: string }>(`select s.tenant_id from gen_stores s order by s.k`);
  return twoStoresAtATime(
    rows.map((row) => row.tenant_id),
    (tenantId) => rebuildStoreFigures(io.orm, tenantId, io.clock),
    (done) => io.out(`service-figure facts: ${done} of ${rows.length} stores`),
  );
}

/** Runs a store's rebuild over the stores, two at a time; the count of tickets rebuilt, with a line every 100 stores. */
async function twoStoresAtATime(
  tenantIds: string[],
  rebuild: (tenantId: string) => Promise<{ count: number } | null>,
  progress: (done: number) => void,
): Promise<number> {
  let next = 0;
  let total = 0;
  let done = 0;
  const worker = async () => {
    while (next < tenantIds.length) {
      const rebuilt = await rebuild(tenantIds[next++]);
      total += rebuilt?.count ?? 0;
      done += 1;
      if (done % 100 === 0) progress(done);
    }
  };
  await Promise.all([worker(), worker()]);
  return total;
}
