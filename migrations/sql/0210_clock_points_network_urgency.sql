-- HQ's tickets at risk ranks the turning points of all its stores by due
-- instant. With the tenant first in every index, that meant reading each
-- store's points in turn; this index is in due order across tenants, so the
-- page is read from its first rows (the network's tenants and the at-risk
-- instant checked from the index itself), whatever the number of stores.
-- A store's own list keeps ticket_clock_points_due_idx.
create index ticket_clock_points_urgency_idx on ticket_clock_points (due_at, ticket_id) include (tenant_id, at_risk_at);
