import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../infra/config';
import { Redis } from 'ioredis';
import { projectRoot } from '../core/project-root';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * docker-compose.yml, its host-ports override and the Dockerfile, read as
 * files (Docker itself does not run in the tests): exact image versions, one
 * app image built once, no database or Redis port on the host by default, a
 * worker health check that really tells a live worker from a stuck one, a
 * demo JWT secret that production refuses, and a setup job that does what
 * `npm run demo` does without Docker.
 */
const root = projectRoot();
const read = (file: string) => readFileSync(join(root, file), 'utf8');
/** The README and every guide it links to under docs/: what a reader may copy. */
const readmeAndGuides = () =>
  [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `docs/${file}`),
  ]
    .map(read)
    .join('\n');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const hostPorts = parse(read('docker-compose.host-ports.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

/** A compose value as `docker compose` reads it with nothing set in the environment: `${NAME:-default}` is the default. */
function withDefaults(value: string): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_match, _name: string, fallback?: string) => fallback ?? '').replace(/\$\$/g, '$');
}

/** An exact release: major.minor at least (PostgreSQL's releases have two parts), or a digest. */
const EXACT_TAG = /^v?\d+\.\d+(\.\d+)?(-[a-z0-9.]+)*$/;
/** MinIO names each release by its build instant (RELEASE.2024-10-13T13-34-11Z): exact too. */
const MINIO_RELEASE = /^RELEASE\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/;

function tagOf(image: string): string {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : '';
}

/** The services that run the app's image: its processes, the setup job, and the one-off that prepares the demo clock as the app's user. */
const APP_SERVICES = ['api', 'clock', 'setup', 'worker'];
const appServices = Object.entries(services).filter(([name]) => APP_SERVICES.includes(name));

describe('images', () => {
  test('every third-party image in the compose file is pinned to an exact release', () => {
    const thirdParty = Object.entries(services).filter(([name]) => !appServices.some(([app]) => app === name));
    expect(thirdParty.map(([name]) => name).sort()).toEqual(['mailpit', 'minio', 'minio-bucket', 'postgres', 'redis']);
    for (const [name, service] of thirdParty) {
      const image = service.image ?? '';
      expect({ name, image, exact: image.includes('@sha256:') || EXACT_TAG.test(tagOf(image)) || MINIO_RELEASE.test(tagOf(image)) }).toEqual({
        name,
        image,
        exact: true,
      });
    }
  });

  test("the Dockerfile's Node base is an exact release that satisfies the engines field, in every stage", () => {
    const bases = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    for (const base of bases) {
      expect(base).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+$/);
      expect(semver.satisfies(/^node:(\d+\.\d+\.\d+)/.exec(base)![1], engines)).toBe(true);
    }
    expect(new Set(bases).size).toBe(1);
  });

  test('the app image is built once, by one service, and every app service runs that same image', () => {
    const builders = Object.entries(services).filter(([, service]) => service.build !== undefined);
    expect(builders.map(([name]) => name)).toEqual(['setup']);
    const image = builders[0][1].image;
    expect(image).toBeDefined();
    expect(appServices.map(([name]) => name).sort()).toEqual(APP_SERVICES);
    // and every service running compiled code is one of them
    const runningDist = Object.entries(services).filter(([, service]) => JSON.stringify(service.command ?? []).includes('dist/'));
    expect(runningDist.every(([name]) => APP_SERVICES.includes(name))).toBe(true);
    for (const [name, service] of appServices) expect({ name, image: service.image }).toEqual({ name, image });
    expect(withDefaults(image!)).toBe('aftersales:local');
  });

  test('every compiled entry point the compose file runs exists in the source', () => {
    const entries = JSON.stringify(services).match(/dist\/[\w/-]+\.js/g) ?? [];
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const entry of new Set(entries))
      expect({ entry, source: existsSync(join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))) }).toEqual({ entry, source: true });
  });

  test('the build context leaves out local installs, builds, history, secrets and demo state', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env', '.demo-clock']) expect(ignored).toContain(entry);
  });
});

describe('ports', () => {
  test('PostgreSQL and Redis publish no port unless the host-ports override is added, and then on loopback only', () => {
    expect(services.postgres.ports).toBeUndefined();
    expect(services.redis.ports).toBeUndefined();
    expect(Object.keys(hostPorts.services).sort()).toEqual(['postgres', 'redis']);
    const published = Object.values(hostPorts.services)
      .flatMap((service) => service.ports ?? [])
      .map(withDefaults);
    expect(published).toEqual(['127.0.0.1:15432:5432', '127.0.0.1:16379:6379']);
  });

  test("Mailpit's SMTP port stays inside; its page, full of customers' messages, is on loopback only", () => {
    expect((services.mailpit.ports ?? []).map(withDefaults)).toEqual(['127.0.0.1:8025:8025']);
    expect(services.api.ports).toEqual(['4000:4000']);
  });
});

