import { WebhookEventType } from '../../core/webhook-enums';
import { UserInputError } from '../errors';

/** What a tenant may configure on an endpoint, checked before anything is saved. */

export const MAX_URL_LENGTH = 2000;
export const MAX_DESCRIPTION_LENGTH = 500;
/** Every event fans out to every endpoint: a cap keeps one tenant's fan-out (and its queue share) bounded. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

const KNOWN_EVENT_TYPES = new Set<string>(Object.values(WebhookEventType));

/**
 * An absolute http(s) URL without credentials or fragment, returned in its
 * normalised form. Credentials belong in the signature, not in a URL that
 * shows up in logs and in the endpoint list.
 */
export function validatedUrl(raw: string): string {
  const invalid = (message: string) => new UserInputError('INVALID_URL', message, ['url']);
  const trimmed = raw.trim();
  if (trimmed.length === 0) throw invalid('The URL is required');
  if (trimmed.length > MAX_URL_LENGTH) throw invalid(`The URL must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid('The URL is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('The URL must start with https:// or http://');
  if (url.username || url.password) throw invalid('The URL must not contain a user name or password; deliveries are signed instead');
  if (url.hash) throw invalid('The URL must not contain a #fragment: it is never sent');
  const normalised = url.toString();
  if (normalised.length > MAX_URL_LENGTH) throw invalid(`The URL must be at most ${MAX_URL_LENGTH} characters`);
  return normalised;
}

/** At least one known type; duplicates are dropped and the order made stable. */
export function validatedEventTypes(types: readonly string[]): WebhookEventType[] {
  if (types.length === 0) throw new UserInputError('NO_EVENT_TYPES', 'Subscribe the endpoint to at least one event type', ['eventTypes']);
  const unknown = types.filter((type) => !KNOWN_EVENT_TYPES.has(type));
  if (unknown.length > 0) throw new UserInputError('UNKNOWN_EVENT_TYPE', `Unknown event type: ${unknown.join(', ')}`, ['eventTypes']);
  return [...new Set(types as WebhookEventType[])].sort();
}
