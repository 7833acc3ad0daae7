-- The desk finds a returning customer by the first digits of the phone, and a
-- device by the first characters of its serial in any case, while the agent
-- types. The searches use starts_with(), which is leakproof: under Row Level
-- Security a condition that is not (LIKE, upper()) is checked only after the
-- policy, row by row, and can never use an index. starts_with() uses a
-- text_pattern_ops index whatever the database's collation. The serial is
-- compared upper-cased, kept by the database in serial_key.
create index customers_phone_prefix_idx on customers (tenant_id, phone text_pattern_ops);

alter table devices add column serial_key text generated always as (upper(serial_number)) stored;
create index devices_serial_prefix_idx on devices (tenant_id, serial_key text_pattern_ops);
