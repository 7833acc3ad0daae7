/**
 * A month of tickets for the demo network's stores, planned in one temporary
 * table (`gen_month`) and written from it with set-based SQL. The stores are in
 * `gen_month_stores` (k, tenant, how slow it works, its staff, the standard's
 * snapshot). $1 is the month's first day, $2 tickets per store and working day,
 * $3 the HQ's product model ids, $4 the month's tag (YYYYMM).
 *
 * Every delay is a draw scaled by the store's `factor`: a slower store assigns
 * late more often, contacts later, resolves later and calls back later, so the
 * figures and the ranking have a spread. Fault categories follow a steep curve
 * shifted per model, so a few model + category pairs dominate.
 */
export const CREATE_MONTH_STORES = `
  create temp table gen_month_stores (k int, tenant_id uuid, factor float8, staff uuid[], snapshot jsonb) on commit drop`;

export const INSERT_MONTH_STORE = `insert into gen_month_stores values ($1, $2, $3, $4, $5)`;

const CATEGORIES = `array['BATTERY','DISPLAY','OVERHEATING','POWER','KEYBOARD_INPUT','STORAGE','CONNECTIVITY','SOFTWARE','AUDIO','MECHANICAL','LIQUID_DAMAGE','OTHER']`;
const PROBLEMS = `array['电池续航明显下降，充不满电','屏幕出现竖线并闪烁','风扇噪音大，机身过热','开机无反应，电源指示灯不亮','键盘部分按键失灵','硬盘异响，文件打不开',
  '无法连接无线网络','系统频繁蓝屏重启','外放无声音','转轴松动，外壳开裂','进水后无法开机','咨询保修期与延保政策']`;

