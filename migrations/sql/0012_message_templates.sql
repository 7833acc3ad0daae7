-- The wording of the messages sent to customers and staff, per template key and
-- locale. A row overrides the built-in default: an HQ's rows apply to its whole
-- network, a store's own rows to that store only (the sender looks for the
-- store's row first, then its HQ's, then the default).
create table message_templates (
  tenant_id     uuid not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  template_key  text not null check (length(template_key) between 1 and 64),
  locale        text not null check (locale in ('zh-CN', 'en')),
  subject       text not null check (length(subject) between 1 and 200 and subject !~ '[\r\n]'),
  body          text not null check (length(body) between 1 and 4000),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, template_key, locale)
);
select app_protect_tenant_table('message_templates', false);
-- Stores and partners read their HQ's wording, as they read its catalogue.
select app_share_with_children('message_templates');

-- Escalations reach HQ's people from a store's transaction, which cannot read
-- HQ's staff. This answers one narrow question: the active staff of one HQ
-- role at the current tenant's own HQ (or, for an HQ, its own), with the HQ's
-- language.
create function notification_hq_staff(p_role text)
  returns table (email text, name text, locale text)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select s.email, s.name, h.locale
      from tenants h
      join staff_users s on s.tenant_id = h.id
     where h.id = coalesce(app_parent_tenant(), app_current_tenant())
       and h.kind = 'HQ'
       and p_role in ('HQ_ADMIN', 'HQ_SUPERVISOR')
       and s.role = p_role
       and s.status = 'ACTIVE'
     order by s.email
  $$;
