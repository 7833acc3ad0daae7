-- A subscribed store changes its plan through a durable action that swaps the
-- price of its Stripe subscription.
alter table scheduled_actions drop constraint scheduled_actions_kind_check;
alter table scheduled_actions add constraint scheduled_actions_kind_check check (kind in (
  'TICKET_WATCH', 'NOTIFICATION', 'APPOINTMENT_REMINDER', 'CALLBACK_SURVEY', 'CALLBACK_REMINDER', 'CALLBACK_EXPIRY',
  'WEBHOOK_DELIVERY', 'STRIPE_EVENT', 'SUBSCRIPTION_CHECKOUT', 'SUBSCRIPTION_PLAN_CHANGE', 'ORDER_CHECKOUT', 'ORDER_CHECKOUT_EXPIRE',
  'ORDER_REFUND', 'WORK_ORDER_NOTICE', 'CALENDAR_RECOMPUTE'));
