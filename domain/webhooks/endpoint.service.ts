import { PlanFeature } from '../../core/billing-enums';
import { ScheduledAction, WebhookEndpoint } from '../../schema/entities';
import type {
  CreateWebhookEndpointInput,
  DisableWebhookEndpointInput,
  RotateWebhookEndpointSecretInput,
  UpdateWebhookEndpointInput,
} from '../../schema/graphql/webhook.types';
import { WebhookDisableCause, WebhookEndpointStatus } from '../../core/webhook-enums';
import { recordAudit } from '../audit';
import { requireFeature } from '../billing/entitlements';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { ActionKind, ActionState } from '../../core/action-enums';
import { MAX_ENDPOINTS_PER_TENANT, validatedEventTypes, validatedUrl, MAX_DESCRIPTION_LENGTH } from './endpoint-rules';
import { optionalText } from '../input/text';
import { generateSigningSecret } from './signing';

/**
 * A tenant's webhook endpoints: where its systems want to hear about events.
 * The signing secret is generated here and returned only by create and
 * rotate; nothing reads it back afterwards.
 */

/** How long the previous secret keeps signing after a rotation, so receivers can switch without rejecting a delivery. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600_000;

export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  /** The signing secret, shown to the caller this once. */
  secret: string;
}

export async function createWebhookEndpoint(ctx: TenantContext, input: CreateWebhookEndpointInput): Promise<EndpointWithSecret> {
  const url = validatedUrl(input.url);
  const eventTypes = validatedEventTypes(input.eventTypes);
  const description = optionalText(input.description, 'description', MAX_DESCRIPTION_LENGTH);
  return atomically(ctx, async () => {
    await requireFeature(ctx, PlanFeature.PARTNER_WEBHOOKS);
    if ((await ctx.em.count(WebhookEndpoint, { tenantId: ctx.tenantId })) >= MAX_ENDPOINTS_PER_TENANT) {
      throw new UserInputError('TOO_MANY_ENDPOINTS', `A tenant can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`, null);
    }
    const now = ctx.clock.now();
    const secret = generateSigningSecret();
    const endpoint = ctx.em.create(WebhookEndpoint, {
      tenantId: ctx.tenantId,
      url,
      description,
      eventTypes,
      secret,
      createdAt: now,
      updatedAt: now,
    });
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_CREATED', { endpointId: endpoint.id, url, eventTypes });
    return { endpoint, secret };
  });
}

export async function updateWebhookEndpoint(ctx: TenantContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
  const url = input.url != null ? validatedUrl(input.url) : null;
  const eventTypes = input.eventTypes != null ? validatedEventTypes(input.eventTypes) : null;
  const description = input.description !== undefined ? optionalText(input.description, 'description', MAX_DESCRIPTION_LENGTH) : undefined;
  return atomically(ctx, async () => {
    const endpoint = await findWebhookEndpoint(ctx, input.id);
    if (input.expectedVersion != null && input.expectedVersion !== endpoint.version) {
      throw new UserInputError(
        'STALE',
        `The endpoint was changed by someone else (version ${endpoint.version}, you had ${input.expectedVersion}); reload and retry`,
        ['expectedVersion'],
      );
    }
    if (url !== null) endpoint.url = url;
    if (eventTypes !== null) endpoint.eventTypes = eventTypes;
    if (description !== undefined) endpoint.description = description;
    endpoint.updatedAt = ctx.clock.now();
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_UPDATED', { endpointId: endpoint.id, url: endpoint.url, eventTypes: endpoint.eventTypes });
    return endpoint;
  });
}

/** Disabling twice keeps the first reason. Deliveries that fall due while it is disabled are skipped, not queued up. */
export async function disableWebhookEndpoint(ctx: TenantContext, input: DisableWebhookEndpointInput): Promise<WebhookEndpoint> {
  const reason = optionalText(input.reason, 'reason', MAX_DESCRIPTION_LENGTH) ?? 'Disabled by the tenant';
  return atomically(ctx, async () => {
    const endpoint = await findWebhookEndpoint(ctx, input.id);
    if (endpoint.status === WebhookEndpointStatus.DISABLED) return endpoint;
    const now = ctx.clock.now();
    endpoint.status = WebhookEndpointStatus.DISABLED;
    endpoint.disabledCause = WebhookDisableCause.MANUAL;
    endpoint.disabledReason = reason;
    endpoint.disabledAt = now;
    endpoint.updatedAt = now;
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_DISABLED', { endpointId: endpoint.id, reason });
    return endpoint;
  });
}

