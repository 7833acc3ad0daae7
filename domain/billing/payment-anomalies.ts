import type { PaymentEvent } from '../ports/payment-objects';
import { PaymentAnomaly } from '../../schema/entities';
import { PaymentAnomalyReason, PaymentAnomalySubject } from '../../core/billing-enums';
import type { TenantContext } from '../context';
import type { Money } from '../../core/money';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';

/**
 * Stripe events that were checked and refused (payment-anomaly.entity.ts):
 * the event changes nothing of the store, and what arrived is kept with the
 * reason, for the store's managers. Kept once per Stripe object and reason,
 * so an anomaly reported again by a later event is not reported twice.
 */
export interface AnomalyReport {
  subject: PaymentAnomalySubject;
  reason: PaymentAnomalyReason;
  /** What arrived and what was expected, in plain words. */
  message: string;
  event: Pick<PaymentEvent, 'id' | 'type'>;
  /** The Stripe object the event is about (`cs_...`, `sub_...`, `in_...`). */
  objectId: string;
  orderId?: string | null;
  expected?: Money | null;
  /** What Stripe says was paid, in whatever currency it was. */
  received?: { amountMinor: number; currency: string } | null;
}

/** Records a refusal in the caller's transaction; false when the same object was refused for the same reason before. */
export async function recordAnomaly(ctx: TenantContext, report: AnomalyReport): Promise<boolean> {
  const inserted = await ctx.em.execute<{ id: string }[]>(
    `insert into payment_anomalies (tenant_id, subject, reason, message, stripe_event_id, stripe_event_type, stripe_object_id,
                                    order_id, expected_minor, expected_currency, received_minor, received_currency, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, stripe_object_id, reason) do nothing
     returning id`,
    [
      ctx.tenantId,
      report.subject,
      report.reason,
      report.message.slice(0, 2000),
      report.event.id,
      report.event.type,
      report.objectId,
      report.orderId ?? null,
      report.expected?.amountMinor ?? null,
      report.expected?.currency ?? null,
      report.received?.amountMinor ?? null,
      report.received?.currency.toUpperCase() ?? null,
      ctx.clock.now(),
    ],
  );
  return inserted.length > 0;
}

/** What the event's outcome records: the refusal and its reason (the worker logs it). */
export function refusedOutcome(report: AnomalyReport, recorded: boolean): Record<string, unknown> {
  return { anomaly: report.reason, ignored: report.message, objectId: report.objectId, ...(recorded ? {} : { reportedBefore: true }) };
}

/** The store's refused events, newest first; `orderId` narrows them to one order's payments. */
export async function listPaymentAnomalies(ctx: TenantContext, filter: { orderId?: string | null }, page: PageRequest): Promise<Page<PaymentAnomaly>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(
    PaymentAnomaly,
    { tenantId: ctx.tenantId, ...(filter.orderId ? { orderId: filter.orderId } : {}), ...afterCondition(page.after) },
    { orderBy: NEWEST_FIRST, limit: page.first + 1 },
  );
  return toPage(rows, page.first);
}
