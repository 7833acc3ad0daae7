import { DatabaseSchema, SchemaComparator, type SchemaDifference } from '@mikro-orm/knex';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Currency } from '../core/money';
import { ActionKind, ActionState } from '../core/action-enums';
import { PaymentAnomalyReason, PaymentAnomalySubject, STORED_SUBSCRIPTION_STATUSES, SubscriptionCheckoutState } from '../core/billing-enums';
import { CallbackChannel, CallbackState } from '../core/callback-enums';
import {
  AppointmentStatus,
  ComplaintSubject,
  ContactChannel,
  PartsOrderStatus,
  PurchaseSource,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  TicketType,
  TimelineVisibility,
  WorkOrderStatus,
} from '../core/desk-enums';
import { ENTITIES } from '../schema/entities';
import { ActorKind, AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES, CustomerTier, Locale, Role, StaffStatus, TenantKind, TenantStatus } from '../core/enums';
import { QuoteLineKind, QuoteState } from '../core/paid-service-enums';
import { FaultCategory, ProblemStatus } from '../core/problem-enums';
import { ContestRuling, InspectionStatus } from '../core/inspection-enums';
import { MeasuredOutcome, PercentileMeasure, SlaMetric, TicketFactKind } from '../core/sla-enums';
import { RankingFigure, TargetComparison } from '../core/ranking-enums';
import { UploadContentType, UploadPurpose } from '../core/upload-enums';
import { RefundState, ServiceOrderKind, ServiceOrderLineKind, ServiceOrderState } from '../core/service-order-enums';
import { WebhookDisableCause, WebhookEndpointStatus } from '../core/webhook-enums';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The migrations (hand-written SQL), the entities and the TypeScript enums are
 * three descriptions of one stored model. This file migrates a fresh database
 * and checks that they agree: MikroORM's schema generator, comparing the
 * entities with that database, has nothing to change; and every SQL `check
 * (column in (...))` list is the list of its TypeScript enum.
 *
 * What SQL alone owns is left out of the comparison, each with its reason:
 */

/** Tables no entity maps: the code reads and writes them with SQL of its own. */
const SQL_ONLY_TABLES = new Map<string, string>([
  ['schema_migrations', 'the migration runner’s own record'],
  ['platform_operators', 'operators are reached only through SECURITY DEFINER functions, never as entities'],
  ['tenant_calendars', 'a store’s working calendar is read and written as one row by SQL (domain/standards)'],
  ['national_calendars', 'published national calendars, read by SQL (domain/standards)'],
  ['national_calendar_warnings', 'warnings about national calendars, read by SQL (domain/standards)'],
  ['ticket_metric_facts', 'the service figures’ facts, written and counted by SQL (domain/reports)'],
  ['ticket_metric_rollups', 'the service figures’ settled runs summed per day and ticket kind, kept and counted by SQL (domain/reports)'],
  ['ticket_metric_day_rollups', 'the service figures’ settled runs summed per day, kept and counted by SQL (domain/reports)'],
  ['ticket_metric_month_rollups', 'the service figures’ settled runs summed per month, kept and counted by SQL (domain/reports)'],
  ['ticket_metric_month_buckets', 'the service figures’ stopped runs counted per month and bucket of minutes, kept and read by SQL (domain/reports)'],
  ['ticket_care_facts', 'the customer-care figures’ facts per ticket, written and counted by SQL (domain/reports)'],
  ['callback_care_facts', 'the customer-care figures’ facts per callback, written and counted by SQL (domain/reports)'],
  ['ticket_volume_facts', 'the ticket-volume figures’ facts, written and counted by SQL (domain/reports)'],
  ['network_target_sets', 'HQ’s targets are replaced and read as one set by SQL (domain/rankings)'],
  ['network_targets', 'HQ’s targets are replaced and read as one set by SQL (domain/rankings)'],
  ['ranking_definitions', 'the ranking’s weights are one row written and read by SQL (domain/rankings)'],
  ['ranking_publications', 'a published month is one row written and read by SQL (domain/rankings)'],
]);

