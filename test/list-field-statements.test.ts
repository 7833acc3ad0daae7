import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../core/project-root';
import { toGlobalId } from '../core/global-id';
import { listFieldsOf, loadPublishedSchema, ListFieldPlan, objectFieldsOf, planListFields, planObjectFields } from './support/list-field-plan';
import { countStatements } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Every list field of the schema reads with a fixed number of SQL statements,
 * whatever the number of parents: the test plans a query per field from the
 * published schema, runs it under one parent and under many, and compares the
 * statements sent to the database. A new list field is planned on its own; one
 * that cannot be must be named below with the reason. The same holds for
 * every field returning one object (a ticket's customer, a work order's
 * ticket) under the parents a paged root lists.
 */

/** Paged roots that return many parents, and who may read them. */
const ROOT_CALLERS: Record<string, { tenant: string; email: string }> = {
  tickets: { tenant: 'store-a', email: 'manager@store-a.test' },
  ticketsAtRisk: { tenant: 'store-a', email: 'manager@store-a.test' },
  webhookEndpoints: { tenant: 'store-a', email: 'manager@store-a.test' },
  customers: { tenant: 'store-a', email: 'manager@store-a.test' },
  devices: { tenant: 'store-a', email: 'manager@store-a.test' },
  staffUsers: { tenant: 'store-a', email: 'manager@store-a.test' },
  workOrders: { tenant: 'partner-p', email: 'manager@partner-p.test' },
  tenants: { tenant: 'hq-one', email: 'admin@hq-one.test' },
  inspectionChecklists: { tenant: 'hq-one', email: 'admin@hq-one.test' },
  inspections: { tenant: 'hq-one', email: 'admin@hq-one.test' },
  correctiveActions: { tenant: 'hq-one', email: 'admin@hq-one.test' },
};

/**
 * List fields that are not read under many parents, each with why. These hang
 * off objects only a singular root returns (one parent per request by
 * construction), so a per-parent read cannot multiply.
 */
