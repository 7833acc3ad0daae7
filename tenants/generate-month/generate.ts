import { Client } from 'pg';
import type { Clock } from '../../core/clock';
import type { Orm } from '../../domain/ports/database';
import { randomFunctionsSql } from '../generate-network/random-functions';
import { storeStandardSnapshot } from '../generate-network/provision-hq';
import { rebuildStoreDeadlines } from '../store-deadlines';
import { rebuildStoreFigures } from '../store-figures';
import type { MonthOptions } from './options';
import {
  CREATE_MONTH_STORES,
  INSERT_MONTH_CALLBACKS,
  INSERT_MONTH_CUSTOMERS,
  INSERT_MONTH_DATE_CHANGES,
  INSERT_MONTH_DEVICES,
  INSERT_MONTH_DISPATCHES,
  INSERT_MONTH_PARTS,
  INSERT_MONTH_STORE,
  INSERT_MONTH_TICKETS,
  INSERT_MONTH_TIMELINE,
  INSERT_MONTH_WORK_ORDERS,
  PLAN_MONTH,
  SETTLE_MONTH_TICKETS,
} from './month-sql';

/** The demo network's stores and how slowly each works: Shenzhen noticeably slower, so the ranking has a spread. */
export const DEMO_STORES: readonly { slug: string; factor: number }[] = [
  { slug: 'bj-zgc', factor: 1 },
  { slug: 'sh-xjh', factor: 1.4 },
  { slug: 'sz-hqb', factor: 2.6 },
];

export interface MonthIo {
  adminUrl: string;
  orm: Orm;
  clock: Clock;
  out(line: string): void;
}

export interface GeneratedMonth {
  tickets: { slug: string; count: number }[];
  runs: number;
}

/**
 * A realistic month of tickets in the demo network's stores, with their
 * timelines, parts orders, answered callbacks and repairs handed to the
 * network's repair centre, written with set-based SQL
 * over the admin connection; then the clock deadlines and service-figure facts
 * are rebuilt from that history with the product's own code. Refuses a
 * database without the demo's stores, or a month already generated.
 */
export async function generateMonth(options: MonthOptions, io: MonthIo): Promise<GeneratedMonth> {
  const admin = new Client({ connectionString: io.adminUrl });
  await admin.connect();
  const stores: { slug: string; id: string }[] = [];
  try {
    const { rows: found } = await admin.query<{ slug: string; id: string; hq: string }>(
      `select s.slug, s.id, s.parent_id as hq from tenants s join tenants h on h.id = s.parent_id and h.slug = 'demo-hq'
        where s.kind = 'STORE' and s.slug = any($1::text[])`,
      [DEMO_STORES.map((s) => s.slug)],
    );
    for (const { slug } of DEMO_STORES) {
      const store = found.find((row) => row.slug === slug);
      if (!store) throw new Error(`no demo store ${slug} under demo-hq: apply tenants/demo first (npm run demo)`);
      stores.push(store);
    }
    const tag = options.month.replace('-', '');
    const already = await admin.query(`select 1 from tickets where tenant_id = any($1::uuid[]) and number like $2 limit 1`, [
      stores.map((s) => s.id),
      `G${tag}-%`,
    ]);
    if (already.rowCount) throw new Error(`${options.month} already has generated tickets; generate another month, or into a fresh demo`);
    const hqId = found[0].hq;
    const models = (await admin.query<{ id: string }>('select id from product_models where tenant_id = $1 order by model_code', [hqId])).rows.map((r) => r.id);
    if (!models.length) throw new Error('the demo HQ has no product models: apply tenants/demo first');
    const now = io.clock.now().toISOString();

    const snapshots = [];
    for (const store of stores) snapshots.push(await storeStandardSnapshot(io.orm, io.clock, store.id));
    if (snapshots.some((s) => !s)) throw new Error('no service standard in force: publish tenants/templates/demo-hq.yaml first');

    await admin.query('begin');
    // The planner guesses a thousand rows for each generate_series and would compile the month's plan to machine
    // code, which takes longer than writing a month of a few thousand tickets.
    await admin.query('set local jit = off');
    for (const sql of randomFunctionsSql(options.seed)) await admin.query(sql);
    await admin.query(CREATE_MONTH_STORES);
    for (const [i, store] of stores.entries()) {
      const staff = (
        await admin.query<{ id: string }>(
          `select id from staff_users where tenant_id = $1 and role in ('STORE_MANAGER', 'STORE_AGENT', 'TECHNICIAN') order by role desc, email`,
          [store.id],
        )
      ).rows.map((r) => r.id);
      if (!staff.length) throw new Error(`${store.slug} has no staff`);
      await admin.query(INSERT_MONTH_STORE, [i + 1, store.id, DEMO_STORES[i].factor, staff, JSON.stringify(snapshots[i])]);
    }
    await admin.query(PLAN_MONTH, [`${options.month}-01`, options.perDay, models, tag]);
    await admin.query(INSERT_MONTH_CUSTOMERS, [tag]);
    await admin.query(INSERT_MONTH_DEVICES, [tag]);
    await admin.query(INSERT_MONTH_TICKETS, [tag]);
    await admin.query(INSERT_MONTH_TIMELINE, [now]);
    await admin.query(SETTLE_MONTH_TICKETS, [now]);
    await admin.query(INSERT_MONTH_PARTS, [now]);
    await admin.query(INSERT_MONTH_DATE_CHANGES, [now]);
    await admin.query(INSERT_MONTH_CALLBACKS, [now]);
    const partner = await admin.query<{ id: string }>(`select id from tenants where parent_id = $1 and kind = 'PARTNER' and slug = 'repair-partner'`, [hqId]);
    if (partner.rows[0]) {
      await admin.query(INSERT_MONTH_DISPATCHES, [now, partner.rows[0].id, tag]);
      const handed = await admin.query(INSERT_MONTH_WORK_ORDERS, [now, partner.rows[0].id, tag]);
      io.out(`repair-partner: ${handed.rowCount} work order(s) handed over in ${options.month}`);
    }
    const counts = (await admin.query<{ k: number; count: string }>('select k, count(*) as count from gen_month group by k order by k')).rows.map((r) => ({
      slug: stores[r.k - 1].slug,
      count: Number(r.count),
    }));
    await admin.query('commit');
    for (const c of counts) io.out(`${c.slug}: ${c.count} ticket(s) in ${options.month}`);

    for (const store of stores) {
      const deadlines = await rebuildStoreDeadlines(io.orm, store.id);
      const figures = await rebuildStoreFigures(io.orm, store.id, io.clock);
      io.out(`${store.slug}: clock deadlines of ${deadlines?.count ?? 0} open ticket(s), figure facts of ${figures?.count ?? 0} ticket(s) rebuilt`);
    }
    const runs = Number(
      (await admin.query<{ n: string }>('select count(*) as n from ticket_metric_facts where tenant_id = any($1::uuid[])', [stores.map((s) => s.id)])).rows[0]
        .n,
    );
    return { tickets: counts, runs };
  } catch (error) {
    await admin.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await admin.end();
  }
}