/** Columns that only SQL computes and only SQL reads (ordering, prefix search): no entity carries them. */
const SQL_ONLY_COLUMNS = new Map<string, string>([
  ['tickets.priority_rank', 'generated from priority, for ordering the queue by urgency in SQL'],
  ['ticket_events.seq', 'identity that orders a timeline’s events written in the same instant'],
  ['devices.serial_key', 'generated upper-cased serial number, for find-as-you-type by prefix'],
]);

/**
 * Whole kinds of difference that SQL owns, left out of the comparison in the
 * one direction where the entities are silent on purpose. The other direction
 * still counts: anything an entity declares (a column, its type, nullability
 * and default, an enum check, an index, a relation's foreign key) must be in
 * the database exactly so.
 */
const SQL_OWNED = {
  checks: 'value rules (lengths, ranges, cross-column rules) are the database’s; entities declare only enum checks, compared by name and list',
  indexes: 'indexes and unique constraints are tuned in SQL (partial, descending, expression and pattern indexes) and entities do not repeat them',
  foreignKeys: 'a foreign key whose columns no entity maps as a relation is kept by SQL alone (tenant-scoped keys, see docs/architecture.md)',
};

/**
 * Every column whose SQL check is a list of values, and the TypeScript list it
 * must equal. A new enum column without an entry here fails the test.
 */
const ENUM_COLUMNS: Record<string, readonly string[]> = {
  'api_keys.role': Object.values(Role),
  'appointments.status': Object.values(AppointmentStatus),
  'audit_events.actor_kind': AUDIT_ACTOR_KINDS,
  'audit_events.outcome': AUDIT_OUTCOMES,
  'callbacks.channel': Object.values(CallbackChannel),
  'callbacks.state': Object.values(CallbackState),
  'customers.locale': Object.values(Locale),
  'customers.tier': Object.values(CustomerTier),
  'devices.purchase_source': Object.values(PurchaseSource),
  'dispatches.partner_status': Object.values(WorkOrderStatus),
  'message_templates.locale': Object.values(Locale),
  'paid_services.currency': Object.values(Currency),
  'parts_orders.status': Object.values(PartsOrderStatus),
  'payment_anomalies.reason': Object.values(PaymentAnomalyReason),
  'payment_anomalies.subject': Object.values(PaymentAnomalySubject),
  // Platform operators have no entity: the list is the SQL functions' own.
  'platform_operators.status': ['ACTIVE', 'DISABLED'],
  'price_list_entries.currency': Object.values(Currency),
  'refunds.currency': Object.values(Currency),
  'refunds.state': Object.values(RefundState),
  'repair_quote_lines.currency': Object.values(Currency),
  'repair_quote_lines.kind': Object.values(QuoteLineKind),
  'problems.fault_category': Object.values(FaultCategory),
  'problems.status': Object.values(ProblemStatus),
  'inspections.status': Object.values(InspectionStatus),
  'inspection_results.contest_ruling': Object.values(ContestRuling),
  'repair_quotes.currency': Object.values(Currency),
  'repair_quotes.state': Object.values(QuoteState),
  'scheduled_actions.kind': Object.values(ActionKind),
  'uploads.purpose': Object.values(UploadPurpose),
  'uploads.content_type': Object.values(UploadContentType),
  'scheduled_actions.state': Object.values(ActionState),
  'service_order_lines.currency': Object.values(Currency),
  'service_order_lines.kind': Object.values(ServiceOrderLineKind),
  'service_orders.currency': Object.values(Currency),
  'service_orders.kind': Object.values(ServiceOrderKind),
  'service_orders.state': Object.values(ServiceOrderState),
  'staff_users.role': Object.values(Role),
  'staff_users.status': Object.values(StaffStatus),
  'store_subscriptions.status': STORED_SUBSCRIPTION_STATUSES,
  'subscription_checkouts.state': Object.values(SubscriptionCheckoutState),
  'tenants.kind': Object.values(TenantKind),
  'tenants.locale': Object.values(Locale),
  'tenants.status': Object.values(TenantStatus),
  'ticket_events.actor_kind': Object.values(ActorKind),
  'ticket_events.visibility': Object.values(TimelineVisibility),
  'ticket_clock_points.metric': Object.values(SlaMetric),
  'ticket_metric_facts.metric': Object.values(SlaMetric),
  'network_targets.figure': Object.values(RankingFigure),
  'network_targets.comparison': Object.values(TargetComparison),
  'ticket_metric_facts.outcome': Object.values(MeasuredOutcome),
  'ticket_metric_facts.ticket_type': Object.values(TicketType),
  'ticket_metric_facts.channel': Object.values(TicketChannel),
  'ticket_metric_facts.priority': Object.values(TicketPriority),
  'ticket_metric_rollups.metric': Object.values(SlaMetric),
  'ticket_metric_rollups.ticket_type': Object.values(TicketType),
  'ticket_metric_rollups.channel': Object.values(TicketChannel),
  'ticket_metric_rollups.priority': Object.values(TicketPriority),
  'ticket_metric_day_rollups.metric': Object.values(SlaMetric),
  'ticket_metric_month_rollups.metric': Object.values(SlaMetric),
  'ticket_metric_month_buckets.metric': Object.values(SlaMetric),
  'ticket_metric_month_buckets.measure': Object.values(PercentileMeasure),
  'ticket_care_facts.ticket_type': Object.values(TicketType),
  'ticket_care_facts.channel': Object.values(TicketChannel),
  'ticket_care_facts.priority': Object.values(TicketPriority),
  'callback_care_facts.ticket_type': Object.values(TicketType),
  'callback_care_facts.channel': Object.values(TicketChannel),
  'callback_care_facts.priority': Object.values(TicketPriority),
  'callback_care_facts.state': Object.values(CallbackState),
  'ticket_volume_facts.kind': Object.values(TicketFactKind),
  'ticket_volume_facts.ticket_type': Object.values(TicketType),
  'ticket_volume_facts.channel': Object.values(TicketChannel),
  'ticket_volume_facts.priority': Object.values(TicketPriority),
  'ticket_volume_facts.part_status': Object.values(PartsOrderStatus),
  'tickets.channel': Object.values(TicketChannel),
  'tickets.complaint_subject': Object.values(ComplaintSubject),
  'tickets.fault_category': Object.values(FaultCategory),
  'tickets.priority': Object.values(TicketPriority),
  'tickets.result_reported_via': Object.values(ContactChannel),
  'tickets.status': Object.values(TicketStatus),
  'tickets.type': Object.values(TicketType),
  'webhook_endpoints.disabled_cause': Object.values(WebhookDisableCause),
  'webhook_endpoints.status': Object.values(WebhookEndpointStatus),
  'work_orders.status': Object.values(WorkOrderStatus),
};