// Each step is materialized: inlined, every column a later step names more than once (created_at, assign_min,
// resolved_at) would be computed again wherever it is named, and the random draws with it.
export const PLAN_MONTH = `
  create temp table gen_month on commit drop as
  with days as (
    select d::date as day from generate_series($1::date, $1::date + interval '1 month' - interval '1 day', interval '1 day') d
     where extract(isodow from d) < 7
  ), base as (
    select s.k, s.tenant_id, s.factor, s.staff, s.snapshot, dd.day, n,
           $4::bigint * 100000000 + s.k * 10000000 + extract(day from dd.day)::bigint * 10000 + n as g,
           extract(isodow from dd.day) = 6 as saturday
      from gen_month_stores s cross join days dd cross join lateral generate_series(1, $2::int) n
  ), drawn as materialized (
    select b.*,
           ((b.day + case when saturday then time '10:00' else time '09:00' end)::timestamp
             + make_interval(mins => floor(pg_temp.u(g, 1) * case when saturday then 330 else 500 end)::int)) at time zone 'Asia/Shanghai' as created_at,
           case when pg_temp.u(g, 4) < 0.55 then 'REPAIR' when pg_temp.u(g, 4) < 0.75 then 'INQUIRY' when pg_temp.u(g, 4) < 0.83 then 'ONSITE'
                when pg_temp.u(g, 4) < 0.90 then 'RETURN_EXCHANGE' when pg_temp.u(g, 4) < 0.95 then 'COMPLAINT' else 'PAID_SERVICE' end as type,
           case when pg_temp.u(g, 5) < 0.60 then 'WALK_IN' when pg_temp.u(g, 5) < 0.85 then 'PHONE' when pg_temp.u(g, 5) < 0.97 then 'ONLINE' else 'PARTNER_API' end as channel,
           case when pg_temp.u(g, 6) < 0.10 then 'LOW' when pg_temp.u(g, 6) < 0.80 then 'NORMAL' when pg_temp.u(g, 6) < 0.95 then 'HIGH' else 'URGENT' end as priority,
           floor(power(pg_temp.u(g, 7), 1.8) * cardinality($3::uuid[]))::int as model_no,
           floor(power(pg_temp.u(g, 8), 2.5) * 12)::int as fault_rank,
           pg_temp.u(g, 9) < 0.88 as categorised,
           staff[1 + floor(pg_temp.u(g, 10) * cardinality(staff))::int] as assignee_id,
           staff[1] as agent_id,
           -- minutes to assignment: most within the 30 of the standard, a slower store late more often
           case when pg_temp.u(g, 11) < 0.06 * factor then 35 + pg_temp.u(g, 12) * 150 else 3 + pg_temp.u(g, 12) * 24 end as assign_min,
           case when pg_temp.u(g, 13) < 0.05 * factor then 300 + pg_temp.u(g, 14) * 900 else 10 + pg_temp.u(g, 14) * 60 * factor end as contact_min,
           pg_temp.u(g, 15) as u_parts, pg_temp.u(g, 16) as u_slip, pg_temp.u(g, 17) as u_resolve, pg_temp.u(g, 18) as u_reopen,
           pg_temp.u(g, 19) as u_callback, pg_temp.u(g, 20) as u_score
      from base b
  ), timed as materialized (
    select d.*,
           created_at + make_interval(secs => assign_min * 60) as assigned_at,
           created_at + make_interval(secs => (assign_min + contact_min) * 60) as contacted_at,
           created_at + make_interval(secs => (assign_min + contact_min + 20) * 60) as started_at,
           type = 'REPAIR' and u_parts < 0.25 as waits_parts,
           -- calendar hours the work takes, by type: most quick, a few long, longer in a slower store
           (case type when 'INQUIRY' then 1 + 30 * power(u_resolve, 3) when 'REPAIR' then 4 + 200 * power(u_resolve, 3)
                      when 'RETURN_EXCHANGE' then 2 + 70 * power(u_resolve, 3) else 3 + 100 * power(u_resolve, 3) end) * factor as work_hours,
           u_reopen < 0.03 * factor as reopened
      from drawn d
  ), parts as materialized (
    select t.*,
           case when waits_parts then started_at + interval '90 minutes' end as parts_ordered_at,
           case when waits_parts then ((started_at + interval '90 minutes') at time zone 'Asia/Shanghai')::date + 2 end as parts_expected_on,
           -- one order in three slips two days past its expected day (more in a slower store): the store says so on the day
           waits_parts and u_slip < 0.3 * factor as parts_slipped
      from timed t
  ), arrived as materialized (
    select p.*,
           case when parts_slipped then (parts_expected_on + time '10:00')::timestamp at time zone 'Asia/Shanghai' end as parts_delayed_at,
           case when waits_parts then (parts_expected_on + case when parts_slipped then 2 else 0 end + time '11:00')::timestamp at time zone 'Asia/Shanghai' end as parts_arrived_at
      from parts p
  ), resolved as materialized (
    select a.*,
           greatest(created_at + make_interval(secs => work_hours * 3600), coalesce(parts_arrived_at, started_at) + interval '2 hours') as first_resolved_at
      from arrived a
  ), finished as materialized (
    select r.*,
           case when reopened then first_resolved_at + interval '20 hours' end as reopened_at,
           case when reopened then first_resolved_at + interval '26 hours' else first_resolved_at end as resolved_at,
           type in ('COMPLAINT', 'PAID_SERVICE') as always_called
      from resolved r
  ), called as materialized (
    select f.*,
           pg_temp.gid('t' || $4, g, 0) as id, pg_temp.gid('p' || $4, g, 0) as parts_order_id,
           resolved_at + make_interval(secs => 3600 * case when u_callback < 0.08 * factor then 60 + 40 * u_callback else 2 + 16 * u_callback * factor end) as callback_at,
           greatest(1, 5 - floor(power(u_score, 1.5) * 1.6 * factor)::int) as score
      from finished f
  )
  select c.*,
         always_called or ('x' || substr(encode(sha256(convert_to('callback:' || c.id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint / 4294967296.0 < 0.3 as called_back,
         case when always_called or ('x' || substr(encode(sha256(convert_to('callback:' || c.id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint / 4294967296.0 < 0.3
              then callback_at + interval '5 minutes' else resolved_at + interval '48 hours' end as closed_at,
         'G' || $4 || '-' || c.k || lpad(row_number() over (partition by c.k order by c.created_at, c.g)::text, 5, '0') as number,
         (${CATEGORIES})[1 + (fault_rank + model_no * 3) % 12] as fault_category,
         (${PROBLEMS})[1 + (fault_rank + model_no * 3) % 12] as problem,
         ($3::uuid[])[1 + model_no] as model_id
    from called c`;

