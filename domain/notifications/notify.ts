import { z } from 'zod';
import type { ScheduledAction } from '../../schema/entities';
import { Role } from '../../core/enums';
import type { TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { scheduleAction } from '../scheduling/schedule';
import { TemplateKey } from '../../core/template-keys';

/**
 * Whom a message goes to. The address is looked up when the message is sent,
 * not when it is scheduled, so a corrected e-mail address is used and a
 * disabled colleague is not written to.
 * TENANT_ADMINS: the tenant's active store managers (store, partner) or HQ
 * admins (HQ).
 * HQ_ROLE: the active staff of the tenant's HQ in that role (HQ_ADMIN or
 * HQ_SUPERVISOR): the last step of an escalation, "HQ service quality".
 */
export type Recipient =
  { kind: 'CUSTOMER'; customerId: string } | { kind: 'STAFF'; staffId: string } | { kind: 'TENANT_ADMINS' } | { kind: 'HQ_ROLE'; role: Role };

/** The roles HQ_ROLE may name. */
export const HQ_ROLES = [Role.HQ_ADMIN, Role.HQ_SUPERVISOR] as const;

export interface NotificationRequest {
  /** Unique per tenant: the same cause scheduled twice sends one message. */
  key: string;
  /** The key names something created in this same transaction: no earlier message can hold it. */
  newKey?: boolean;
  template: TemplateKey;
  recipient: Recipient;
  ticketId?: string | null;
  /** Values for the template's placeholders; what is left out renders as nothing. */
  params: Record<string, string>;
  /** Default now: the message goes out as soon as the transaction commits. */
  dueAt?: Date;
}

/** The payload a NOTIFICATION action carries; the processor reads it back with this schema. */
export const notificationPayload = z.object({
  template: z.nativeEnum(TemplateKey),
  recipient: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('CUSTOMER'), customerId: z.guid() }),
    z.object({ kind: z.literal('STAFF'), staffId: z.guid() }),
    z.object({ kind: z.literal('TENANT_ADMINS') }),
    z.object({ kind: z.literal('HQ_ROLE'), role: z.enum(HQ_ROLES, { message: `an HQ_ROLE recipient takes one of ${HQ_ROLES.join(', ')}` }) }),
  ]),
  params: z.record(z.string(), z.string()),
});

export type NotificationPayload = z.infer<typeof notificationPayload>;

/**
 * Schedules one message in the caller's transaction: it exists exactly when
 * the change that caused it commits, goes out once due, and is retried while
 * the mail server or SMS provider is down.
 */
export async function scheduleNotification(ctx: TenantContext, request: NotificationRequest): Promise<ScheduledAction> {
  const payload: NotificationPayload = notificationPayload.parse({ template: request.template, recipient: request.recipient, params: request.params });
  return scheduleAction(ctx, {
    kind: ActionKind.NOTIFICATION,
    key: request.key,
    dueAt: request.dueAt ?? ctx.clock.now(),
    ticketId: request.ticketId ?? null,
    payload,
    newKey: request.newKey,
  });
}
