/** What one run of a bench of scheduled work measured: how many ran, over how long, and how late each was. */
export interface RunFigures {
  count: number;
  seconds: number;
  lateMs: Float64Array;
}

/** The lateness at quantile `q` (0..1) of the runs recorded, in ms. */
export function latenessAt(run: RunFigures, q: number): number {
  const late = Array.from(run.lateMs.subarray(0, Math.min(run.count, run.lateMs.length))).sort((a, b) => a - b);
  return late[Math.min(late.length - 1, Math.floor(q * late.length))];
}

/** Throughput, and for runs with due times spread out, how late the runs were (percentiles over every run). */
export function formatRun(name: string, run: RunFigures, from: string, withLateness: boolean): string {
  const throughput = `${name.padEnd(36)} ${(run.count / run.seconds).toFixed(0).padStart(6)} /s (${run.count} in ${run.seconds.toFixed(1)} s ${from})`;
  if (!withLateness) return throughput;
  const at = (q: number) => latenessAt(run, q).toFixed(0);
  return `${throughput}\n${''.padEnd(38)}late: p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   max ${at(1)} ms`;
}