export const INSERT_MONTH_CUSTOMERS = `
  insert into customers (tenant_id, id, name, phone, tier, created_at, updated_at)
  select tenant_id, pg_temp.gid('c' || $1, g, 0), pg_temp.person(g), pg_temp.phone(k, (g % 100000000)::int),
         case when pg_temp.u(g, 25) < 0.05 then 'VIP' else 'STANDARD' end, created_at, created_at
    from gen_month`;

export const INSERT_MONTH_DEVICES = `
  insert into devices (tenant_id, id, customer_id, model_id, serial_number, purchase_date, purchase_source, created_at, updated_at)
  select tenant_id, pg_temp.gid('d' || $1, g, 0), pg_temp.gid('c' || $1, g, 0), model_id,
         'SN' || upper(substr(md5('sn:' || g || ':' || pg_temp.u(g, 27)), 1, 12)),
         (created_at - make_interval(days => 30 + floor(pg_temp.u(g, 28) * 700)::int))::date, 'ELSEWHERE', created_at, created_at
    from gen_month`;

/** Every generated ticket as it ends; the status is set back afterwards to the last move before now. */
export const INSERT_MONTH_TICKETS = `
  insert into tickets (tenant_id, id, number, type, channel, priority, status, customer_id, device_id, problem, fault_category, contact_name, contact_phone,
                       assignee_id, sla_standard, resolution, version, created_at, updated_at, resolved_at, closed_at)
  select tenant_id, id, number, type, channel, priority, 'CLOSED', pg_temp.gid('c' || $1, g, 0), pg_temp.gid('d' || $1, g, 0), problem,
         case when categorised then fault_category end, pg_temp.person(g), pg_temp.phone(k, (g % 100000000)::int),
         assignee_id, snapshot, '已处理完毕，客户确认', 5, created_at, closed_at, resolved_at, closed_at
    from gen_month`;