describe('the JWT secret', () => {
  /** Every JWT_SECRET value the repository publishes: compose defaults and the examples of the README and its guides. */
  function publishedSecrets(): string[] {
    const fromCompose = Object.values(services)
      .map((service) => service.environment?.JWT_SECRET)
      .filter((value): value is string => value !== undefined)
      .map(withDefaults);
    const fromReadme = [...readmeAndGuides().matchAll(/JWT_SECRET[=:]\s*["']?([^\s"'`|]{8,})/g)].map((match) => withDefaults(match[1]));
    return [...new Set([...fromCompose, ...fromReadme])];
  }

  function refusal(env: Record<string, string>): string {
    try {
      loadConfig({ ...env, NODE_ENV: 'production' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    return 'accepted';
  }

  test('the demo value of docker-compose.yml is refused in production, with a message that says what to do', () => {
    const secrets = publishedSecrets();
    expect(secrets).toContain('compose-demo-secret-change-me-0000000000');
    for (const secret of secrets) {
      // the demo itself still runs with it
      expect(loadConfig({ JWT_SECRET: secret, NODE_ENV: 'development' }).JWT_SECRET).toBe(secret);
      const message = refusal({ JWT_SECRET: secret });
      expect(message).toMatch(/JWT_SECRET: JWT_SECRET is an example value published with Aftersales/);
      expect(message).toMatch(/openssl rand/);
    }
  });

  test('the development default and any "change me" value are refused in production; a secret of your own is not', () => {
    expect(refusal({})).toMatch(/JWT_SECRET: JWT_SECRET must be set in production: the development default is public/);
    expect(refusal({ JWT_SECRET: 'please-CHANGE_ME-before-going-live-0123456789' })).toMatch(/example value/);
    expect(refusal({ JWT_SECRET: randomBytes(36).toString('base64') })).toBe('accepted');
  });
});

test('the setup job runs what `npm run demo` runs without Docker: migrate, apply the demo network, publish its standard', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  /** `npm run tenants -- apply x` as the compiled command it stands for: `dist/bin/tenants.js apply x`. */
  const compiled = (step: string) => {
    const [, name, args = ''] = /^npm run (\S+)(?: -- (.*))?$/.exec(step.trim())!;
    const entry = /dist\/\S+\.js/.exec(scripts[name])![0];
    return `${entry} ${args}`.trim();
  };
  const demo = scripts.demo
    .split('&&')
    .map((step) => step.trim())
    .filter((step) => step !== 'npm run build' && step !== 'npm run demo:start')
    .map(compiled);
  const setup = services.setup
    .command!.at(-1)!
    .split('&&')
    .map((step) => step.trim().replace(/^node\s+/, ''));
  expect(setup).toEqual(demo);
  expect(setup).toHaveLength(3);
});

describe("the worker's health check", () => {
  let db: TestDatabase;
  let worker: ChildProcess | undefined;
  const prefix = `test:${randomBytes(6).toString('hex')}`;
  const healthFile = join(mkdtempSync(join(tmpdir(), 'aftersales-health-')), 'worker-alive');
  const MAX_AGE_MS = 1500;

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGCONT');
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker!.once('exit', resolve));
    }
    // A plain client that waits for its connection (the api's own fails at once while not connected).
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.drop();
  });

  const env = () => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.adminUrl,
    APP_DATABASE_URL: db.appUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    RELAY_INTERVAL_MS: '50',
    WORKER_HEALTH_FILE: healthFile,
    WORKER_HEALTH_MAX_AGE_MS: String(MAX_AGE_MS),
  });

  /** Runs the compose file's health check command for the worker, as Docker would in its container. */
  async function probe(): Promise<{ code: number; stderr: string }> {
    const [kind, command, ...args] = services.worker.healthcheck!.test;
    expect(kind).toBe('CMD');
    expect(command).toBe('node');
    try {
      await promisify(execFile)(process.execPath, args, { cwd: root, env: env() });
      return { code: 0, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr };
    }
  }

  async function eventually(check: () => Promise<boolean>, timeoutMs = 40000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test('the compose file gives the worker a health file and checks it', () => {
    expect(services.worker.environment?.WORKER_HEALTH_FILE).toBe('/tmp/worker-alive');
    expect(services.worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/bin/worker-health.js']);
  });

  test('unhealthy before the worker runs, healthy while it works, unhealthy while it is stuck, healthy again when it resumes', async () => {
    const before = await probe();
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/does not exist yet/);

    worker = spawn(process.execPath, [join(root, 'dist', 'bin', 'worker.js')], { env: env(), stdio: ['ignore', 'ignore', 'inherit'] });
    await eventually(async () => (await probe()).code === 0);

    // Frozen like a hung event loop: the file ages past its limit.
    worker.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, MAX_AGE_MS + 500));
    const stuck = await probe();
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/unhealthy: the worker last completed a relay pass \d+ s ago/);

    worker.kill('SIGCONT');
    await eventually(async () => (await probe()).code === 0, 15000);
  }, 120000);
});
