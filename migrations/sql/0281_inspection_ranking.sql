-- The monthly ranking counts HQ's inspections: INSPECTION_SCORE is the mean
-- total of a store's inspections submitted in the month. The month's figures
-- gain the column; HQ may set a target for it and weigh it.

alter table network_targets drop constraint network_targets_figure_check;
alter table network_targets add constraint network_targets_figure_check check (figure in (
  'DISPATCH_COMPLIANCE', 'FIRST_CONTACT_COMPLIANCE', 'RESOLUTION_COMPLIANCE', 'PROGRESS_UPDATE_COMPLIANCE',
  'CALLBACK_COMPLIANCE', 'FIRST_RESPONSE_WITHIN_24_HOURS', 'FIRST_RESPONSE_AVERAGE_MINUTES', 'INSPECTION_SCORE'));

drop function ranking_month_figures(date, timestamptz);
create function ranking_month_figures(p_month date, p_now timestamptz)
  returns table (store_key integer, store_id uuid, slug text, name text, metric text, met bigint, breached bigint,
                 within_24h bigint, decided_24h bigint, avg_minutes numeric,
                 inspection_score numeric)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    with caller as (
      select t.id, t.kind, coalesce(t.parent_id, t.id) as hq from tenants t
       where t.id = app_current_tenant() and t.kind in ('HQ', 'STORE')
    ),
    shown as (
      select c.kind = 'HQ' or exists (select 1 from ranking_publications p where p.tenant_id = c.hq and p.month = p_month) as all_shown
        from caller c
    ),
    store as (
      select s.id, s.slug, s.name, s.time_zone, (row_number() over (order by s.id))::integer as key
        from tenants s join caller c on s.parent_id = c.hq
       where s.kind = 'STORE'
    ),
    counted as (
      select f.tenant_id, f.metric,
             count(*) filter (where f.outcome = 'MET') as met,
             count(*) filter (where f.outcome = 'BREACHED' or (f.outcome = 'RUNNING' and f.due_at <= p_now)) as breached,
             count(*) filter (where f.stopped_at - f.started_at <= interval '24 hours') as within_24h,
             count(*) filter (where f.stopped_at is not null or f.started_at + interval '24 hours' <= p_now) as decided_24h,
             avg(extract(epoch from f.stopped_at - f.started_at) / 60) filter (where f.stopped_at is not null) as avg_minutes
        from ticket_metric_facts f
       where f.tenant_id in (select id from store)
         and f.local_date between p_month and (p_month + interval '1 month' - interval '1 day')::date
       group by 1, 2
    ),
    inspected as (
      -- the mean total of the store's inspections submitted in the month (its own calendar month)
      select i.store_id, avg(i.score_percent) as score
        from inspections i join store s on s.id = i.store_id
       where i.tenant_id = (select hq from caller) and i.status = 'SUBMITTED'
         and (i.submitted_at at time zone s.time_zone)::date between p_month and (p_month + interval '1 month' - interval '1 day')::date
       group by 1
    )
    select s.key,
           case when sh.all_shown or s.id = app_current_tenant() then s.id end,
           case when sh.all_shown or s.id = app_current_tenant() then s.slug end,
           case when sh.all_shown or s.id = app_current_tenant() then s.name end,
           n.metric, coalesce(n.met, 0), coalesce(n.breached, 0), coalesce(n.within_24h, 0), coalesce(n.decided_24h, 0), n.avg_minutes,
           ins.score
      from store s cross join shown sh
      left join counted n on n.tenant_id = s.id
      left join inspected ins on ins.store_id = s.id
  $$;
