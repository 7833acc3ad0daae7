-- A partner hears of a work order handed to it through its own webhooks. The
-- store cannot write into the partner's tables; this schedules, in the
-- partner's name, the one action that publishes the event there, and only
-- for a work order this store has just handed to that partner.
create function handoff_partner_notice(p_partner uuid, p_work_order uuid, p_kind text, p_key text, p_due timestamptz, p_max_attempts integer)
  returns void
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $$
  begin
    if not exists (
      select 1 from work_orders
       where tenant_id = p_partner and id = p_work_order and source_tenant_id = app_current_tenant()
    ) then
      raise exception 'no such work order' using errcode = 'P0002';
    end if;
    insert into scheduled_actions (tenant_id, kind, idempotency_key, due_at, max_attempts, payload, created_at, updated_at)
    values (p_partner, p_kind, p_key, p_due, p_max_attempts, jsonb_build_object('workOrderId', p_work_order), p_due, p_due)
    on conflict (tenant_id, idempotency_key) do nothing;
  end
  $$;
