-- HQ's targets for its network and its monthly ranking of stores. Every row
-- belongs to the HQ (tenant_id = the HQ) and is written only by it; its own
-- stores read them (app_share_with_children), as they read the standard:
-- a store knows the targets it is held to, how the score is weighed, and
-- which months HQ has published.

-- One row per HQ: the version of its set of targets, locked while the set is replaced.
create table network_target_sets (
  tenant_id   uuid not null references tenants (id),
  version     integer not null check (version > 0),
  updated_at  timestamptz not null,
  updated_by  uuid,
  primary key (tenant_id)
);
select app_protect_tenant_table('network_target_sets', false);
select app_share_with_children('network_target_sets');

-- A target per figure: e.g. FIRST_RESPONSE_WITHIN_24_HOURS AT_LEAST 90 (percent),
-- FIRST_RESPONSE_AVERAGE_MINUTES AT_MOST 240.
create table network_targets (
  tenant_id   uuid not null references tenants (id),
  figure      text not null check (figure in ('DISPATCH_COMPLIANCE', 'FIRST_CONTACT_COMPLIANCE', 'RESOLUTION_COMPLIANCE', 'PROGRESS_UPDATE_COMPLIANCE',
                                              'CALLBACK_COMPLIANCE', 'FIRST_RESPONSE_WITHIN_24_HOURS', 'FIRST_RESPONSE_AVERAGE_MINUTES')),
  comparison  text not null check (comparison in ('AT_LEAST', 'AT_MOST')),
  value       numeric(12, 2) not null check (value >= 0),
  primary key (tenant_id, figure),
  foreign key (tenant_id) references network_target_sets (tenant_id)
);
select app_protect_tenant_table('network_targets', false);
select app_share_with_children('network_targets');

-- One row per HQ: the weight of each figure in the ranking's score, in percent (they add up to 100).
create table ranking_definitions (
  tenant_id   uuid not null references tenants (id),
  weights     jsonb not null check (jsonb_typeof(weights) = 'object'),
  version     integer not null check (version > 0),
  updated_at  timestamptz not null,
  updated_by  uuid,
  primary key (tenant_id)
);
select app_protect_tenant_table('ranking_definitions', false);
select app_share_with_children('ranking_definitions');

-- The months whose whole ranking HQ has shown to its stores; unpublishing deletes the row.
create table ranking_publications (
  tenant_id     uuid not null references tenants (id),
  month         date not null check (extract(day from month) = 1),
  published_at  timestamptz not null,
  published_by  uuid,
  primary key (tenant_id, month)
);
select app_protect_tenant_table('ranking_publications', false);
select app_share_with_children('ranking_publications');

-- A month's figures of every store of the caller's network, counted from the
-- facts as the service figures count them (a running run past its due
-- instant is breached). A store needs the whole network's figures for its
-- rank and the network's medians, yet may not see another store's figures:
-- every store's row carries a number (`store_key`) that keeps the stores
-- apart, but another store's id, slug and name only once its HQ has
-- published the month. An HQ gets its stores' ids always; a partner nothing.
create function ranking_month_figures(p_month date, p_now timestamptz)
  returns table (store_key integer, store_id uuid, slug text, name text, metric text, met bigint, breached bigint,
                 within_24h bigint, decided_24h bigint, avg_minutes numeric)
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
      select s.id, s.slug, s.name, (row_number() over (order by s.id))::integer as key
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
    )
    select s.key,
           case when sh.all_shown or s.id = app_current_tenant() then s.id end,
           case when sh.all_shown or s.id = app_current_tenant() then s.slug end,
           case when sh.all_shown or s.id = app_current_tenant() then s.name end,
           n.metric, coalesce(n.met, 0), coalesce(n.breached, 0), coalesce(n.within_24h, 0), coalesce(n.decided_24h, 0), n.avg_minutes
      from store s cross join shown sh
      left join counted n on n.tenant_id = s.id
  $$;
