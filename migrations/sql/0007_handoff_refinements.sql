-- A partner's report moves the store's ticket on: its version changes, so a
-- colleague holding the old version reloads before overwriting anything.
create or replace function handoff_report(p_work_order uuid, p_status text, p_note text, p_at timestamptz)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  declare
    v_partner uuid := app_current_tenant();
    v_order work_orders%rowtype;
    v_ticket uuid;
  begin
    select * into v_order from work_orders where tenant_id = v_partner and id = p_work_order;
    if not found then
      raise exception 'no such work order' using errcode = 'P0002';
    end if;
    update dispatches set partner_status = p_status, partner_note = p_note, partner_updated_at = p_at
      where tenant_id = v_order.source_tenant_id and id = v_order.source_dispatch_id
      returning ticket_id into v_ticket;
    if v_ticket is not null then
      update tickets set version = version + 1, updated_at = p_at
        where tenant_id = v_order.source_tenant_id and id = v_ticket;
      insert into ticket_events (tenant_id, ticket_id, kind, visibility, summary, data, actor_kind, actor_id, occurred_at)
      values (v_order.source_tenant_id, v_ticket, 'PARTNER_PROGRESS', 'INTERNAL',
              'Partner reports ' || p_status || coalesce(': ' || p_note, ''),
              jsonb_build_object('status', p_status, 'note', p_note, 'partnerTenantId', v_partner, 'workOrderId', p_work_order),
              'PARTNER', v_partner, p_at);
    end if;
  end
  $$;

-- The partners a store may hand work to: the active partners of its own HQ.
-- Only their names: a store reads nothing else of another tenant.
create function network_partners()
  returns table (id uuid, slug text, name text)
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select p.id, p.slug, p.name from tenants s join tenants p on p.parent_id = s.parent_id
    where s.id = app_current_tenant() and p.kind = 'PARTNER' and p.status = 'ACTIVE'
    order by p.name
  $$;

-- Whether a tenant is another store of the caller's own network (devices bought there).
create function is_network_store(p_store uuid) returns boolean
  language sql stable security definer
  set search_path = pg_catalog, public
  as $$
    select exists (select 1 from tenants s join tenants o on o.parent_id = s.parent_id
                   where s.id = app_current_tenant() and o.id = p_store and o.kind = 'STORE')
  $$;
