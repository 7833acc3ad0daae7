import { loadConfigOrExit } from '../infra/config';
import { workerHealthProblem } from '../worker/health-file';

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
  const problem = await workerHealthProblem(config.WORKER_HEALTH_FILE, config.WORKER_HEALTH_MAX_AGE_MS);
  if (problem) process.stderr.write(`${problem}\n`);
  return problem ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`health probe failed: ${error.message}\n`);
    process.exit(1);
  },
);