let db: TestDatabase;
let orm: MikroORM;
let admin: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  orm = await MikroORM.init({
    clientUrl: db.adminUrl,
    entities: ENTITIES,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: false,
    schemaGenerator: { skipTables: [...SQL_ONLY_TABLES.keys()] },
  });
}, 60000);

afterAll(async () => {
  await orm?.close(true);
  await admin?.end();
  await db?.drop();
});

/** MikroORM's own comparison of the migrated database (from) with the entities (to). */
async function compareWithEntities(): Promise<SchemaDifference> {
  const generator = orm.getSchemaGenerator();
  const platform = orm.em.getPlatform();
  const migrated = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, undefined, undefined, undefined, [...SQL_ONLY_TABLES.keys()]);
  return new SchemaComparator(platform).compare(migrated, generator.getTargetSchema());
}

/** The difference without what SQL owns (listed above). */
function withoutSqlOwned(diff: SchemaDifference): SchemaDifference {
  for (const table of Object.values(diff.changedTables)) {
    for (const column of Object.keys(table.removedColumns)) {
      if (SQL_ONLY_COLUMNS.has(`${table.name.replace(/^public\./, '')}.${column}`)) delete table.removedColumns[column];
    }
    table.removedChecks = {};
    table.removedIndexes = {};
    table.removedForeignKeys = {};
  }
  return diff;
}

async function generatorSql(diff: SchemaDifference): Promise<string> {
  return (await orm.getSchemaGenerator().diffToSQL(diff, { wrap: false, safe: false, dropTables: true })).trim();
}

test('the schema generator has nothing to change between the entities and the migrated database', async () => {
  const sql = await generatorSql(withoutSqlOwned(await compareWithEntities()));
  expect(sql).toBe('');
});

