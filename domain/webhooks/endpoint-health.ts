import { WebhookEndpoint } from '../../schema/entities';
import { WebhookDisableCause, WebhookEndpointStatus } from '../../core/webhook-enums';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { TemplateKey } from '../../core/template-keys';

/**
 * When an endpoint is switched off for failing. A delivery is dead-lettered
 * only after about a day of retries (the WEBHOOK_DELIVERY retry policy), and
 * any accepted delivery resets the count, so three dead deliveries in a row
 * mean the endpoint has accepted nothing for at least a day. Stopping then
 * spares the tenant's queue share and the receiver, and the tenant's admins
 * are told why; Stripe and Svix likewise disable after days of failures.
 */
export const DISABLE_AFTER_DEAD_DELIVERIES = 3;

/**
 * These write the counters with guarded, atomic UPDATEs rather than through
 * the entity: deliveries to one endpoint run concurrently, and an
 * increment-by-read would lose counts (or trip the endpoint's version check,
 * which guards the tenant's own edits).
 */

/** An accepted delivery ends a failure streak. Writes only when there was one, so the busy path stays read-only. */
export async function recordDeliveryAccepted(ctx: TenantContext, endpointId: string): Promise<void> {
  await ctx.em.execute(
    `update webhook_endpoints set consecutive_failed_deliveries = 0
      where tenant_id = ? and id = ? and consecutive_failed_deliveries <> 0`,
    [ctx.tenantId, endpointId],
  );
}

/**
 * A delivery was dead-lettered: counts it, and disables the endpoint (once)
 * when the streak reaches the threshold, telling the tenant's admins.
 */
export async function recordDeadDelivery(
  ctx: TenantContext,
  endpoint: WebhookEndpoint,
  lastError: string,
): Promise<{ consecutiveFailedDeliveries: number; disabled: boolean }> {
  const now = ctx.clock.now();
  const [counted] = await ctx.em.execute<{ consecutive_failed_deliveries: number }[]>(
    `update webhook_endpoints set consecutive_failed_deliveries = consecutive_failed_deliveries + 1
      where tenant_id = ? and id = ? returning consecutive_failed_deliveries`,
    [ctx.tenantId, endpoint.id],
  );
  const streak = counted?.consecutive_failed_deliveries ?? 0;
  if (streak < DISABLE_AFTER_DEAD_DELIVERIES) return { consecutiveFailedDeliveries: streak, disabled: false };

  const reason = `${streak} deliveries in a row failed every attempt; the last error was: ${lastError}`.slice(0, 500);
  // Guarded by status: of several deliveries dying at once, exactly one disables the endpoint and notifies.
  const [disabled] = await ctx.em.execute<{ version: number }[]>(
    `update webhook_endpoints
        set status = ?, disabled_cause = ?, disabled_reason = ?, disabled_at = ?, updated_at = ?, version = version + 1
      where tenant_id = ? and id = ? and status = ? returning version`,
    [WebhookEndpointStatus.DISABLED, WebhookDisableCause.FAILING_DELIVERIES, reason, now, now, ctx.tenantId, endpoint.id, WebhookEndpointStatus.ACTIVE],
  );
  if (!disabled) return { consecutiveFailedDeliveries: streak, disabled: false };
  recordAudit(ctx, 'WEBHOOK_ENDPOINT_DISABLED', { endpointId: endpoint.id, reason, automatic: true });
  await scheduleNotification(ctx, {
    // One notice per time the endpoint is switched off: the version names this very switch.
    key: `webhook-endpoint-disabled:${endpoint.id}:${disabled.version}`,
    template: TemplateKey.WEBHOOK_ENDPOINT_DISABLED,
    recipient: { kind: 'TENANT_ADMINS' },
    params: { endpointUrl: endpoint.url, reason },
    ticketId: null,
  });
  return { consecutiveFailedDeliveries: streak, disabled: true };
}
