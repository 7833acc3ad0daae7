-- Every column the code reads as an enum is checked by the database with the
-- same list of values (test/schema-agreement.test.ts compares the two), so a
-- value the code does not know can never be stored, not even by hand.

-- The kinds of scheduled work. Replaces the length-only check: a new kind is
-- added here in the migration of the feature that brings it.
alter table scheduled_actions drop constraint scheduled_actions_kind_check;
alter table scheduled_actions add constraint scheduled_actions_kind_check check (kind in (
  'TICKET_WATCH', 'NOTIFICATION', 'APPOINTMENT_REMINDER', 'CALLBACK_SURVEY', 'CALLBACK_REMINDER', 'CALLBACK_EXPIRY',
  'WEBHOOK_DELIVERY', 'STRIPE_EVENT', 'SUBSCRIPTION_CHECKOUT', 'ORDER_CHECKOUT', 'ORDER_CHECKOUT_EXPIRE', 'ORDER_REFUND',
  'WORK_ORDER_NOTICE', 'CALENDAR_RECOMPUTE'));

-- The store's copy of the partner's status follows the work order's own list.
alter table dispatches add constraint dispatches_partner_status_check check (partner_status in (
  'RECEIVED', 'IN_REPAIR', 'WAITING_PARTS', 'REPAIRED', 'RETURNED', 'CANCELLED'));

-- Lines and refunds take their currency from their order or quote (a foreign key
-- over the currency); they say which currencies exist themselves as well.
alter table refunds add constraint refunds_currency_check check (currency in ('CNY'));
alter table repair_quote_lines add constraint repair_quote_lines_currency_check check (currency in ('CNY'));
alter table service_order_lines add constraint service_order_lines_currency_check check (currency in ('CNY'));
