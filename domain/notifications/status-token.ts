import { createHash, randomBytes } from 'node:crypto';

/**
 * The token of a link to a ticket's status page: 32 random bytes, base64url
 * (43 characters). Only its hash is stored, so a copy of the database opens
 * nobody's page.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newStatusToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashStatusToken(token) };
}

export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all: anything else is refused without a database look-up. */
export function looksLikeStatusToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Where the customer opens the page: the console serves it. */
export function statusPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/console/status/${token}`;
}
