import 'reflect-metadata';
import { loadConfigOrExit } from '../infra/config';
import { startTracing } from '../infra/tracing/start-tracing';

/**
 * `npm run api`. Tracing starts first, when configured: the api itself is
 * loaded after it, so its HTTP server, PostgreSQL client and GraphQL are traced.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const tracing = await startTracing(config, 'aftersales-api');
  const { runApi } = await import('../api/api-process');
  await runApi(config, tracing);
}

main().catch((error: Error) => {
  process.stderr.write(`api failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
