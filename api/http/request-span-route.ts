import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';

/**
 * Names each request's span by its route as declared (`POST /graphql`,
 * `GET /console/*`), never by the URL a client sent: span names stay a known,
 * small set, and an unknown URL keeps the bare method. Registered only when
 * tracing is on.
 */
export function nameRequestSpansByRoute(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const span = trace.getActiveSpan();
    const route = request.routeOptions.url;
    if (!span || !route) return;
    span.setAttribute('http.route', route);
    span.updateName(`${request.method} ${route}`);
  });
}
