import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../../core/global-id';
import type { Config } from '../../infra/config';

/**
 * Short-lived signed links to an upload's bytes, for what cannot send a
 * bearer token: an `<img src>` in the console. The link names the upload and
 * its tenant, and when it stops working; the signature (HMAC-SHA256 with
 * UPLOAD_URL_SECRET, or a key derived from JWT_SECRET for this one use) says
 * the api gave it to someone who could read the upload at that moment.
 */
export type LinkCheck = { ok: true; tenantId: string; uploadId: string; expiresAt: Date } | { ok: false; code: 'INVALID_SIGNATURE' | 'LINK_EXPIRED' };

/** Links end on a whole minute, so one page's reads give the same link and the browser reuses its copy. */
const ROUND_SECONDS = 60;

const keys = new WeakMap<Config, Buffer>();

function keyOf(config: Config): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = config.UPLOAD_URL_SECRET
      ? Buffer.from(config.UPLOAD_URL_SECRET, 'utf8')
      : Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'aftersales', 'upload links', 32));
    keys.set(config, key);
  }
  return key;
}

function signatureOf(config: Config, tenantId: string, uploadId: string, expires: number): Buffer {
  return createHmac('sha256', keyOf(config)).update(`upload:${tenantId}:${uploadId}:${expires}`).digest();
}

/** The link's query: `tenant`, `expires` (seconds since the epoch) and `sig`, valid UPLOAD_URL_TTL_SECONDS from `now` (rounded up to a minute). */
export function signedQuery(config: Config, upload: { tenantId: string; id: string }, now: Date): string {
  const expires = Math.ceil((now.getTime() / 1000 + config.UPLOAD_URL_TTL_SECONDS) / ROUND_SECONDS) * ROUND_SECONDS;
  const sig = signatureOf(config, upload.tenantId, upload.id, expires).toString('base64url');
  return new URLSearchParams({ tenant: upload.tenantId, expires: String(expires), sig }).toString();
}

/** Whether a link's query is one this api signed for that upload, and still valid at `now`. */
export function checkSignedQuery(config: Config, uploadId: string, query: Record<string, string | undefined>, now: Date): LinkCheck {
  const { tenant, expires, sig } = query;
  if (!tenant || !isUuid(tenant) || !expires || !/^\d{1,12}$/.test(expires) || !sig) return { ok: false, code: 'INVALID_SIGNATURE' };
  const expected = signatureOf(config, tenant, uploadId, Number(expires));
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'INVALID_SIGNATURE' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'LINK_EXPIRED' };
  return { ok: true, tenantId: tenant, uploadId, expiresAt };
}
