import 'reflect-metadata';
import { loadConfigOrExit } from '../infra/config';
import { startTracing } from '../infra/tracing/start-tracing';

/**
 * `npm run worker`. Tracing starts first, when configured: the worker itself
 * is loaded after it, so its PostgreSQL client and outgoing HTTP are traced.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const tracing = await startTracing(config, 'aftersales-worker');
  const { runWorker } = await import('../worker/worker-process');
  await runWorker(config, tracing);
}

main().catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
