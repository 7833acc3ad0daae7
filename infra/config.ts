import { z } from 'zod';

/**
 * Every setting the processes read, validated once at start-up so a typo fails
 * loudly with the variable's name instead of surfacing later as a strange error.
 */
const DEV_JWT_SECRET = 'aftersales-development-secret-change-me-0000';

/**
 * JWT secrets printed in this repository: the development default above and
 * the demo value of docker-compose.yml. Anyone can read them, and so sign an
 * access token for any user of any tenant: production refuses them, and any
 * value still saying "change me".
 */
const PUBLISHED_JWT_SECRETS: ReadonlySet<string> = new Set([DEV_JWT_SECRET, 'compose-demo-secret-change-me-0000000000']);

export function isPublishedJwtSecret(secret: string): boolean {
  return PUBLISHED_JWT_SECRETS.has(secret) || /change[-_ ]?me/i.test(secret);
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().url().default('postgres://postgres@localhost:5432/aftersales'),
    /** The runtime connection (RLS applies). Defaults to DATABASE_URL with the app role as user. */
    APP_DATABASE_URL: z.string().url().optional(),
    APP_DB_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('aftersales_app'),
    APP_DB_PASSWORD: z.string().optional(),
    REDIS_URL: z.string().url().default('redis://localhost:6379'),
    /**
     * A Redis Cluster instead of the single Redis of REDIS_URL: some of its nodes as `host:port`
     * separated by commas (the rest are discovered). REDIS_URL still gives the password, user and
     * TLS (`rediss://`) every node is reached with; its host and port are then unused.
     */
    REDIS_CLUSTER_NODES: optionalText(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((node) => node.trim())
            .filter(Boolean),
        )
        .refine(
          (nodes) => nodes.length > 0 && nodes.every((node) => parseClusterNode(node) !== null),
          'REDIS_CLUSTER_NODES takes host:port pairs separated by commas, e.g. redis-1:6379,redis-2:6379,redis-3:6379',
        )
        .transform((nodes) => nodes.map((node) => parseClusterNode(node)!)),
    ),
    /** Namespaces every Redis key, so several environments can share one Redis. */
    REDIS_PREFIX: z.string().min(1).default('aftersales'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .default(14 * 24 * 3600),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(30),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(3000),
    MAX_QUERY_COST: z.coerce.number().int().min(1).default(1000),
    /** Token bucket per API key or user, in cost points (Shopify's defaults). */
    RATE_LIMIT_KEY_CAPACITY: z.coerce.number().int().min(1).default(1000),
    RATE_LIMIT_KEY_REFILL_PER_SECOND: z.coerce.number().positive().default(50),
    /** Token bucket shared by all keys and users of one tenant. */
    RATE_LIMIT_TENANT_CAPACITY: z.coerce.number().int().min(1).default(5000),
    RATE_LIMIT_TENANT_REFILL_PER_SECOND: z.coerce.number().positive().default(250),
    /** Anonymous callers (login, refresh) are limited per client address. */
    RATE_LIMIT_ANONYMOUS_CAPACITY: z.coerce.number().int().min(1).default(100),
    RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: z.coerce.number().positive().default(2),
    /**
     * Whose X-Forwarded-For to believe for the client address (the anonymous limit is per
     * address): `false` (nobody: the api faces clients directly), the proxies' addresses or
     * CIDRs separated by commas (or `loopback`, `uniquelocal`), or `true` (anybody; only
     * behind a proxy that overwrites the header). Believing a client's own header would let
     * it pick a fresh bucket on every request.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .refine((value) => !/^\d+$/.test(value), 'TRUST_PROXY takes proxy addresses, not a hop count')
      .transform((value): boolean | string => (value === 'true' ? true : value === '' || value === 'false' ? false : value)),
    /**
     * Failed sign-ins: an account (tenant and e-mail) may fail this many times, an address
     * this many, before each further attempt waits; the wait starts at the first delay and
     * doubles with every failure, up to LOGIN_MAX_DELAY_SECONDS. A key's failures are
     * forgotten once that long has passed after its wait without another attempt.
     */
    LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_ACCOUNT_FIRST_DELAY_SECONDS: z.coerce.number().positive().default(1),
    LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).default(20),
    LOGIN_ADDRESS_FIRST_DELAY_SECONDS: z.coerce.number().positive().default(60),
    LOGIN_MAX_DELAY_SECONDS: z.coerce.number().positive().default(900),
    /**
     * The longest a request waits for Redis (rate limits, the login throttle) before it is
     * counted by this process alone; while Redis is away, requests do not wait at all and
     * Redis is probed every REDIS_PROBE_INTERVAL_MS until it answers again.
     */
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10000).default(500),
    REDIS_PROBE_INTERVAL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
    /** /readyz answers within this, naming each dependency that did not answer in time as down. */
    READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30000).default(1000),
    /**
     * Operation names /metrics labels as they are, beside the schema's own root fields
     * (e.g. the console's operations), separated by commas; any other name is `other`.
     */
    METRICS_OPERATION_NAMES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      )
      .refine(
        (names) => names.every((name) => /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)),
        'METRICS_OPERATION_NAMES takes GraphQL operation names separated by commas',
      )
      .refine((names) => names.length <= 500, 'METRICS_OPERATION_NAMES takes at most 500 names: each is a series of its own'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15000),
    /**
     * A GraphQL request is answered REQUEST_TIMEOUT after this long and its transaction rolled back;
     * each SQL statement of a request is cancelled after STATEMENT_TIMEOUT_MS.
     */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(15000),
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(10).max(600000).default(5000),
    /** Outgoing mail: an SMTP server (smtp:// or smtps://, credentials in the URL). */
    SMTP_URL: z
      .string()
      .url()
      .refine((url) => /^smtps?:/.test(url), 'SMTP_URL must start with smtp:// or smtps://')
      .default('smtp://localhost:1025'),
    MAIL_FROM: z.string().min(3).default('Aftersales <no-reply@aftersales.local>'),
    /** SMS: `none`, or `twilio` (its Messages API, or any provider speaking it) with the settings below. */
    SMS_PROVIDER: z.enum(['none', 'twilio']).default('none'),
    SMS_API_BASE_URL: z.string().url().default('https://api.twilio.com'),
    SMS_ACCOUNT_SID: z.string().optional(),
    SMS_AUTH_TOKEN: z.string().optional(),
    SMS_FROM: z.string().optional(),
    /** Where customers open links sent to them (surveys), without a trailing slash. */
    PUBLIC_BASE_URL: z
      .string()
      .url()
      .default('http://localhost:4000')
      .transform((url) => url.replace(/\/+$/, '')),
    /** How long a partner endpoint gets to answer a webhook before the attempt counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
    /** How often the worker moves due actions into the queues. */
    RELAY_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
    /** A due action still pending this long after it was handed to a queue is handed over again. */
    RECONCILE_AFTER_MS: z.coerce.number().int().min(1000).default(60000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** How long a worker holds a job without renewing its lock; a crashed worker's jobs run again after this. */
    JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30000),
    /** How long a platform operator's queue dashboard session lasts before signing in again. */
    OPERATOR_SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
    /**
     * The worker touches this file after every relay pass that reached the database and Redis;
     * `node dist/bin/worker-health.js` (the container's health check) fails when it is older
     * than WORKER_HEALTH_MAX_AGE_MS. Unset: no file.
     */
    WORKER_HEALTH_FILE: optionalText(z.string()),
    WORKER_HEALTH_MAX_AGE_MS: z.coerce.number().int().min(1000).default(60000),
    /** Demos and end-to-end tests: a file holding milliseconds by which the api's and worker's clock run ahead. */
    CLOCK_OFFSET_FILE: z.string().min(1).optional(),
    /**
     * Billing on Stripe. Without a secret key billing is off: the api says so at start, every
     * operation that needs Stripe answers BILLING_DISABLED, reads say BILLING_OFF and no plan limit is enforced.
     */
    STRIPE_SECRET_KEY: optionalText(
      z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_..., sk_live_...)'),
    ),
    /** Signs the events Stripe POSTs to /webhooks/stripe: the endpoint's secret, or the one `stripe listen` prints. */
    STRIPE_WEBHOOK_SECRET: optionalText(z.string().regex(/^whsec_\S+$/, 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_...)')),
    /** Another Stripe-compatible server to talk to (scheme, host and port only), e.g. a local one in tests. Default: Stripe's API. */
    STRIPE_API_BASE_URL: optionalText(
      z
        .string()
        .url('STRIPE_API_BASE_URL must be a URL such as http://localhost:12111')
        .refine((value) => /^https?:$/.test(new URL(value).protocol), 'STRIPE_API_BASE_URL must use http or https')
        .refine(
          (value) => ['', '/'].includes(new URL(value).pathname) && !new URL(value).search,
          'STRIPE_API_BASE_URL takes a scheme, host and port only (the SDK adds /v1/)',
        ),
    ),
    /**
     * Plan code to Stripe price id, e.g. `BASIC=price_123,PRO=price_456`. A plan left out is
     * charged by the Price carrying its `stripeLookupKey` (tenants/plans.yaml).
     */
    STRIPE_PLAN_PRICES: optionalText(
      z
        .string()
        .refine(
          (value) => value.split(',').every((pair) => /^\s*[A-Z][A-Z0-9_]{1,31}\s*=\s*[A-Za-z0-9_]+\s*$/.test(pair)),
          'STRIPE_PLAN_PRICES takes PLAN=price_id pairs separated by commas, e.g. BASIC=price_123,PRO=price_456',
        )
        .transform((value) => Object.fromEntries(value.split(',').map((pair) => pair.split('=').map((part) => part.trim()) as [string, string]))),
    ),
    /** How long Stripe may take to answer one request before the call counts as failed (and the action is retried). */
    STRIPE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(20000),
    /** The plan file; default tenants/plans.yaml. */
    BILLING_PLANS_FILE: optionalText(z.string()),
    /**
     * Tracing (OpenTelemetry): the OTLP/HTTP endpoint of a collector, e.g. http://otel-collector:4318; spans
     * go to its /v1/traces as JSON. Unset: tracing is off and no part of the SDK is loaded.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalText(
      z.string().refine(isHttpUrl, 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https URL (OTLP over HTTP), such as http://localhost:4318'),
    ),
    /**
     * Where uploads (inspection evidence, ticket attachments) are kept: `local`, files under
     * STORAGE_DIR (the demo, one machine), or `s3`, a bucket of an S3-compatible service
     * (AWS S3, MinIO, a cloud's S3 API) with the STORAGE_S3_* settings below.
     */
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    /** The local driver's directory, relative to the working directory unless absolute; created at start if missing. */
    STORAGE_DIR: z.string().trim().min(1, 'STORAGE_DIR must name a directory').default('var/uploads'),
    /** Another S3-compatible service to talk to, e.g. http://minio:9000. Unset: AWS's endpoint for the region. */
    STORAGE_S3_ENDPOINT: optionalText(z.string().refine(isHttpUrl, 'STORAGE_S3_ENDPOINT must be an http or https URL, such as http://localhost:9000')),
    STORAGE_S3_BUCKET: optionalText(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'STORAGE_S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots and hyphens)'),
    ),
    STORAGE_S3_REGION: z.string().trim().min(1).default('us-east-1'),
    /** Both, or neither to use the SDK's default credentials (environment, instance or task role). */
    STORAGE_S3_ACCESS_KEY_ID: optionalText(z.string()),
    STORAGE_S3_SECRET_ACCESS_KEY: optionalText(z.string()),
    /** `true` addresses the bucket in the path (http://host/bucket/key), as MinIO wants; `false` in the host name, as AWS prefers. */
    STORAGE_S3_FORCE_PATH_STYLE: z
      .enum(['true', 'false'], { message: 'STORAGE_S3_FORCE_PATH_STYLE must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    /**
     * Signs the short-lived links of `Upload.url` (HMAC-SHA256), with which a browser shows a photo
     * in an <img> without a bearer token. At least 32 characters; production refuses a published or
     * "change me" value. Unset: a key derived from JWT_SECRET for this one use.
     */
    UPLOAD_URL_SECRET: optionalText(z.string().min(32, 'UPLOAD_URL_SECRET must be at least 32 characters')),
    /** How long a signed upload link stays valid, in seconds (30 to 3600). */
    UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    /** Days a PAST_DUE store (or one whose trial ended) keeps full access before it becomes read-only. */
    BILLING_GRACE_DAYS: z.coerce.number().int('BILLING_GRACE_DAYS must be a whole number of days').min(0).max(90).default(7),
  })
  .superRefine((env, issue) => {
    if (env.NODE_ENV === 'production' && isPublishedJwtSecret(env.JWT_SECRET)) {
      issue.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message:
          env.JWT_SECRET === DEV_JWT_SECRET
            ? 'JWT_SECRET must be set in production: the development default is public (make one with `openssl rand -base64 48`)'
            : 'JWT_SECRET is an example value published with Aftersales (docker-compose.yml, the documentation): anyone could sign tokens with it. Set a secret of your own (`openssl rand -base64 48`)',
      });
    }
    if (env.NODE_ENV === 'production' && env.UPLOAD_URL_SECRET && isPublishedJwtSecret(env.UPLOAD_URL_SECRET)) {
      issue.addIssue({
        code: 'custom',
        path: ['UPLOAD_URL_SECRET'],
        message: 'UPLOAD_URL_SECRET is an example value: set a secret of your own (`openssl rand -base64 48`), or leave it unset to derive one from JWT_SECRET',
      });
    }
    if (env.NODE_ENV === 'production' && env.CLOCK_OFFSET_FILE) {
      issue.addIssue({ code: 'custom', path: ['CLOCK_OFFSET_FILE'], message: 'a shifted clock is for demos and tests, not production' });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      issue.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (without it no Stripe event could be verified)',
      });
    }
    if (env.REDIS_CLUSTER_NODES && redisDatabase(env.REDIS_URL) !== 0) {
      issue.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'a Redis Cluster has database 0 only: REDIS_URL must not name another database when REDIS_CLUSTER_NODES is set',
      });
    }
    if (env.STORAGE_DRIVER === 's3' && !env.STORAGE_S3_BUCKET) {
      issue.addIssue({ code: 'custom', path: ['STORAGE_S3_BUCKET'], message: 'STORAGE_S3_BUCKET is required when STORAGE_DRIVER=s3' });
    }
    if (Boolean(env.STORAGE_S3_ACCESS_KEY_ID) !== Boolean(env.STORAGE_S3_SECRET_ACCESS_KEY)) {
      issue.addIssue({
        code: 'custom',
        path: [env.STORAGE_S3_ACCESS_KEY_ID ? 'STORAGE_S3_SECRET_ACCESS_KEY' : 'STORAGE_S3_ACCESS_KEY_ID'],
        message: 'STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY go together: set both, or neither to use the default credentials',
      });
    }
    if (env.SMS_PROVIDER === 'twilio') {
      for (const name of ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const) {
        if (!env[name]) issue.addIssue({ code: 'custom', path: [name], message: `${name} is required when SMS_PROVIDER=twilio` });
      }
    }
  });

/** One node of REDIS_CLUSTER_NODES: `host:port`, an IPv6 address in brackets (`[::1]:7000`); null when it is not one. */
export function parseClusterNode(node: string): { host: string; port: number } | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/.exec(node);
  if (!match) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

/** The database number in a redis:// URL's path (`redis://host:6379/2`), 0 when it names none. */
function redisDatabase(url: string): number {
  const path = new URL(url).pathname.replace(/^\//, '');
  return path === '' ? 0 : Number(path);
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An optional setting where an empty value (`FOO=` in a compose file) means "not set". */
function optionalText<T extends z.ZodTypeAny>(inner: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value),
    inner.optional(),
  );
}

export type Config = z.infer<typeof schema> & { APP_DATABASE_URL: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return { ...config, APP_DATABASE_URL: config.APP_DATABASE_URL ?? appUrlFrom(config.DATABASE_URL, config.APP_DB_ROLE, config.APP_DB_PASSWORD) };
}

/** The runtime role connects to the same database as the admin URL, under its own name. */
export function appUrlFrom(adminUrl: string, role: string, password?: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password ?? '';
  return url.toString();
}

/** Entry points call this: an invalid environment prints what is wrong and exits non-zero. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
