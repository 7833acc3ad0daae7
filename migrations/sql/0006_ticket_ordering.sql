-- Sorting tickets by priority needs an orderable value next to the keys of the
-- keyset pagination: a generated column, indexed with them.
alter table tickets add column priority_rank smallint generated always as (
  case priority when 'URGENT' then 4 when 'HIGH' then 3 when 'NORMAL' then 2 else 1 end
) stored;
create index tickets_priority_idx on tickets (tenant_id, priority_rank desc, created_at desc, id desc);

-- Entries written in one transaction share a timestamp; the sequence keeps them in the order they were written.
alter table ticket_events add column seq bigint generated always as identity;
drop index ticket_events_ticket_idx;
create index ticket_events_ticket_idx on ticket_events (tenant_id, ticket_id, occurred_at, seq);
