import { execFile } from 'node:child_process';

/** One round of load: requests per second and latency percentiles as autocannon measured them. */
export interface RoundResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failures: number;
}

/**
 * Loads `url` with POSTs of `body` for `seconds`, from autocannon in a
 * separate process: the load generator never shares the event loop (or the
 * CPU profile) of the server it measures.
 */
export function autocannonRound(url: string, body: string, headers: Record<string, string>, seconds: number, connections: number): Promise<RoundResult> {
  const args = [require.resolve('autocannon/autocannon.js'), '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-b', body];
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', ...headers })) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        perSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        failures: result.non2xx + result.errors + result.timeouts,
      });
    });
  });
}
