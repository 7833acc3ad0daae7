-- A problem being handled has a clock: its owner is reminded on the due date,
-- and a problem still unresolved once the date has passed is escalated to the
-- managers and HQ's supervisors, through durable scheduled actions.
alter table scheduled_actions drop constraint scheduled_actions_kind_check;
alter table scheduled_actions add constraint scheduled_actions_kind_check check (kind in (
  'TICKET_WATCH', 'NOTIFICATION', 'APPOINTMENT_REMINDER', 'CALLBACK_SURVEY', 'CALLBACK_REMINDER', 'CALLBACK_EXPIRY',
  'WEBHOOK_DELIVERY', 'STRIPE_EVENT', 'SUBSCRIPTION_CHECKOUT', 'SUBSCRIPTION_PLAN_CHANGE', 'ORDER_CHECKOUT', 'ORDER_CHECKOUT_EXPIRE',
  'ORDER_REFUND', 'WORK_ORDER_NOTICE', 'CALENDAR_RECOMPUTE', 'CORRECTIVE_ACTION_REMINDER', 'CORRECTIVE_ACTION_ESCALATION',
  'PROBLEM_DUE'));

-- When the problem's current due date was escalated; cleared when a new due date is given.
alter table problems add column escalated_at timestamptz;
