import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `ak_<key id, 32 hex>_<secret, 43 base64url>`. The key id
 * tells which tenant to look in; only the SHA-256 of the 256-bit secret is
 * stored (a slow hash adds nothing for a random secret of that size and would
 * cost every request).
 */
const FORMAT = /^ak_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKeySecret {
  keyId: string;
  plaintext: string;
  secretHash: string;
}

export function issueKeySecret(keyId: string): IssuedKeySecret {
  const secret = randomBytes(32).toString('base64url');
  return { keyId, plaintext: `ak_${keyId.replace(/-/g, '')}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(plaintext: string): { keyId: string; secret: string } | null {
  const match = FORMAT.exec(plaintext);
  if (!match) return null;
  const hex = match[1];
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { keyId, secret: match[2] };
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith('ak_');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