/** Enabling gives the endpoint a clean slate: its failure count starts again from zero. */
export async function enableWebhookEndpoint(ctx: TenantContext, id: string): Promise<WebhookEndpoint> {
  return atomically(ctx, async () => {
    const endpoint = await findWebhookEndpoint(ctx, id);
    if (endpoint.status === WebhookEndpointStatus.ACTIVE) return endpoint;
    await requireFeature(ctx, PlanFeature.PARTNER_WEBHOOKS);
    endpoint.status = WebhookEndpointStatus.ACTIVE;
    endpoint.disabledCause = null;
    endpoint.disabledReason = null;
    endpoint.disabledAt = null;
    endpoint.consecutiveFailedDeliveries = 0;
    endpoint.updatedAt = ctx.clock.now();
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_ENABLED', { endpointId: endpoint.id });
    return endpoint;
  });
}

/**
 * A new signing secret. The old one keeps signing alongside it for a grace
 * period (every delivery carries both signatures), unless it leaked and must
 * stop at once.
 */
export async function rotateWebhookEndpointSecret(ctx: TenantContext, input: RotateWebhookEndpointSecretInput): Promise<EndpointWithSecret> {
  return atomically(ctx, async () => {
    const endpoint = await findWebhookEndpoint(ctx, input.id);
    const now = ctx.clock.now();
    const secret = generateSigningSecret();
    if (input.expirePreviousNow) {
      endpoint.previousSecret = null;
      endpoint.previousSecretExpiresAt = null;
    } else {
      endpoint.previousSecret = endpoint.secret;
      endpoint.previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
    }
    endpoint.secret = secret;
    endpoint.updatedAt = now;
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_SECRET_ROTATED', { endpointId: endpoint.id, previousSecretExpiresAt: endpoint.previousSecretExpiresAt ?? null });
    return { endpoint, secret };
  });
}

/**
 * Deletes the endpoint and its attempt log, and cancels its pending
 * deliveries. The cancel is one guarded UPDATE: a delivery being sent right
 * now holds its row, so this waits for it and then leaves its outcome alone.
 */
export async function deleteWebhookEndpoint(ctx: TenantContext, id: string): Promise<string> {
  return atomically(ctx, async () => {
    const endpoint = await findWebhookEndpoint(ctx, id);
    const now = ctx.clock.now();
    const cancelled = await ctx.em.nativeUpdate(
      ScheduledAction,
      { tenantId: ctx.tenantId, kind: ActionKind.WEBHOOK_DELIVERY, state: ActionState.PENDING, payload: { endpointId: endpoint.id } },
      { state: ActionState.CANCELLED, completedAt: now, updatedAt: now },
    );
    ctx.em.remove(endpoint);
    recordAudit(ctx, 'WEBHOOK_ENDPOINT_DELETED', { endpointId: endpoint.id, url: endpoint.url, cancelledDeliveries: cancelled });
    return endpoint.id;
  });
}

export async function findWebhookEndpoint(ctx: TenantContext, id: string): Promise<WebhookEndpoint> {
  const endpoint = await ctx.em.findOne(WebhookEndpoint, { tenantId: ctx.tenantId, id });
  if (!endpoint) throw notFound('WebhookEndpoint');
  return endpoint;
}

export async function listWebhookEndpoints(ctx: TenantContext, page: PageRequest): Promise<Page<WebhookEndpoint>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(WebhookEndpoint, { tenantId: ctx.tenantId, ...afterCondition(page.after) }, { orderBy: NEWEST_FIRST, limit: page.first + 1 });
  return toPage(rows, page.first);
}
