import type { FastifyRequest } from 'fastify';

/**
 * Whether a cookie set in answer to this request carries `Secure`: always in
 * production, and whenever the request itself came over https (as the load
 * balancer says in X-Forwarded-Proto, when TRUST_PROXY believes it). A plain
 * http development server keeps working in browsers, which drop a Secure
 * cookie received over http.
 */
export function secureCookies(request: FastifyRequest, nodeEnv: string): boolean {
  return nodeEnv === 'production' || request.protocol === 'https';
}
