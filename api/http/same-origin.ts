import type { FastifyRequest } from 'fastify';

/**
 * The CSRF rule of the api's cookie-authenticated routes. A browser attaches
 * a cookie to whatever request a page makes, so such a route must only
 * answer requests that the api's own pages made:
 *
 * - the request is one a browser sends cross-origin only after a CORS
 *   preflight (which the api never grants): a Content-Type other than the
 *   three an HTML form can send, or one of the headers that Apollo's CSRF
 *   prevention accepts on /graphql. That is the rule of the GraphQL edge,
 *   so a client that talks to /graphql already obeys it;
 * - when the browser says where the request comes from (`Origin`, and
 *   `Sec-Fetch-Site`), that is the api's own origin: the one the request was
 *   sent to, or PUBLIC_BASE_URL's (what the public sees behind a proxy that
 *   rewrites the Host header).
 *
 * The cookie's own SameSite=Strict already keeps it off cross-site requests;
 * this holds when a browser ignores SameSite, and against sibling subdomains,
 * which count as the same site.
 */
const FORM_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;

export interface CrossSiteRefusal {
  status: number;
  code: 'CSRF_PREFLIGHT_REQUIRED' | 'CSRF_ORIGIN_REFUSED';
  message: string;
}

/** Why the request must be refused as possibly cross-site, or null when it comes from the api's own pages. */
export function crossSiteRefusal(request: FastifyRequest, publicBaseUrl: string): CrossSiteRefusal | null {
  if (!needsPreflight(request)) {
    return {
      status: 400,
      code: 'CSRF_PREFLIGHT_REQUIRED',
      message: `Send this request with "content-type: application/json" (or an "${PREFLIGHT_HEADERS[1]}" header): an HTML form on another site could send it otherwise`,
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins(request, publicBaseUrl).has(originOf(origin) ?? '')) {
    return { status: 403, code: 'CSRF_ORIGIN_REFUSED', message: `Requests from ${origin} are refused: only the api's own pages may use its session cookie` };
  }
  // Browsers that send Sec-Fetch-Site also send Origin on a POST; this catches one that would not.
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    return { status: 403, code: 'CSRF_ORIGIN_REFUSED', message: "Cross-site requests are refused: only the api's own pages may use its session cookie" };
  }
  return null;
}

function needsPreflight(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined) {
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (!FORM_CONTENT_TYPES.has(mediaType)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = request.headers[name];
    return typeof value === 'string' && value.length > 0;
  });
}

function ownOrigins(request: FastifyRequest, publicBaseUrl: string): Set<string> {
  const origins = new Set<string>();
  for (const url of [`${request.protocol}://${request.host}`, publicBaseUrl]) {
    const origin = originOf(url);
    if (origin) origins.add(origin);
  }
  return origins;
}

/** Scheme, host and port as a browser writes them in `Origin` (no default port); null for `null` or garbage. */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
