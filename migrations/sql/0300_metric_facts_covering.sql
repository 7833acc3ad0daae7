-- A period's figures read every column they count from the period index
-- itself (an index-only scan), never the table: a month's facts were written
-- ticket by ticket over the year, so each of them sat on a page of its own and
-- HQ's month of the network read as many table pages as it counted runs.
-- The key is the one it replaces, so the drill-down and a store's reads keep
-- their ranges. (The pages of facts no longer changing are marked all-visible
-- by autovacuum; until then the scan checks those pages in the table.)
create index ticket_metric_facts_period_covering_idx on ticket_metric_facts (tenant_id, local_date, metric)
  include (outcome, due_at, started_at, stopped_at, working_minutes, ticket_type, channel, priority);
drop index ticket_metric_facts_period_idx;
