import { Client, escapeIdentifier } from 'pg';
import { loadConfigOrExit } from '../infra/config';
import { migrate } from './runner';

/** On a fresh machine the database may not exist yet: create it, empty, before migrating. */
async function ensureDatabase(adminUrl: string): Promise<void> {
  const probe = new Client({ connectionString: adminUrl });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
  }
  const url = new URL(adminUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const maintenance = new Client({ connectionString: url.toString() });
  await maintenance.connect();
  try {
    await maintenance.query(`create database ${escapeIdentifier(name)}`);
    process.stdout.write(`created database ${name}\n`);
  } finally {
    await maintenance.end();
  }
}

/** `npm run migrate`: brings DATABASE_URL up to date; safe to run any number of times. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await ensureDatabase(config.DATABASE_URL);
  const result = await migrate({
    adminUrl: config.DATABASE_URL,
    appRole: config.APP_DB_ROLE,
    appPassword: config.APP_DB_PASSWORD,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(result.applied.length ? `migrations applied: ${result.applied.length}\n` : 'database is up to date\n');
}

main().catch((error: Error) => {
  process.stderr.write(`migrate failed: ${error.message}\n`);
  process.exit(1);
});
