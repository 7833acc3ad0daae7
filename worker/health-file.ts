import { stat, writeFile } from 'node:fs/promises';

/**
 * The worker has no HTTP port, so its liveness is a file: the worker rewrites
 * it after relay passes that reached PostgreSQL and Redis, and the container's
 * health check (`node dist/bin/worker-health.js`) fails when it has not for
 * a while: a hung event loop, a relay that keeps failing, a lost connection.
 * Real time on both sides: the demo clock does not move files.
 */
export function healthFileWriter(path: string, maxAgeMs: number): () => Promise<void> {
  // Often enough that a healthy worker never looks stale, rarely enough to cost nothing.
  const everyMs = Math.min(5000, Math.floor(maxAgeMs / 4));
  let last = 0;
  return async () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    await writeFile(path, `${new Date(now).toISOString()}\n`);
    last = now;
  };
}

/** How long ago the worker last wrote the file; null when it never has. */
export async function healthFileAgeMs(path: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Why the worker looks unhealthy (no health file yet, or a stale one); null while it keeps the file fresh. */
export async function workerHealthProblem(path: string, maxAgeMs: number): Promise<string | null> {
  const age = await healthFileAgeMs(path);
  if (age === null) return `unhealthy: ${path} does not exist yet (the worker has not completed a relay pass)`;
  if (age > maxAgeMs) return `unhealthy: the worker last completed a relay pass ${Math.round(age / 1000)} s ago`;
  return null;
}
