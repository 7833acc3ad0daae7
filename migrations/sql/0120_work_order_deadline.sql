-- The store's deadline on a work order: when the store's ticket is due to be
-- resolved, as it stood when the repair was handed over (the partner cannot
-- read the store's ticket or its clocks). Written by the store through the
-- function below, and only on a work order it has just handed to that partner.
alter table work_orders add column store_due_at timestamptz;

create function handoff_deadline(p_partner uuid, p_work_order uuid, p_due timestamptz)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  begin
    update work_orders set store_due_at = p_due
     where tenant_id = p_partner and id = p_work_order and source_tenant_id = app_current_tenant();
    if not found then
      raise exception 'no such work order' using errcode = 'P0002';
    end if;
  end
  $$;
