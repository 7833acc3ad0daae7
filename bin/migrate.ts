import { loadConfigOrExit } from '../infra/config';
import { ensureDatabase } from '../migrations/ensure-database';
import { migrate } from '../migrations/runner';

/** `npm run migrate`: brings DATABASE_URL up to date; safe to run any number of times. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  await ensureDatabase(config.DATABASE_URL, log);
  const result = await migrate({ adminUrl: config.DATABASE_URL, appRole: config.APP_DB_ROLE, appPassword: config.APP_DB_PASSWORD, log });
  log(result.applied.length ? `migrations applied: ${result.applied.length}` : 'database is up to date');
}

main().catch((error: Error) => {
  process.stderr.write(`migrate failed: ${error.message}\n`);
  process.exit(1);
});
