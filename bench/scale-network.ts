import { Client, escapeIdentifier } from 'pg';
import { appUrlFrom, loadConfig } from '../infra/config';
import { migrate } from '../migrations/runner';
import { networkMarker } from '../tenants/generate-network/generate';
import type { NetworkOptions } from '../tenants/generate-network/options';
import { runTenantsCli } from '../tenants/tenants.commands';
import { APP_ROLE, SERVER_URL } from '../test/support/test-database';

/** The generated network's database of the P7 bench: kept between runs, since generating it takes minutes. */
export interface ScaleDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  reused: boolean;
  generationSeconds: number | null;
}

function urlFor(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The database `aftersales_bench_scale_<stores>_<tickets>_<seed>`: reused when
 * a finished generation of the same seed and sizes is there (the marker the
 * generator writes last), after its pending migrations run; else made again from scratch with `npm run tenants
 * -- generate-network`.
 */
export async function scaleDatabase(options: Omit<NetworkOptions, 'asOf'>, log: (line: string) => void): Promise<ScaleDatabase> {
  const name = `aftersales_bench_scale_${options.stores}_${options.tickets}_${options.seed}`;
  const adminUrl = urlFor(name);
  const appUrl = appUrlFrom(adminUrl, APP_ROLE, process.env.APP_DB_PASSWORD);
  const maintenance = new Client({ connectionString: urlFor('postgres') });
  await maintenance.connect();
  try {
    const { rows } = await maintenance.query<{ marker: string | null }>(
      `select shobj_description(oid, 'pg_database') as marker from pg_database where datname = $1`,
      [name],
    );
    const wanted = networkMarker({ ...options, asOf: new Date(0) }).replace(/, as of .*$/, ', as of ');
    if (rows[0]?.marker?.startsWith(wanted)) {
      log(`reusing ${name}: ${rows[0].marker}`);
      // Brought up to the code's migrations (new indexes above all), as a deployment would, so the figures are today's.
      await migrate({ adminUrl, appRole: APP_ROLE, appPassword: process.env.APP_DB_PASSWORD });
      // A migration's new tables have no statistics and no visibility map yet: settled as autovacuum would settle them soon after.
      await vacuumAnalyze(adminUrl);
      return { name, adminUrl, appUrl, reused: true, generationSeconds: null };
    }
    await maintenance.query(`drop database if exists ${escapeIdentifier(name)} with (force)`);
    await maintenance.query(`create database ${escapeIdentifier(name)}`);
  } finally {
    await maintenance.end();
  }
  await migrate({ adminUrl, appRole: APP_ROLE, appPassword: process.env.APP_DB_PASSWORD });
  const started = Date.now();
  const config = loadConfig({ ...process.env, DATABASE_URL: adminUrl, APP_DATABASE_URL: appUrl, LOG_LEVEL: 'silent' });
  const args = ['generate-network', '--seed', String(options.seed), '--stores', String(options.stores), '--tickets', String(options.tickets)];
  const code = await runTenantsCli(args, { config, out: (line) => log(`  ${line}`), err: (line) => log(`  ${line}`) });
  if (code !== 0) throw new Error(`generate-network failed for ${name}`);
  return { name, adminUrl, appUrl, reused: false, generationSeconds: (Date.now() - started) / 1000 };
}

async function vacuumAnalyze(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}