test('the comparison notices what the entities would change: a column the entities do not know, a default they do not share', async () => {
  await admin.query(`alter table customers add column nickname text`);
  await admin.query(`alter table tickets alter column version set default 2`);
  try {
    const sql = await generatorSql(withoutSqlOwned(await compareWithEntities()));
    expect(sql).toContain('drop column "nickname"');
    expect(sql).toMatch(/alter table "tickets" alter column "version" set default 1/);
  } finally {
    await admin.query(`alter table customers drop column nickname`);
    await admin.query(`alter table tickets alter column version set default 1`);
  }
  expect(await generatorSql(withoutSqlOwned(await compareWithEntities()))).toBe('');
});

/** Every check of the form `column in ('A', 'B')` (PostgreSQL keeps it as `column = ANY (ARRAY[...])`). */
async function enumChecks(): Promise<Map<string, string[]>> {
  const { rows } = await admin.query<{ table: string; def: string }>(
    `select c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as def
       from pg_constraint c where c.contype = 'c' and c.connamespace = 'public'::regnamespace`,
  );
  const lists = new Map<string, string[]>();
  for (const { table, def } of rows) {
    const list = /^CHECK \(\((\w+) = ANY \(ARRAY\[((?:'[^']*'::text(?:, )?)+)\]\)\)\)$/.exec(def);
    const single = /^CHECK \(\((\w+) = ('[^']*'::text)\)\)$/.exec(def);
    const match = list ?? single;
    if (!match) continue;
    const key = `${table}.${match[1]}`;
    expect(lists.has(key)).toBe(false); // one list per column
    lists.set(
      key,
      [...match[2].matchAll(/'([^']*)'::text/g)].map((value) => value[1]),
    );
  }
  return lists;
}

test('every enum check list in SQL equals its TypeScript enum, and every such column is mapped', async () => {
  const checks = await enumChecks();
  expect([...checks.keys()].sort()).toEqual(Object.keys(ENUM_COLUMNS).sort());
  const differing = [...checks]
    .filter(([column, values]) => JSON.stringify([...values].sort()) !== JSON.stringify([...ENUM_COLUMNS[column]].sort()))
    .map(([column, values]) => `${column}: SQL [${values.join(', ')}], TypeScript [${ENUM_COLUMNS[column].join(', ')}]`);
  expect(differing).toEqual([]);
  expect(checks.size).toBeGreaterThan(40);
});

test('every enum property of an entity has its SQL check, with the same values', () => {
  const unchecked: string[] = [];
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    for (const prop of meta.props.filter((p) => p.enum)) {
      const column = `${meta.tableName}.${prop.fieldNames[0]}`;
      const expected = ENUM_COLUMNS[column];
      const items = (prop.items ?? []).map(String).sort();
      if (!expected) unchecked.push(`${column}: no SQL check`);
      else if (JSON.stringify(items) !== JSON.stringify([...expected].sort())) unchecked.push(`${column}: entity [${items.join(', ')}]`);
    }
  }
  expect(unchecked).toEqual([]);
});

test('the entities leave out only what is listed, each with a reason', async () => {
  const diff = await compareWithEntities();
  const removedColumns = Object.values(diff.changedTables).flatMap((table) =>
    Object.keys(table.removedColumns).map((column) => `${table.name.replace(/^public\./, '')}.${column}`),
  );
  expect(removedColumns.sort()).toEqual([...SQL_ONLY_COLUMNS.keys()].sort());
  const { rows } = await admin.query<{ table: string }>(`select tablename as table from pg_tables where schemaname = 'public' order by 1`);
  const mapped = new Set(Object.values(orm.getMetadata().getAll()).map((meta) => meta.tableName));
  expect(
    rows
      .map((row) => row.table)
      .filter((table) => !mapped.has(table))
      .sort(),
  ).toEqual([...SQL_ONLY_TABLES.keys()].sort());
  for (const reason of [...SQL_ONLY_TABLES.values(), ...SQL_ONLY_COLUMNS.values(), ...Object.values(SQL_OWNED)]) {
    expect(reason.length).toBeGreaterThan(20);
  }
});
