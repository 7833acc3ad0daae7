import { loadConfigOrExit } from '../infra/config';
import { healthFileAgeMs } from './health-file';

/**
 * The worker container's health check: exits 0 while the worker keeps its
 * health file fresh (WORKER_HEALTH_FILE, younger than WORKER_HEALTH_MAX_AGE_MS),
 * 1 otherwise, saying why on stderr.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExit();
  if (!config.WORKER_HEALTH_FILE) {
    process.stderr.write('WORKER_HEALTH_FILE is not set: the worker writes no health file to check\n');
    return 1;
  }
  const age = await healthFileAgeMs(config.WORKER_HEALTH_FILE);
  if (age === null) {
    process.stderr.write(`unhealthy: ${config.WORKER_HEALTH_FILE} does not exist yet (the worker has not completed a relay pass)\n`);
    return 1;
  }
  if (age > config.WORKER_HEALTH_MAX_AGE_MS) {
    process.stderr.write(`unhealthy: the worker last completed a relay pass ${Math.round(age / 1000)} s ago\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`health probe failed: ${error.message}\n`);
    process.exit(1);
  },
);