/** The timeline up to $1 (now): what the clocks are computed from. */
export const INSERT_MONTH_TIMELINE = `
  insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, data, actor_kind, actor_id, occurred_at)
  select m.tenant_id, m.id, e.kind, e.visibility, e.summary, e.data, 'USER', e.actor, e.at
    from gen_month m cross join lateral (values
      ('REGISTERED', 'INTERNAL', m.type || ' registered via ' || m.channel || ': ' || m.problem,
       jsonb_build_object('channel', m.channel, 'priority', m.priority, 'warranty', null), m.agent_id, m.created_at, true),
      ('ASSIGNED', 'INTERNAL', 'Assigned', jsonb_build_object('from', null, 'to', m.assignee_id, 'reason', null), m.agent_id, m.assigned_at, true),
      ('CUSTOMER_CONTACT', 'CUSTOMER', 'Reached the customer by PHONE: 已联系客户确认故障现象',
       jsonb_build_object('channel', 'PHONE', 'reached', true, 'outcome', '已联系客户确认故障现象'), m.assignee_id, m.contacted_at, true),
      ('STATUS_CHANGED', 'CUSTOMER', 'ASSIGNED → IN_PROGRESS', jsonb_build_object('from', 'ASSIGNED', 'to', 'IN_PROGRESS', 'note', null), m.assignee_id, m.started_at, true),
      ('STATUS_CHANGED', 'CUSTOMER', 'IN_PROGRESS → WAITING_PARTS', jsonb_build_object('from', 'IN_PROGRESS', 'to', 'WAITING_PARTS', 'note', null), m.assignee_id, m.parts_ordered_at, m.waits_parts),
      ('PART_ORDERED', 'CUSTOMER', 'The part has been ordered and is expected on ' || m.parts_expected_on,
       jsonb_build_object('partsOrderId', m.parts_order_id, 'expectedOn', m.parts_expected_on), m.assignee_id, m.parts_ordered_at, m.waits_parts),
      ('PART_DELAYED', 'CUSTOMER', 'The part is now expected on ' || (m.parts_expected_on + 2) || ' instead of ' || m.parts_expected_on || ', sorry for the delay',
       jsonb_build_object('partsOrderId', m.parts_order_id, 'previousOn', m.parts_expected_on, 'expectedOn', m.parts_expected_on + 2, 'reason', '供应商延迟发货', 'later', true),
       m.assignee_id, m.parts_delayed_at, m.parts_slipped),
      ('PART_ARRIVED', 'CUSTOMER', 'The part has arrived', jsonb_build_object('partsOrderId', m.parts_order_id, 'expectedOn', m.parts_expected_on + case when m.parts_slipped then 2 else 0 end),
       m.assignee_id, m.parts_arrived_at, m.waits_parts),
      ('STATUS_CHANGED', 'CUSTOMER', 'WAITING_PARTS → IN_PROGRESS', jsonb_build_object('from', 'WAITING_PARTS', 'to', 'IN_PROGRESS', 'note', null), m.assignee_id, m.parts_arrived_at, m.waits_parts),
      ('STATUS_CHANGED', 'CUSTOMER', 'IN_PROGRESS → RESOLVED', jsonb_build_object('from', 'IN_PROGRESS', 'to', 'RESOLVED', 'note', null), m.assignee_id, m.first_resolved_at, m.reopened),
      ('STATUS_CHANGED', 'CUSTOMER', 'RESOLVED → REOPENED', jsonb_build_object('from', 'RESOLVED', 'to', 'REOPENED', 'note', '客户反馈问题复现'), m.agent_id, m.reopened_at, m.reopened),
      ('ASSIGNED', 'INTERNAL', 'Assigned', jsonb_build_object('from', null, 'to', m.assignee_id, 'reason', 'reopened'), m.agent_id, m.reopened_at + interval '15 minutes', m.reopened),
      ('STATUS_CHANGED', 'CUSTOMER', 'ASSIGNED → IN_PROGRESS', jsonb_build_object('from', 'ASSIGNED', 'to', 'IN_PROGRESS', 'note', null), m.assignee_id, m.reopened_at + interval '1 hour', m.reopened),
      ('STATUS_CHANGED', 'CUSTOMER', 'IN_PROGRESS → RESOLVED', jsonb_build_object('from', 'IN_PROGRESS', 'to', 'RESOLVED', 'note', null), m.assignee_id, m.resolved_at, true),
      ('CALLBACK_COMPLETED', 'INTERNAL', 'Satisfaction callback by phone: ' || m.score || '/5',
       jsonb_build_object('callbackId', null, 'score', m.score, 'comment', null, 'channel', 'PHONE', 'followUp', false), m.agent_id, m.callback_at, m.called_back),
      ('STATUS_CHANGED', 'CUSTOMER', 'RESOLVED → CLOSED', jsonb_build_object('from', 'RESOLVED', 'to', 'CLOSED', 'note', null), m.agent_id, m.closed_at, true)
    ) as e(kind, visibility, summary, data, actor, at, wanted)
   where e.wanted and e.at <= $1::timestamptz`;

/** Tickets whose story runs past now stand where their last move left them. */
export const SETTLE_MONTH_TICKETS = `
  update tickets t set status = m.status,
         resolved_at = case when m.status in ('RESOLVED', 'CLOSED') then t.resolved_at end,
         closed_at = case when m.status = 'CLOSED' then t.closed_at end,
         resolution = case when m.status in ('RESOLVED', 'CLOSED') then t.resolution end,
         updated_at = m.at
    from (select g.tenant_id, g.id, s.status, s.at from gen_month g cross join lateral (
            select coalesce(e.data->>'to', 'ASSIGNED') as status, e.occurred_at as at from ticket_events e
             where e.tenant_id = g.tenant_id and e.ticket_id = g.id and e.kind in ('STATUS_CHANGED', 'ASSIGNED')
             order by e.occurred_at desc limit 1) s
           where g.closed_at > $1::timestamptz) m
   where t.tenant_id = m.tenant_id and t.id = m.id`;

