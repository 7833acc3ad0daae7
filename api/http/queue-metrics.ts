import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import type { Clock } from '../../core/clock';
import { ActionKind } from '../../core/action-enums';
import type { Orm } from '../../domain/ports/database';

/**
 * Gauges of the time-driven work, read when Prometheus scrapes rather than
 * kept up to date by the api (which does not run that work): the depth of each
 * BullMQ queue, and the scheduled actions in PostgreSQL, which stay the truth
 * when Redis loses jobs. Each scrape costs one Redis script per queue and one
 * SQL query, whatever the number of tenants.
 */
export interface QueueMetricsSources {
  queues: readonly Queue[];
  orm: Orm;
  clock: Clock;
  log: { warn(detail: object, message: string): void };
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const ACTION_STATES = ['PENDING_DUE', 'PENDING_FUTURE', 'DEAD', 'DONE', 'CANCELLED'] as const;
/** Finished actions are kept forever; counting all of them would make every scrape slower as history grows. */
const FINISHED_WINDOW_MS = 60 * 60 * 1000;
/** A scrape must answer even when Redis or PostgreSQL hangs: a series goes missing instead. */
const READ_TIMEOUT_MS = 3000;

interface ActionStatsRow {
  kind: string;
  state: string;
  actions: string | number;
  oldest_due_at: Date | string | null;
}

export function registerQueueMetrics(registry: Registry, sources: QueueMetricsSources): void {
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in each BullMQ queue by state (waiting includes paused and prioritized), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await withTimeout(Promise.all(sources.queues.map((queue) => readQueueCounts(queue))), 'queue counts');
        this.reset();
        sources.queues.forEach((queue, i) => {
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[i][state]);
        });
      } catch (error) {
        this.reset();
        sources.log.warn({ err: error }, 'queue depth metrics unavailable');
      }
    },
  });

  // Both action gauges come from the same query: the first to be collected runs it, the other waits for it.
  const readStats = shareInFlight(() => readActionStats(sources));
  new Gauge({
    name: 'scheduled_actions',
    help:
      'Scheduled actions by kind and state: PENDING_DUE (due, not yet run), PENDING_FUTURE and DEAD count every such action; ' +
      'DONE and CANCELLED those finished in the last hour',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      try {
        const stats = await readStats();
        this.reset();
        for (const kind of Object.values(ActionKind)) {
          for (const state of ACTION_STATES) this.set({ kind, state }, stats.counts.get(`${kind}/${state}`) ?? 0);
        }
      } catch (error) {
        this.reset();
        sources.log.warn({ err: error }, 'scheduled action metrics unavailable');
      }
    },
  });
  new Gauge({
    name: 'scheduled_actions_lag_seconds',
    help: 'Age of the oldest scheduled action that is due and still pending, by kind (0 when none is due): how far behind the workers are',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      try {
        const stats = await readStats();
        this.reset();
        for (const kind of Object.values(ActionKind)) this.set({ kind }, stats.lagSeconds.get(kind) ?? 0);
      } catch {
        this.reset(); // the scheduled_actions gauge logs the failure once
      }
    },
  });
}

async function readQueueCounts(queue: Queue): Promise<Record<(typeof QUEUE_STATES)[number], number>> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
  return {
    waiting: (counts.waiting ?? 0) + (counts.paused ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
  };
}

async function readActionStats(sources: QueueMetricsSources): Promise<{ counts: Map<string, number>; lagSeconds: Map<string, number> }> {
  const now = sources.clock.now();
  const rows = await withTimeout(
    sources.orm.em.fork().execute<ActionStatsRow[]>('select * from metrics_scheduled_action_stats(?, ?)', [now, new Date(now.getTime() - FINISHED_WINDOW_MS)]),
    'scheduled action stats',
  );
  const counts = new Map<string, number>();
  const lagSeconds = new Map<string, number>();
  for (const row of rows) {
    counts.set(`${row.kind}/${row.state}`, Number(row.actions));
    if (row.oldest_due_at) lagSeconds.set(row.kind, Math.max(0, (now.getTime() - new Date(row.oldest_due_at).getTime()) / 1000));
  }
  return { counts, lagSeconds };
}

/** Calls made while one is under way share its result, so concurrent collectors cost one read. */
function shareInFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
