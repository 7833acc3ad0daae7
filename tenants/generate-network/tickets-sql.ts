/**
 * A year of tickets for the stores k in [$1, $2], planned in one temporary
 * table (`gen_batch`) and written from it: the tickets, their timelines and
 * parts orders. $3 is the as-of instant, $4 the HQ standard's snapshot (what
 * registration stores on every ticket).
 *
 * Ticket g (numbered across the network) is created at a uniform instant of
 * the year; it is still open with probability 0.8·e^(-age/8 days) + 0.25%,
 * so ~2% are open, nearly all from the last weeks. Most tickets come from the
 * store's own customers, one in four from a returning one.
 */
export const PLAN_BATCH = `
  create temp table gen_batch as
  with base as (
    select s.k, s.tenant_id, s.prefix, s.staff, g,
           $3::timestamptz - make_interval(secs => 31536000 * pg_temp.u(g, 1)) as created_at,
           pg_temp.u(g, 2) as u_open, pg_temp.u(g, 3) as u_status, pg_temp.u(g, 4) as u_type, pg_temp.u(g, 5) as u_channel,
           pg_temp.u(g, 6) as u_priority, 1 + floor(pg_temp.u(g, 7) * s.customers)::int as j, pg_temp.u(g, 8) as u_device,
           1 + floor(pg_temp.u(g, 9) * s.staff)::int as staff_no, pg_temp.u(g, 10) as u_duration, pg_temp.u(g, 11) as u_extra,
           1 + floor(pg_temp.u(g, 12) * 12)::int as problem_no
      from gen_stores s cross join lateral generate_series(s.first_g, s.first_g + s.tickets - 1) g
     where s.k between $1 and $2
  ), opened as (
    select b.*, pg_temp.u(g, 2) < 0.8 * exp(-extract(epoch from $3::timestamptz - created_at) / 86400 / 8) + 0.0025 as open
      from base b
  ), classified as (
    select o.*,
           case when open then case when u_status < 0.15 then 'NEW' when u_status < 0.35 then 'ASSIGNED' when u_status < 0.70 then 'IN_PROGRESS'
                                    when u_status < 0.85 then 'WAITING_PARTS' when u_status < 0.95 then 'WAITING_CUSTOMER' else 'REOPENED' end
                else case when u_status < 0.04 then 'CANCELLED' else 'CLOSED' end end as status,
           case when u_type < 0.55 then 'REPAIR' when u_type < 0.75 then 'INQUIRY' when u_type < 0.83 then 'ONSITE'
                when u_type < 0.90 then 'RETURN_EXCHANGE' when u_type < 0.95 then 'COMPLAINT' else 'PAID_SERVICE' end as type,
           case when u_channel < 0.60 then 'WALK_IN' when u_channel < 0.85 then 'PHONE' when u_channel < 0.97 then 'ONLINE' else 'PARTNER_API' end as channel,
           case when u_priority < 0.10 then 'LOW' when u_priority < 0.80 then 'NORMAL' when u_priority < 0.95 then 'HIGH' else 'URGENT' end as priority,
           -- how long it took (closed) or how far it got (open): hours, most quick, a few long
           least(1 + 240 * u_duration * u_duration, extract(epoch from $3::timestamptz - created_at) / 3600 * 0.9) as hours,
           pg_temp.u(g, 13) as u_assign, pg_temp.u(g, 14) as u_reach, pg_temp.u(g, 15) as u_contact
      from opened o
  )
  select c.*, pg_temp.gid('t', g, 0) as id,
         -- minutes after registration, before the ticket's last move: most within the dispatch and contact targets, a tail well past them
         c.created_at + make_interval(secs => least(120 + 5400 * c.u_assign ^ 3, c.hours * 1800)) as assigned_at,
         c.created_at + make_interval(secs => least(300 + 36000 * c.u_reach ^ 3, c.hours * 2880)) as contacted_at,
         -- the satisfaction callback of the tickets the default callback policy picks (every complaint and paid service, and the
         -- 30% of the rest its sample of the ticket id picks: domain/standards/callback-policy.ts), on most of them, most within days
         case when c.status = 'CLOSED' and pg_temp.u(g, 17) < 0.85
                   and (c.type in ('COMPLAINT', 'PAID_SERVICE')
                        or ('x' || left(encode(sha256(convert_to('callback:' || pg_temp.gid('t', g, 0), 'UTF8')), 'hex'), 8))::bit(32)::bigint / 4294967296.0 < 0.3)
                   and c.created_at + make_interval(secs => c.hours * 3600 + 7200 + 259200 * pg_temp.u(g, 18) ^ 2) <= $3::timestamptz
              then c.created_at + make_interval(secs => c.hours * 3600 + 7200 + 259200 * pg_temp.u(g, 18) ^ 2) end as called_back_at,
         c.prefix || '-' || extract(year from c.created_at at time zone 'Asia/Shanghai')::int || '-'
           || lpad(row_number() over (partition by c.k, extract(year from c.created_at at time zone 'Asia/Shanghai') order by c.created_at, c.g)::text, 6, '0') as number,
         extract(year from c.created_at at time zone 'Asia/Shanghai')::int as year,
         case when c.status = 'NEW' or (c.status = 'CANCELLED' and c.u_extra < 0.5) then null else pg_temp.gid('u', c.k, c.staff_no) end as assignee_id,
         pg_temp.gid('u', c.k, 2) as agent_id,
         case when c.type = 'INQUIRY' or c.u_device >= 0.9 then null else pg_temp.gid('d', c.k, c.j) end as device_id,
         c.created_at + make_interval(secs => c.hours * 3600) as changed_at,
         (array['开机无反应，电源指示灯不亮','屏幕出现竖线并闪烁','键盘部分按键失灵','电池续航明显下降，充不满电','风扇噪音大，机身过热',
                '无法连接无线网络','系统频繁蓝屏重启','硬盘异响，文件打不开','触控板无法使用','外接显示器无信号',
                '进水后无法开机','咨询保修期与延保政策'])[c.problem_no] as problem
    from classified c`;

