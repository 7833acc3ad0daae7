import { loadConfigOrExit } from '../infra/config';
import { migrate } from './runner';

/** `npm run migrate`: brings DATABASE_URL up to date; safe to run any number of times. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const result = await migrate({
    adminUrl: config.DATABASE_URL,
    appRole: config.APP_DB_ROLE,
    appPassword: config.APP_DB_PASSWORD,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(
    result.applied.length ? `migrations applied: ${result.applied.length}\n` : 'database is up to date\n',
  );
}

main().catch((error: Error) => {
  process.stderr.write(`migrate failed: ${error.message}\n`);
  process.exit(1);
});
