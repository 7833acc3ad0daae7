import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { WebhookEndpoint, WebhookEvent } from '../../schema/entities';

/**
 * Standard Webhooks signing: the secret, the body and the headers of one
 * delivery attempt. The library does the HMAC so receivers using any
 * Standard Webhooks implementation verify exactly what we sign.
 */

/** 256 random bits, in the `whsec_<base64>` form receivers paste into their libraries. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The `webhook-id` of an event: stable across attempts and replays, so receivers can de-duplicate. */
export function webhookIdFor(eventId: string): string {
  return `msg_${eventId.replace(/-/g, '')}`;
}

/** The Standard Webhooks payload shape: `{ type, timestamp, data }`. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
}

/** The secrets that sign right now: the current one, and the previous one during its grace period after a rotation. */
export function signingSecretsOf(endpoint: WebhookEndpoint, now: Date): string[] {
  const previousValid = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/**
 * Headers of one attempt. `sentAt` is the wall-clock moment the request
 * leaves: receivers reject timestamps more than a few minutes from their own
 * clock (replay protection), so it must be real time, not business time.
 * Several secrets give several space-separated signatures; a receiver accepts
 * the delivery if any of them matches its secret.
 */
export function signedHeaders(webhookId: string, body: string, secrets: string[], sentAt: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(webhookId, sentAt, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'Aftersales-Webhooks/1',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