export const INSERT_MONTH_PARTS = `
  insert into parts_orders (tenant_id, id, ticket_id, part_number, description, quantity, supplier, ordered_at, expected_on, arrived_at, status, created_at, updated_at)
  select tenant_id, parts_order_id, id, (array['FAN-01','LCD-14','KB-CN','BAT-56','SSD-512','MB-X14'])[1 + (g % 6)::int],
         (array['散热风扇','14 英寸屏幕总成','中文键盘','56Wh 电池','512GB 固态硬盘','主板'])[1 + (g % 6)::int], 1,
         (array['华东配件中心','华南配件中心','原厂直发'])[1 + (g % 3)::int], parts_ordered_at,
         parts_expected_on + case when parts_delayed_at <= $1::timestamptz then 2 else 0 end,
         case when parts_arrived_at <= $1::timestamptz then parts_arrived_at end,
         case when parts_arrived_at <= $1::timestamptz then 'ARRIVED' else 'ORDERED' end, parts_ordered_at, least(parts_arrived_at, $1::timestamptz)
    from gen_month where waits_parts and parts_ordered_at <= $1::timestamptz`;

/** The slipped orders' moved dates, as the store recorded them on the day. */
export const INSERT_MONTH_DATE_CHANGES = `
  insert into parts_order_date_changes (tenant_id, parts_order_id, previous_on, expected_on, reason, changed_at, changed_by)
  select tenant_id, parts_order_id, parts_expected_on, parts_expected_on + 2, '供应商延迟发货', parts_delayed_at, assignee_id
    from gen_month where parts_delayed_at <= $1::timestamptz`;

/** The answered satisfaction callbacks (by phone), with their scores. */
export const INSERT_MONTH_CALLBACKS = `
  insert into callbacks (tenant_id, ticket_id, resolved_at, state, score, answered_at, channel, called_by_id, created_at, updated_at)
  select tenant_id, id, resolved_at, 'ANSWERED', score, callback_at, 'PHONE', agent_id, resolved_at, callback_at
    from gen_month where called_back and callback_at <= $1::timestamptz`;

/**
 * One repair in seven (in a slower store, more) is handed to the network's
 * repair centre half an hour after work starts; the centre reports it repaired
 * at seven tenths of the way to the ticket's resolution and returned at
 * eighteen twentieths. The store's deadline is drawn as seven days after
 * registration (the demo standard's five working days for a repair). Only what
 * happened by $1 (now) is written. $2 is the partner, $3 the month's tag.
 */
const DISPATCHED = `
  select m.*, m.started_at + interval '30 minutes' as dispatched_at,
         m.started_at + interval '30 minutes' + (m.first_resolved_at - m.started_at - interval '30 minutes') * 0.7 as repaired_at,
         m.started_at + interval '30 minutes' + (m.first_resolved_at - m.started_at - interval '30 minutes') * 0.85 as returned_at,
         pg_temp.gid('x' || $3, m.g, 0) as dispatch_id, pg_temp.gid('w' || $3, m.g, 0) as work_order_id
    from gen_month m
   where m.type = 'REPAIR' and pg_temp.u(m.g, 30) < 0.14 * m.factor and m.started_at + interval '30 minutes' <= $1::timestamptz`;

const PARTNER_STATUS = `case when d.returned_at <= $1::timestamptz then 'RETURNED' when d.repaired_at <= $1::timestamptz then 'REPAIRED' else 'IN_REPAIR' end`;

export const INSERT_MONTH_WORK_ORDERS = `
  insert into work_orders (tenant_id, id, source_tenant_id, source_dispatch_id, reference, problem, status, store_due_at,
                           repaired_at, returned_at, created_at, updated_at)
  select $2::uuid, d.work_order_id, d.tenant_id, d.dispatch_id, d.number, d.problem, ${PARTNER_STATUS}, d.created_at + interval '7 days',
         case when d.repaired_at <= $1::timestamptz then d.repaired_at end, case when d.returned_at <= $1::timestamptz then d.returned_at end,
         d.dispatched_at, greatest(d.dispatched_at, least($1::timestamptz, case when d.returned_at <= $1::timestamptz then d.returned_at else d.repaired_at end))
    from (${DISPATCHED}) d`;

export const INSERT_MONTH_DISPATCHES = `
  insert into dispatches (tenant_id, id, ticket_id, partner_tenant_id, work_order_id, partner_status, partner_updated_at, created_at)
  select d.tenant_id, d.dispatch_id, d.id, $2::uuid, d.work_order_id, ${PARTNER_STATUS},
         case when d.repaired_at <= $1::timestamptz then least(d.returned_at, $1::timestamptz) end, d.dispatched_at
    from (${DISPATCHED}) d`;
