/** A bounded closed-loop load generator: `concurrency` clients, `requests` requests in all, loopback only. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

export async function runLoad(
  requests: number,
  concurrency: number,
  send: () => Promise<Response>,
  isOk: (response: Response, body: string) => boolean,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const t0 = process.hrtime.bigint();
        const response = await send();
        const body = await response.text();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!isOk(response, body)) failures += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { requests, seconds, perSecond: requests / seconds, p50Ms: at(0.5), p99Ms: at(0.99), failures };
}

export function formatResult(name: string, result: LoadResult): string {
  return `${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50Ms.toFixed(2)} ms   p99 ${result.p99Ms.toFixed(2)} ms   failures ${result.failures}`;
}