export const INSERT_TICKETS = `
  insert into tickets (tenant_id, id, number, type, channel, priority, status, customer_id, device_id, problem, contact_name, contact_phone,
                       assignee_id, sla_standard, resolution, version, created_at, updated_at, resolved_at, closed_at)
  select b.tenant_id, b.id, b.number, b.type, b.channel, b.priority, b.status, pg_temp.gid('c', b.k, b.j), b.device_id, b.problem,
         pg_temp.person(b.k::bigint * 100000000 + b.j), pg_temp.phone(b.k, b.j), b.assignee_id, $1::jsonb,
         case when b.status = 'CLOSED' then '已处理完毕，客户确认' end,
         1 + (b.assignee_id is not null)::int + (b.status not in ('NEW', 'ASSIGNED'))::int,
         b.created_at, case when b.status in ('NEW', 'ASSIGNED') then b.assigned_at else b.changed_at end,
         case when b.status = 'CLOSED' then b.changed_at end, case when b.status = 'CLOSED' then b.changed_at end
    from gen_batch b`;

/**
 * About four timeline entries a ticket: registered, assigned, the customer
 * reached (nine tickets in ten), its last move, and on most closed tickets
 * the callback policy picks, the satisfaction callback. The assignment, the contact and the
 * callback come quickly on most tickets and late on some, so the service
 * figures have met and breached runs of every metric.
 */
export const INSERT_TIMELINE = `
  insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, data, actor_kind, actor_id, occurred_at)
  select b.tenant_id, b.id, e.kind, e.visibility, e.summary, e.data, 'USER', e.actor, e.at
    from gen_batch b cross join lateral (values
      ('REGISTERED', 'INTERNAL', b.type || ' registered via ' || b.channel || ': ' || b.problem,
       jsonb_build_object('channel', b.channel, 'priority', b.priority, 'warranty', null), b.agent_id, b.created_at, true),
      ('ASSIGNED', 'INTERNAL', 'Assigned to ' || pg_temp.person(b.k::bigint * 1000 + b.staff_no),
       jsonb_build_object('from', null, 'to', b.assignee_id, 'reason', null), b.agent_id, b.assigned_at, b.assignee_id is not null),
      ('CUSTOMER_CONTACT', 'CUSTOMER', 'Reached the customer by PHONE: 已联系客户确认故障现象',
       jsonb_build_object('channel', 'PHONE', 'reached', true, 'outcome', '已联系客户确认故障现象'), coalesce(b.assignee_id, b.agent_id),
       b.contacted_at, b.u_contact < 0.9),
      ('CALLBACK_COMPLETED', 'INTERNAL', 'Satisfaction callback by phone: ' || (3 + (b.g % 3)::int) || '/5',
       jsonb_build_object('callbackId', null, 'score', 3 + (b.g % 3)::int, 'comment', null, 'channel', 'PHONE', 'followUp', false), b.agent_id,
       b.called_back_at, b.called_back_at is not null),
      ('STATUS_CHANGED', case when b.status in ('CLOSED', 'CANCELLED', 'WAITING_CUSTOMER', 'WAITING_PARTS') then 'CUSTOMER' else 'INTERNAL' end,
       'ASSIGNED → ' || b.status, jsonb_build_object('from', 'ASSIGNED', 'to', b.status, 'note', null), coalesce(b.assignee_id, b.agent_id),
       b.changed_at, b.status not in ('NEW', 'ASSIGNED'))
    ) as e(kind, visibility, summary, data, actor, at, wanted)
   where e.wanted`;

/** Open tickets waiting for parts have one on order (some already late); one closed repair in twenty had one arrive. */
export const INSERT_PARTS = `
  insert into parts_orders (tenant_id, ticket_id, part_number, description, quantity, supplier, ordered_at, expected_on, arrived_at, status, created_at, updated_at)
  select b.tenant_id, b.id, (array['FAN-01','LCD-14','KB-CN','BAT-56','SSD-512','MB-X14'])[1 + (b.g % 6)::int],
         (array['散热风扇','14 英寸屏幕总成','中文键盘','56Wh 电池','512GB 固态硬盘','主板'])[1 + (b.g % 6)::int], 1,
         (array['华东配件中心','华南配件中心','原厂直发'])[1 + (b.g % 3)::int], p.ordered_at,
         (p.ordered_at + make_interval(days => 2 + (b.g % 5)::int))::date,
         case when b.status = 'CLOSED' then least(p.ordered_at + interval '2 days', b.changed_at) end,
         case when b.status = 'CLOSED' then 'ARRIVED' else 'ORDERED' end, p.ordered_at, b.changed_at
    from gen_batch b cross join lateral (select case when b.status = 'CLOSED' then b.created_at else b.changed_at end as ordered_at) p
   where b.status = 'WAITING_PARTS' or (b.status = 'CLOSED' and b.type = 'REPAIR' and b.u_extra < 0.05)`;

/** How far each store's numbering of a year went, for its sequence. */
export const RECORD_NUMBERS = `
  insert into gen_numbers (tenant_id, year, last_value)
  select tenant_id, year, count(*) from gen_batch group by tenant_id, year`;
