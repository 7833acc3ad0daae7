-- A partner's figures (work orders received, repaired by the store's deadline,
-- turnaround) need to know when each work order reached its milestones; the
-- row kept only its latest status and `updated_at`. Written by the partner's
-- report in the same transaction as the status.
alter table work_orders
  add column repaired_at  timestamptz,
  add column returned_at  timestamptz,
  add column cancelled_at timestamptz,
  -- times a repaired order went back into repair (REPAIRED -> IN_REPAIR)
  add column reworks      integer not null default 0 check (reworks >= 0);

-- Orders already at a milestone reached it at their last report. A RETURNED
-- order's repair, if any, was not recorded apart: it counts as returned only.
update work_orders set repaired_at = updated_at where status = 'REPAIRED';
update work_orders set returned_at = updated_at where status = 'RETURNED';
update work_orders set cancelled_at = updated_at where status = 'CANCELLED';

-- The figures read a partner's orders repaired in a period by this index; the
-- ones received use work_orders_created_idx.
create index work_orders_repaired_idx on work_orders (tenant_id, repaired_at) where repaired_at is not null;

-- A work order is received at the store's instant of the handoff (the
-- application's clock, as every other instant the figures compare with it),
-- not at the database's: the turnaround is the repair's instant minus this.
drop function handoff_dispatch(uuid, uuid, uuid, text, text, text, text, jsonb);
create function handoff_dispatch(p_partner uuid, p_work_order uuid, p_dispatch uuid, p_reference text,
                                 p_device_model text, p_device_serial text, p_problem text, p_parts jsonb, p_at timestamptz)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  declare
    v_store uuid := app_current_tenant();
  begin
    if not exists (
      select 1 from tenants s join tenants p on p.parent_id = s.parent_id
      where s.id = v_store and s.kind = 'STORE' and p.id = p_partner and p.kind = 'PARTNER' and p.status = 'ACTIVE'
    ) then
      raise exception 'not a partner of this network' using errcode = 'P0002';
    end if;
    insert into work_orders (tenant_id, id, source_tenant_id, source_dispatch_id, reference, device_model, device_serial, problem, parts, status,
                             created_at, updated_at)
    values (p_partner, p_work_order, v_store, p_dispatch, p_reference, p_device_model, p_device_serial, p_problem, coalesce(p_parts, '[]'::jsonb),
            'RECEIVED', p_at, p_at);
  end
  $$;
