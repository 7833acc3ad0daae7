import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { projectRoot } from '../../core/project-root';
import { ConsoleFile, readConsoleFiles } from './console-files';

/**
 * The web console at /console/: the built single-page app, a client of the
 * public API like any other. Hashed assets are cached for a year; every other
 * path is the app's page (the browser's router takes it from there), never
 * cached, so a new release is picked up at the next load. Nothing may come
 * from another origin: the console must work offline and inside China.
 */
export const CONSOLE_PATH = '/console';

/**
 * Scripts only from the api itself. Ant Design writes its styles into
 * <style> elements at run time, hence inline styles (and only styles).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function registerConsole(app: FastifyInstance, dir = join(projectRoot(), 'dist', 'console')): void {
  const files = readConsoleFiles(dir);
  if (!files) app.log.warn({ dir }, 'the console is not built (npm run build): /console/ answers 503');

  app.get(CONSOLE_PATH, async (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 308));
  app.get(`${CONSOLE_PATH}/*`, async (request, reply) => {
    securityHeaders(reply);
    if (!files) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build`.\n');
    }
    const name = (request.params as { '*': string })['*'];
    const file = files.get(name);
    if (file) return send(request, reply, file);
    // An asset that does not exist is a 404, not the page: a stale page asking for old chunks must see it fail.
    if (name.startsWith('assets/')) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    return send(request, reply, files.get('index.html')!);
  });
}

function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

function send(request: FastifyRequest, reply: FastifyReply, file: ConsoleFile): FastifyReply {
  reply.type(file.contentType);
  reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  reply.header('vary', 'accept-encoding');
  const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const gzipped = acceptsGzip ? file.gzipped() : null;
  if (gzipped) {
    reply.header('content-encoding', 'gzip');
    return reply.send(gzipped);
  }
  return reply.send(file.body);
}
