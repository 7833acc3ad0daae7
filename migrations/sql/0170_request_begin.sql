-- The first statement of every authenticated request: binds the request's
-- transaction to the caller's tenant, sets its statement timeout, and returns
-- what the api needs to verify the caller and act for it, with the session's
-- pid (to cancel its statement when the request's deadline passes). One round
-- trip instead of a tenant look-up, a set_config and the caller's reads.
--
-- Both run as the caller (security invoker): after set_config every read is
-- under RLS for that tenant, exactly as the statements they replace were. The
-- API key's tenant comes from the narrow definer auth_api_key_tenant. PL/pgSQL
-- keeps each session's plans of these reads, so they are planned once per
-- pooled connection, as prepared statements would be.

create function request_begin_api_key(p_key_id uuid, p_statement_timeout text)
  returns table (tenant_id uuid, pid integer, key_role text, secret_hash text, revoked boolean,
                 last_used_at timestamptz, tenant_kind text, tenant_status text)
  language plpgsql volatile
  set search_path = pg_catalog, public
  as $$
  declare
    v_tenant uuid := auth_api_key_tenant(p_key_id);
  begin
    perform set_config('statement_timeout', p_statement_timeout, true);
    if v_tenant is null then
      return;
    end if;
    perform set_config('app.tenant_id', v_tenant::text, true);
    return query
      select k.tenant_id, pg_backend_pid(), k.role, k.secret_hash, k.revoked_at is not null,
             k.last_used_at, t.kind, t.status
        from api_keys k
        join tenants t on t.id = k.tenant_id
       where k.tenant_id = v_tenant and k.id = p_key_id;
  end
  $$;

-- The tenant, user and session come from a signed access token; what may have
-- changed since it was issued (role, the user's and the tenant's status, the
-- session's revocation) is read here, on every request.
create function request_begin_session(p_tenant_id uuid, p_user_id uuid, p_session_id uuid, p_statement_timeout text)
  returns table (pid integer, role text, user_status text, tenant_kind text, tenant_status text, session_open boolean)
  language plpgsql volatile
  set search_path = pg_catalog, public
  as $$
  begin
    perform set_config('statement_timeout', p_statement_timeout, true);
    perform set_config('app.tenant_id', p_tenant_id::text, true);
    return query
      select pg_backend_pid(), u.role, u.status, t.kind, t.status,
             (s.id is not null and s.revoked_at is null)
        from staff_users u
        join tenants t on t.id = u.tenant_id
        left join staff_sessions s on s.tenant_id = u.tenant_id and s.id = p_session_id and s.user_id = u.id
       where u.tenant_id = p_tenant_id and u.id = p_user_id;
  end
  $$;