const EXCLUDED: Record<string, string> = {
  'CustomerStore.hours': 'under customerTicketStatus only: one anonymous status page per request',
  'CustomerTicketStatus.parts': 'customerTicketStatus is a singular root: one ticket per request',
  'CustomerTicketStatus.promiseHistory': 'customerTicketStatus is a singular root: one ticket per request',
  'CustomerTicketStatus.promises': 'customerTicketStatus is a singular root: one ticket per request',
  'CustomerTicketStatus.timeline': 'customerTicketStatus is a singular root: one ticket per request',
  'CustomerTicketStatus.visits': 'customerTicketStatus is a singular root: one ticket per request',
  'FigureBucket.metrics': 'under serviceFigures only, a singular root whose buckets all come from one statement',
  'HqRankedStore.flags': 'under storeRanking only, a singular root whose flags are computed in memory from its two statements',
  'HqRankedStore.values': 'under storeRanking only, a singular root whose figures are counted in one statement',
  'MyRanking.medians': 'myRanking is a singular root computed in memory from one statement',
  'MyRanking.stores': 'myRanking is a singular root computed in memory from one statement',
  'MyRanking.values': 'myRanking is a singular root computed in memory from one statement',
  'NetworkTargets.targets': 'networkTargets is a singular root: the network’s one set, read in one statement',
  'RankedStore.values': 'under myRanking only, a singular root computed in memory from one statement',
  'RankingWeights.weights': 'rankingWeights and the rankings are singular roots: the network’s one row of weights',
  'StoreRanking.flags': 'storeRanking is a singular root computed in memory from its statements',
  'StoreRanking.medians': 'storeRanking is a singular root computed in memory from its statements',
  'StoreRanking.stores': 'storeRanking is a singular root computed in memory from its statements',
  'MessageTemplateOverride.problems': 'messageTemplates is not paged (one entry per key and locale) and problems are checked in memory',
  'MessageTemplatePreview.problems': 'messageTemplatePreview is a singular root computed in memory',
  'MessageTemplatePreview.values': 'messageTemplatePreview is a singular root computed in memory',
  'NationalCalendar.missingYears': 'nationalCalendar is a singular root: one calendar per request',
  'NationalCalendar.years': 'nationalCalendar is a singular root: one calendar per request',
  'NationalCalendarYear.adjustedWorkdays': 'under nationalCalendar only, whose years come in the one calendar read',
  'NationalCalendarYear.holidays': 'under nationalCalendar only, whose years come in the one calendar read',
  'SlaStandard.escalation': 'slaStandard is a singular root: the caller’s one standard',
  'SlaStandard.storeTargets': 'slaStandard is a singular root: the caller’s one standard',
  'SlaStandard.targetFloors': 'slaStandard is a singular root: the caller’s one standard',
  'SlaStandard.targets': 'slaStandard is a singular root: the caller’s one standard',
  'SlaTemplatePreview.escalationChanges': 'slaTemplatePreview is a singular root computed from its argument, nothing read per parent',
  'SlaTemplatePreview.settingChanges': 'slaTemplatePreview is a singular root computed from its argument, nothing read per parent',
  'SlaTemplatePreview.targetChanges': 'slaTemplatePreview is a singular root computed from its argument, nothing read per parent',
  'CareFigures.series': 'careFigures is a singular root: its series is counted in three statements, whatever its length',
  'SurveyFigures.scores': 'under careFigures only, a singular root: the scores are counted in the same statement as the rest',
  'ServiceFigures.metrics': 'serviceFigures is a singular root: its figures are counted in one statement',
  'ServiceFigures.series': 'serviceFigures is a singular root: its series is counted in one statement',
  'TicketFigures.byType': 'ticketFigures is a singular root: its breakdowns are counted in one statement',
  'TicketFigures.byChannel': 'ticketFigures is a singular root: its breakdowns are counted in one statement',
  'TicketFigures.byPriority': 'ticketFigures is a singular root: its breakdowns are counted in one statement',
  'TicketFigures.byModel': 'ticketFigures is a singular root: its breakdowns are counted in one statement (and the models named in one more)',
  'TicketFigures.escalations': 'ticketFigures is a singular root: its levels are counted in the same statement',
  'TicketFigures.series': 'ticketFigures is a singular root: its series is counted in two statements',
  'WorkOrderFigures.series': 'workOrderFigures is a singular root: its series is counted in one statement',
  'BacklogFigures.ages': 'under ticketFigures only, a singular root whose backlog is counted in one statement',
  'ServiceFigures.stores': 'serviceFigures is a singular root: its per-store breakdown is counted in one statement',
  'StoreServiceFigures.metrics': 'counted with the per-store breakdown of serviceFigures, in the same statement',
  'StoreCommitments.commitments': 'storeCommitments is a singular public root: one store’s lines, worded from its standard in memory',
  'SlaTemplatePreview.userErrors': 'slaTemplatePreview is a singular root computed from its argument, nothing read per parent',
  'WarrantyPreview.userErrors': 'warrantyPreview is a singular root computed from its input, nothing read per parent',
};

/**
 * Single-object fields under listed parents that the seed leaves empty for
 * every parent, each with why it cannot multiply or why it stays empty.
 */
const EXCLUDED_OBJECTS: Record<string, string> = {};

const FEW = 1;
const MANY = 20;

let api: TestApi;
const tokens = new Map<string, string>();
const schema = loadPublishedSchema();
const plans = planListFields(schema, Object.keys(ROOT_CALLERS));
const objectPlans = planObjectFields(schema, Object.keys(ROOT_CALLERS));

