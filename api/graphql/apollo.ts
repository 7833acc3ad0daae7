import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ApiContext, ApiDeps } from '../context';
import { costPlugin } from '../limits/cost-plugin';
import { oneCredentialCheckPlugin } from '../limits/credential-checks';
import type { EdgeLimits } from '../limits/edge-limits';
import { appSchema } from './build-schema';
import { formatError } from './errors';
import { internalErrorLogPlugin } from './error-log-plugin';
import { transactionPlugin } from './transaction-plugin';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Apollo with every limit of the edge: depth, aliases and directives
 * (graphql-armor), tokens (the graphql-js parser), one credential check per
 * request, cost and rate (ours), CSRF prevention, and no introspection,
 * suggestions or stack traces in production.
 */
export async function createApollo(
  app: FastifyInstance,
  deps: ApiDeps,
  logger: Logger,
  limits: EdgeLimits,
  extraPlugins: ApolloServerPlugin<ApiContext>[],
): Promise<ApolloServer<ApiContext>> {
  const production = deps.config.NODE_ENV === 'production';
  const exposeStack = deps.config.NODE_ENV === 'development';
  const armor = new ApolloArmor({
    maxDepth: { n: deps.config.MAX_QUERY_DEPTH },
    // An empty allow-list counts `__typename` aliases too: they are cheap, but not free.
    maxAliases: { n: deps.config.MAX_QUERY_ALIASES, allowList: [] },
    // Counted by the parser itself (parseOptions below): armor's token plugin re-parses the
    // document in a hook, so every syntax error escaped as an unexpected error (HTTP 500).
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return new ApolloServer<ApiContext>({
    schema: await appSchema(),
    logger,
    introspection: !production,
    csrfPrevention: true,
    // The process handles its own signals (infra/shutdown.ts) so it can close the database and Redis after Apollo.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: deps.config.MAX_QUERY_TOKENS },
    includeStacktraceInErrorResponses: exposeStack,
    hideSchemaDetailsFromClientErrors: production,
    validationRules: protection.validationRules,
    formatError: (formatted, error) => formatError(formatted, error, exposeStack, production),
    plugins: [
      ...protection.plugins,
      fastifyApolloDrainPlugin(app),
      // Before the cost plugin: a request refused for its shape is not charged.
      oneCredentialCheckPlugin(),
      costPlugin(deps.config, limits.buckets),
      transactionPlugin(),
      internalErrorLogPlugin(logger),
      ...extraPlugins,
    ],
  });
}
