import { connectStripeGateway } from '../infra/stripe/stripe-payment-gateway';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import Fastify, { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiContext, ApiDeps } from './context';
import { createApollo } from './graphql/apollo';
import { inOperationSpan, operationSpanPlugin } from './graphql/operation-span';
import { createRequestContext, finishRequestTransaction } from './graphql/request-context';
import { withRequestDeadline } from './graphql/request-deadline';
import { enforceBilling } from '../domain/billing/entitlements';
import { plansFrom, stripeBillingFrom } from '../domain/billing/stripe-billing';
import { registerBrowserSessionRoutes } from './http/browser-session';
import { registerAuditExport } from './http/audit-export';
import { registerCareFiguresExport } from './http/care-figures-export';
import { registerWorkOrderFiguresExport } from './http/work-order-figures-export';
import { registerFiguresExport } from './http/figures-export';
import { registerTicketFiguresExport } from './http/ticket-figures-export';
import { registerHealthRoutes } from './http/health';
import { createApiMetrics } from './http/metrics';
import { nameRequestSpansByRoute } from './http/request-span-route';
import { createEdgeLimits } from './limits/edge-limits';
import { openMonitoredQueues, registerQueueDashboard } from './http/queue-dashboard';
import { registerQueueMetrics } from './http/queue-metrics';
import { registerStripeRoutes } from './http/stripe-webhook';
import { registerSurveyPage } from './http/survey-page';
import { registerUploadRoutes } from './http/upload-routes';
import { openObjectStorage } from '../infra/storage/open-object-storage';
import { registerConsole } from './http/console';
import { wireDomainEvents } from '../domain/wiring/domain-event-subscriptions';

export interface ApiServer {
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The HTTP edge: POST /graphql (and GET for queries), health, readiness,
 * metrics, the audit trail's export (/exports), uploaded files (/uploads), browsers' sign-in (/auth), the queue dashboard (/admin) and Stripe's webhook (/webhooks/stripe). Request ids come from `x-request-id` when a proxy sets one; the
 * client address comes from X-Forwarded-For only as far as TRUST_PROXY says.
 */
export async function createApiServer(deps: ApiDeps, logger: Logger): Promise<ApiServer> {
  // A change's messages, webhooks and watches are scheduled by the subscribers of its domain events.
  wireDomainEvents();
  const app = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: deps.config.TRUST_PROXY,
  });
  if (deps.config.OTEL_EXPORTER_OTLP_ENDPOINT) nameRequestSpansByRoute(app);
  // Cookies (the operators' dashboard session, browsers' refresh token) are parsed and written by one plugin, before any route.
  await app.register(fastifyCookie);
  const metrics = createApiMetrics(deps.config.METRICS_OPERATION_NAMES);
  const limits = createEdgeLimits(deps.redis, deps.config, metrics.limitsObserver(logger));
  const tracing = Boolean(deps.config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const apollo = await createApollo(app, deps, logger, limits, [
    metrics.plugin,
    ...(tracing ? [operationSpanPlugin(deps.config.METRICS_OPERATION_NAMES)] : []),
  ]);
  await apollo.start();

  let closing = false;
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // While shutting down, answer in-flight requests and let their keep-alive connections go with them.
    if (closing) reply.header('connection', 'close');
  });
  // The request's transaction is normally finished by Apollo; this catches a request that died first.
  app.addHook('onResponse', async (request) => {
    const context = (request as FastifyRequest & { apiContext?: ApiContext }).apiContext;
    if (context) await finishRequestTransaction(context, 'rollback').catch(() => undefined);
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status < 500 ? error.message : 'Internal server error';
    return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  });

  // Batching would let one request carry thousands of operations past the per-operation limits.
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/graphql') && Array.isArray(request.body)) {
      return reply.code(400).send({
        errors: [{ message: 'Batched operations are not supported; send one operation per request', extensions: { code: 'BATCHING_NOT_SUPPORTED' } }],
      });
    }
  });

  const handler = fastifyApolloHandler(apollo, { context: (request) => createRequestContext(deps, limits, request) });
  const bounded = withRequestDeadline(handler, deps.config.REQUEST_TIMEOUT_MS);
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler: tracing ? inOperationSpan(bounded) : bounded });

  const billing = stripeBillingFrom(deps.config, connectStripeGateway);
  if (billing) {
    enforceBilling(deps.orm, billing);
    app.log.info({ plans: billing.plans.plans.map((plan) => plan.code), graceDays: billing.graceDays }, 'billing is on (Stripe)');
  } else {
    // The plans are still read (billingPlans): a broken plan file stops the start here too.
    const plans = plansFrom(deps.config).plans.map((plan) => plan.code);
    app.log.info(
      { plans },
      'billing is off: no STRIPE_SECRET_KEY, so operations that need Stripe answer BILLING_DISABLED, reads say BILLING_OFF and no plan limit applies',
    );
  }
  registerStripeRoutes(app, deps, billing);
  registerHealthRoutes(app, deps);
  registerAuditExport(app, deps, limits);
  registerFiguresExport(app, deps, limits);
  // Opened before listening: a STORAGE_DIR that cannot be written stops the start here.
  const storage = await openObjectStorage(deps.config);
  await registerUploadRoutes(app, deps, limits, storage);
  registerCareFiguresExport(app, deps, limits);
  registerWorkOrderFiguresExport(app, deps, limits);
  registerTicketFiguresExport(app, deps, limits);
  registerBrowserSessionRoutes(app, deps, limits);
  registerSurveyPage(app);
  registerConsole(app);
  // The worker's queues, opened here only to be looked at: by the dashboard and by /metrics.
  const monitoredQueues = openMonitoredQueues(deps.config, app.log);
  registerQueueMetrics(metrics.registry, { queues: monitoredQueues.queues, orm: deps.orm, clock: deps.clock, log: app.log });
  // Its sign-in page counts attempts in the same buckets as the API, so it too keeps working while Redis is down.
  await registerQueueDashboard(app, deps, monitoredQueues.queues, limits.buckets);
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  return {
    app,
    /** Stops accepting connections, lets in-flight requests finish, then stops Apollo (whose drain closes Fastify). */
    async close() {
      closing = true;
      await apollo.stop();
      await monitoredQueues.close();
      limits.close();
      storage.close?.();
    },
  };
}
