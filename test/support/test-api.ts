import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Cluster } from 'ioredis';
import type { RedisClient } from '../../infra/redis';
import { createApiServer, ApiServer } from '../../api/server';
import type { ApiDeps } from '../../api/context';
import { Clock, systemClock } from '../../core/clock';
import { loadConfig, Config } from '../../infra/config';
import { openOrm } from '../../infra/database';
import { Orm } from '../../domain/ports/database';
import { createLogger, Logger } from '../../infra/logger';
import { openRedis } from '../../infra/redis';
import { createTestDatabase, TestDatabase } from './test-database';
import { PASSWORD, provisionTestNetwork } from './network';

/**
 * A real api server on a random port, over its own database and its own Redis
 * key prefix, with the test network provisioned.
 */
export interface TestApi {
  url: string;
  db: TestDatabase;
  orm: Orm;
  redis: RedisClient;
  config: Config;
  deps: ApiDeps;
  server: ApiServer;
  /** POST a GraphQL operation; returns the HTTP status and the parsed body. */
  gql(query: string, variables?: Record<string, unknown>, credential?: string | null): Promise<GqlResponse>;
  login(tenantSlug: string, email: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startTestApi(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    provision?: boolean;
    logger?: Logger;
    /** A database that outlives the api (a generated network): used as it is, and not dropped by `stop`. */
    database?: TestDatabase;
  } = {},
): Promise<TestApi> {
  const db = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.adminUrl,
    APP_DATABASE_URL: db.appUrl,
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Many tests log in from one address; the anonymous limit has tests of its own.
    RATE_LIMIT_ANONYMOUS_CAPACITY: '100000',
    RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: '100000',
    ...options.env,
  });
  const clock = options.clock ?? systemClock;
  const orm = await openOrm(config.APP_DATABASE_URL, 5, clock);
  const redis = openRedis(config, { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  const deps: ApiDeps = {
    orm,
    redis,
    config,
    clock,
    tokens: {
      secret: config.JWT_SECRET,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    },
  };
  if (options.provision !== false) await provisionTestNetwork(orm);
  const server = await createApiServer(deps, options.logger ?? createLogger('silent', 'api-test'));
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;

  const gql: TestApi['gql'] = async (query, variables, credential) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  };

  return {
    url,
    db,
    orm,
    redis,
    config,
    deps,
    server,
    gql,
    async login(tenantSlug, email, password = PASSWORD) {
      const result = await gql(`mutation($input: LoginInput!) { login(input: $input) { session { accessToken } userErrors { code message } } }`, {
        input: { tenantSlug, email, password },
      });
      const token = result.body?.data?.login?.session?.accessToken;
      if (!token) throw new Error(`login failed for ${email}: ${JSON.stringify(result.body)}`);
      return token;
    },
    async stop() {
      await server.close();
      await orm.close();
      // On a cluster every primary holds some of the keys, and one DEL may name keys of one slot only.
      const servers = redis instanceof Cluster ? redis.nodes('master') : [redis];
      const keys = (await Promise.all(servers.map((server) => server.keys(`${config.REDIS_PREFIX}:*`)))).flat();
      await Promise.all(keys.map((key) => redis.del(key)));
      await redis.quit();
      if (!options.database) await db.drop();
    },
  };
}
