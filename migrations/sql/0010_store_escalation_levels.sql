-- A store may add escalation levels earlier than HQ's first one.
alter table sla_overrides add column levels jsonb not null default '[]'::jsonb;