beforeAll(async () => {
  api = await startTestApi({ env: { MAX_QUERY_COST: '1000000', RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  for (const [root, caller] of Object.entries(ROOT_CALLERS)) tokens.set(root, await api.login(caller.tenant, caller.email));
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    await seedStore(admin, 'store-a', 25);
    await seedWebhooks(admin, 'store-a', 4);
    await seedInspections(admin, 25);
    await putUnderStandard(admin, tokens.get('tenants')!, await api.login('store-b', 'manager@store-b.test'));
  } finally {
    await admin.end();
  }
}, 120000);

afterAll(async () => {
  await api.stop();
});

test('every list field of the schema is either planned or excluded with a reason', () => {
  const fields = listFieldsOf(schema);
  const neither = fields.filter((field) => !plans.has(field) && !EXCLUDED[field]);
  expect(neither).toEqual([]);
  // An exclusion must still name a field of the schema, and not one the plan reaches anyway.
  expect(Object.keys(EXCLUDED).filter((field) => !fields.includes(field))).toEqual([]);
  expect(Object.keys(EXCLUDED).filter((field) => plans.has(field))).toEqual([]);
});

test('every single-object field the paged roots reach is planned, and every exclusion names one', () => {
  const fields = objectFieldsOf(schema);
  // Their parents are listed by a paged root, so a read per parent would multiply.
  expect(objectPlans.size).toBeGreaterThan(20);
  expect([...objectPlans.keys()]).toEqual(
    expect.arrayContaining(['Ticket.customer', 'Ticket.device', 'Ticket.assignee', 'RepairQuote.ticket', 'ServiceOrder.ticket']),
  );
  expect(Object.keys(EXCLUDED_OBJECTS).filter((field) => !fields.includes(field) || !objectPlans.has(field))).toEqual([]);
});

/** Runs the plan under one parent and under many: the statements must be the same, and many parents must have the child. */
async function expectSameStatements(field: string, plan: ListFieldPlan): Promise<void> {
  const token = tokens.get(plan.root)!;
  const run = async (n: number) => {
    const counter = countStatements();
    const result = await api.gql(plan.query, { n }, token);
    const statements = counter.stop();
    if (result.body.errors) throw new Error(`${plan.query}\n${JSON.stringify(result.body.errors)}`);
    return { statements, ...plan.parentsWithChildren(result.body.data) };
  };
  await run(FEW); // warm-up: first-use look-ups of the process are not the point here
  const few = await run(FEW);
  const many = await run(MANY);
  // The seed gives many parents each with children, so a per-parent read would show.
  expect(many.withChildren).toBeGreaterThan(few.withChildren);
  expect(many.withChildren).toBeGreaterThanOrEqual(3);
  expect({ field, statements: many.statements.total }).toEqual({ field, statements: few.statements.total });
}

describe.each([...plans.keys()].sort())('%s', (field) => {
  test(`costs the same statements under ${FEW} parent and under ${MANY}`, () => expectSameStatements(field, plans.get(field)!));
});

describe.each([...objectPlans.keys()].filter((field) => !EXCLUDED_OBJECTS[field]).sort())('%s (one object per parent)', (field) => {
  test(`costs the same statements under ${FEW} parent and under ${MANY}`, () => expectSameStatements(field, objectPlans.get(field)!));
});

/** `count` webhook endpoints of the store, each with three deliveries of one event, each tried twice. */
async function seedWebhooks(admin: Client, slug: string, count: number): Promise<void> {
  await admin.query(
    `with s as (
       select id as tenant from tenants where slug = $1
     ), w as (
       insert into webhook_endpoints (tenant_id, url, event_types, secret)
       select s.tenant, 'https://hooks.example.test/' || g, array['ticket.created'], 'whsec_bGlzdGVk' from s, generate_series(1, $2::int) g returning tenant_id, id
     ), ev as (
       insert into webhook_events (tenant_id, webhook_id, idempotency_key, type, data, occurred_at)
       select w.tenant_id, 'msg_' || md5(w.id::text || k), 'listed:' || w.id || ':' || k, 'ticket.created', '{}'::jsonb, now()
       from w, generate_series(1, 3) k returning tenant_id, id, idempotency_key
     ), d as (
       insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, state, attempts, max_attempts, payload)
       select ev.tenant_id, 'WEBHOOK_DELIVERY', 'delivery:' || ev.idempotency_key, now(), 'DONE', 2, 5,
              jsonb_build_object('eventId', ev.id, 'endpointId', split_part(ev.idempotency_key, ':', 2))
       from ev returning tenant_id, id, payload
     )
     insert into webhook_attempts (tenant_id, delivery_id, endpoint_id, event_id, attempt_number, status_code, latency_ms, attempted_at)
     select d.tenant_id, d.id, (d.payload->>'endpointId')::uuid, (d.payload->>'eventId')::uuid, k, 200, 10, now() from d, generate_series(1, 2) k`,
    [slug, count],
  );
}

/**
 * `count` checklist versions of hq-one with two items each, and an inspection
 * of store-a or store-b against each, submitted: one item passed, one failed
 * with its corrective action, which the store contested and resolved; every
 * finding with two photos.
 */
async function seedInspections(admin: Client, count: number): Promise<void> {
  await admin.query(
    `with hq as (
       select id from tenants where slug = 'hq-one'
     ), c as (
       insert into inspection_checklists (tenant_id, code, version, title_zh_cn, title_en)
       select hq.id, 'LISTED', g, '巡检', 'Listed' from hq, generate_series(1, $1::int) g returning tenant_id, id, version
     ), i as (
       insert into inspection_checklist_items (tenant_id, checklist_id, position, weight, text_zh_cn, text_en)
       select c.tenant_id, c.id, k, 10 * k, '项目 ' || k, 'Item ' || k from c, generate_series(1, 2) k returning tenant_id, id, checklist_id, position
     ), n as (
       insert into inspections (tenant_id, store_id, checklist_id, announced, scheduled_on, status, score_percent, submitted_at)
       select c.tenant_id, s.id, c.id, c.version % 2 = 0, current_date, 'SUBMITTED', 33.33, now()
       from c join tenants s on s.slug = case when c.version % 2 = 0 then 'store-a' else 'store-b' end returning tenant_id, id, store_id, checklist_id
     ), r as (
       insert into inspection_results (tenant_id, inspection_id, item_id, store_id, passed)
       select n.tenant_id, n.id, i.id, n.store_id, i.position = 1 from n join i on i.checklist_id = n.checklist_id returning tenant_id, id, inspection_id, store_id, passed
     ), a as (
       insert into corrective_actions (tenant_id, store_id, inspection_id, result_id, due_at)
       select r.tenant_id, r.store_id, r.inspection_id, r.id, now() + interval '3 days' from r where not r.passed returning id, store_id
     ), contested as (
       insert into inspection_contests (tenant_id, inspection_id, result_id, reason)
       select r.store_id, r.inspection_id, r.id, 'Disputed' from r where not r.passed returning 1
     ), photos as (
       insert into uploads (tenant_id, id, purpose, filename, content_type, size_bytes)
       select r.tenant_id, gen_random_uuid(), 'INSPECTION_EVIDENCE', r.id || '-' || k || '.jpg', 'image/jpeg', 10
       from r, generate_series(1, 2) k returning tenant_id, id, filename
     ), evidence as (
       insert into inspection_evidence (tenant_id, inspection_id, result_id, store_id, upload_id, position)
       select r.tenant_id, r.inspection_id, r.id, r.store_id, p.id, split_part(split_part(p.filename, '-', 6), '.', 1)::int
       from r join photos p on p.filename like r.id || '-%' returning 1
     )
     insert into corrective_action_resolutions (tenant_id, corrective_action_id, note) select a.store_id, a.id, 'Done' from a`,
    [count],
  );
}

/**
 * Publishes HQ's standard and puts the seeded tickets under it, as registered
 * tickets are (clocks, escalation schedule), with a turning point passed so
 * they are all at risk.
 */
async function putUnderStandard(admin: Client, hqAdmin: string, otherStoreManager: string): Promise<void> {
  const definition = readFileSync(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'), 'utf8').replace('owner: demo-hq', 'owner: hq-one');
  const published = await api.gql(
    `mutation($i: PublishSlaTemplateInput!) { publishSlaTemplate(input: $i) { userErrors { code } } }`,
    { i: { definition } },
    hqAdmin,
  );
  expect(published.body.data.publishSlaTemplate.userErrors).toEqual([]);
  // Registered at the other store of the same HQ (same standard), so it is not among the listed tickets.
  const customer = await admin.query(
    `insert into customers (tenant_id, name, phone) select id, 'Standard', '13611112222' from tenants where slug = 'store-b' returning id`,
  );
  const registered = await api.gql(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { number } userErrors { code } } }`,
    { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Under the standard', customerId: toGlobalId('Customer', customer.rows[0].id) } },
    otherStoreManager,
  );
  const number = registered.body.data.registerTicket.ticket.number;
  await admin.query(`update tickets set sla_standard = (select sla_standard from tickets where number = $1) where number like 'LF-%'`, [number]);
  await admin.query(
    `insert into ticket_clock_points (tenant_id, ticket_id, metric, at_risk_at, due_at, computed_at)
     select tenant_id, id, 'RESOLUTION', created_at, created_at + interval '1 day', now() from tickets where number like 'LF-%'`,
  );
}

/**
 * `count` tickets of the store, each with a customer, a device, two parts
 * orders moved once each, seven timeline entries, two appointments, two
 * dispatches, two quotes of two lines, two paid orders of two lines with
 * two refunds each, a warranty decision, a complaint's staff member and a
 * phone callback, two attachments; and three webhook endpoints with three deliveries of two
 * attempts each.
 */
async function seedStore(admin: Client, slug: string, count: number): Promise<void> {
  const { rows } = await admin.query(
    `select t.id as tenant, t.parent_id as hq, s.id as tech, p.id as partner
     from tenants t join staff_users s on s.tenant_id = t.id join tenants p on p.slug = 'partner-p'
     where t.slug = $1 and s.email = 'tech@' || $1 || '.test'`,
    [slug],
  );
  const { tenant, hq, tech, partner } = rows[0];
  const model = await admin.query(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
     values ($1, 'LF-1', 'Listed', 'LAPTOP', 12, 24) returning id`,
    [hq],
  );
  await admin.query(
    `with c as (
       insert into customers (tenant_id, name, phone) select $1, 'Customer ' || g, '1380000' || lpad(g::text, 4, '0') from generate_series(1, $5::int) g returning id, phone
     ), d as (
       insert into devices (tenant_id, customer_id, model_id, serial_number, purchase_source)
       select $1, c.id, $3, 'LF-' || c.phone, 'ELSEWHERE' from c returning id, customer_id
     ), t as (
       insert into tickets (tenant_id, number, type, channel, priority, status, customer_id, device_id, problem, contact_name, contact_phone, contact_address, assignee_id, created_at)
       select $1, 'LF-2026-' || lpad(row_number() over ()::text, 6, '0'), 'REPAIR', 'WALK_IN', 'NORMAL', 'IN_PROGRESS', d.customer_id, d.id, 'Listed problem', 'Listed', '138', 'Street 1', $2,
              now() - interval '20 days'
       from d returning id
     ), p as (
       insert into parts_orders (tenant_id, ticket_id, part_number, description, quantity, supplier, ordered_at, expected_on, status)
       select $1, t.id, 'FAN-' || k, 'Fan', 1, 'Supplier', now(), current_date + k, 'ORDERED' from t, generate_series(1, 2) k returning id, expected_on
     ), moved as (
       insert into parts_order_date_changes (tenant_id, parts_order_id, previous_on, expected_on, reason, changed_at)
       select $1, p.id, p.expected_on - 1, p.expected_on, 'supplier', now() from p, generate_series(1, 2) k returning 1
     ), e as (
       insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, actor_kind, occurred_at)
       select $1, t.id, 'NOTE', 'INTERNAL', 'entry ' || k, 'SYSTEM', now() + k * interval '1 second' from t, generate_series(1, 7) k returning 1
     ), a as (
       insert into appointments (tenant_id, ticket_id, window_start, window_end, technician_id, address, status)
       select $1, t.id, now() + k * interval '1 day', now() + k * interval '1 day' + interval '2 hours', $2, 'Street 1', 'SCHEDULED' from t, generate_series(1, 2) k returning 1
     ), di as (
       insert into dispatches (tenant_id, ticket_id, partner_tenant_id, work_order_id, partner_status)
       select $1, t.id, $4, gen_random_uuid(), 'RECEIVED' from t, generate_series(1, 2) k returning 1
     ), q as (
       insert into repair_quotes (tenant_id, ticket_id, state, currency, parts_total_minor, labour_total_minor, total_minor, valid_until, sent_at, decided_at)
       select $1, t.id, 'ACCEPTED', 'CNY', 2000, 0, 2000, current_date + 10, now(), now() from t, generate_series(1, 2) k returning id, ticket_id
     ), ql as (
       insert into repair_quote_lines (tenant_id, quote_id, position, kind, description, quantity, unit_price_minor, amount_minor, currency)
       select $1, q.id, k, 'PARTS', 'Fan', 1, 1000, 1000, 'CNY' from q, generate_series(1, 2) k returning 1
     ), o as (
       insert into service_orders (tenant_id, ticket_id, kind, quote_id, state, currency, total_minor, payment_intent_id, paid_minor, paid_at, payment_requested_at)
       select $1, q.ticket_id, 'QUOTE', q.id, 'PAID', 'CNY', 2000, 'pi_listed', 2000, now(), now() from q returning id
     ), ol as (
       insert into service_order_lines (tenant_id, order_id, position, kind, name_zh_cn, name_en, unit_price_minor, amount_minor, currency)
       select $1, o.id, k, 'QUOTE', '维修', 'Repair', 1000, 1000, 'CNY' from o, generate_series(1, 2) k returning 1
     )
     insert into refunds (tenant_id, order_id, amount_minor, currency, reason, state)
     select $1, o.id, 100, 'CNY', 'goodwill', 'PENDING' from o, generate_series(1, 2) k`,
    [tenant, tech, model.rows[0].id, partner, count],
  );
  // The single objects each ticket can carry: its warranty decision, a complaint's staff member, a phone callback and who made it.
  await admin.query(
    `update tickets set complaint_subject = 'STAFF', complaint_subject_staff_id = $2,
       warranty = jsonb_build_object('status', 'IN_WARRANTY', 'reason', 'Within the whole-machine warranty', 'on', '2026-01-01',
         'purchaseDate', '2025-06-01', 'returnUntil', null, 'exchangeUntil', null, 'wholeMachineUntil', '2026-05-31', 'mainPartsUntil', '2027-05-31', 'extendedUntil', null)
     where tenant_id = $1 and number like 'LF-%'`,
    [tenant, tech],
  );
  await admin.query(
    `insert into callbacks (tenant_id, ticket_id, resolved_at, state, score, answered_at, channel, called_by_id)
     select tenant_id, id, now(), 'CALLED_BY_PHONE', 5, now(), 'PHONE', $2 from tickets where tenant_id = $1 and number like 'LF-%'`,
    [tenant, tech],
  );
  // Two attachments on every ticket: a photo and a PDF.
  await admin.query(
    `with u as (
       insert into uploads (tenant_id, purpose, filename, content_type, size_bytes)
       select $1, 'TICKET_ATTACHMENT', t.number || '-' || k || '.jpg', 'image/jpeg', 100 * k from tickets t, generate_series(1, 2) k
       where t.tenant_id = $1 and t.number like 'LF-%' returning id, filename
     )
     insert into ticket_attachments (tenant_id, ticket_id, upload_id)
     select $1, t.id, u.id from u join tickets t on t.tenant_id = $1 and u.filename like t.number || '-%'`,
    [tenant],
  );
  // A known error of the tickets' model, handled by the technician and linked to every ticket: each ticket offers it.
  await admin.query(
    `with p as (
       insert into problems (tenant_id, title, model_id, status, workaround, owner_id, due_date)
       values ($1, 'Fan noise', $3, 'KNOWN_ERROR', 'Clean the fan', $2, current_date + 7) returning id
     )
     insert into problem_tickets (tenant_id, problem_id, ticket_tenant_id, ticket_id)
     select $1, p.id, $1, t.id from p, tickets t where t.tenant_id = $1 and t.number like 'LF-%'`,
    [tenant, tech, model.rows[0].id],
  );
}
