-- Ticket numbers come from a sequence per store and year instead of a counter
-- row updated in the registering transaction. The row was locked until that
-- transaction committed, so every registration of a store waited for the one
-- before it to finish. A sequence hands out its next value at once and never
-- waits; the price is a gap in the numbers when a registration rolls back,
-- the usual behaviour of sequence-numbered documents.
--
-- The sequences live in a schema of their own, named "<tenant id>:<year>",
-- created on a store's first registration of a year. Only the definer
-- function below reaches them, and only for the tenant the transaction acts
-- for.
create schema ticket_numbers;

create function next_ticket_number(p_tenant uuid, p_year integer)
  returns bigint
  language plpgsql volatile security definer
  set search_path = pg_catalog, public
  as $$
declare
  sequence_name text := p_tenant::text || ':' || p_year::text;
  qualified text := format('ticket_numbers.%I', sequence_name);
begin
  if p_tenant is distinct from app_current_tenant() then
    raise exception 'a ticket number is taken only for the tenant the transaction acts for'
      using errcode = 'insufficient_privilege';
  end if;
  if p_year not between 2000 and 2999 then
    raise exception 'year % is out of range', p_year using errcode = 'invalid_parameter_value';
  end if;
  if to_regclass(qualified) is null then
    -- Two first registrations of a year at once: the second waits for the
    -- first's creation to commit, then finds the sequence there.
    begin
      execute format('create sequence %s as bigint minvalue 1 start with 1', qualified);
    exception when unique_violation or duplicate_table then
      null;
    end;
  end if;
  return nextval(qualified::regclass);
end
$$;

-- Numbering goes on where the counters left off.
do $$
declare
  counter record;
begin
  for counter in select tenant_id, year, last_value from ticket_counters loop
    execute format('create sequence ticket_numbers.%I as bigint minvalue 1 start with %s',
                   counter.tenant_id::text || ':' || counter.year::text, counter.last_value + 1);
  end loop;
end
$$;

drop table ticket_counters;
