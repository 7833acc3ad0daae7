import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock';
import { ACTION_RULES } from '../../domain/scheduling/action-kinds';
import { ActionKind } from '../../core/action-enums';
import { ActionQueue } from '../../domain/scheduling/queues';
import type { Orm } from '../../domain/ports/database';

export interface DueAction {
  tenant_id: string;
  id: string;
  kind: ActionKind;
  due_at: Date;
  /** The trace of what scheduled it (null when tracing was off then). */
  trace_parent?: string | null;
}

const BATCH = 1000;

/**
 * Marks due actions as handed over and returns them. `handedBefore` chooses
 * which: only never-handed rows (the relay), or also rows handed over before
 * that instant and still pending (the reconciler, after Redis lost them).
 */
export async function claimDueActions(orm: Orm, dueBefore: Date, handedBefore: Date | null, max = BATCH): Promise<DueAction[]> {
  return orm.em.fork().execute<DueAction[]>('select * from worker_claim_due_actions(?, ?, ?)', [dueBefore, handedBefore ?? '-infinity', max]);
}

/**
 * Hands actions to their queues. The job id is the action's id: adding an
 * action that is already waiting or running is a no-op, so the relay and the
 * reconciler never make a duplicate job. Finished jobs are removed at once:
 * the database keeps the history, Redis only what is in flight.
 */
export async function enqueueActions(queues: ReadonlyMap<ActionQueue, Queue>, actions: DueAction[]): Promise<void> {
  const byQueue = new Map<ActionQueue, DueAction[]>();
  for (const action of actions) {
    const queue = ACTION_RULES[action.kind].queue;
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), action]);
  }
  await Promise.all(
    [...byQueue].map(([name, due]) =>
      queues.get(name)!.addBulk(
        due.map((action) => ({
          name: action.kind,
          // The trace context travels with the job, so the run's span starts before its first query.
          data: { tenantId: action.tenant_id, actionId: action.id, ...(action.trace_parent ? { traceParent: action.trace_parent } : {}) },
          opts: { jobId: action.id, removeOnComplete: true, removeOnFail: true },
        })),
      ),
    ),
  );
}

/** The relay's pass: hands over every action due now that was never handed over, in batches. */
export async function relayPass(orm: Orm, queues: ReadonlyMap<ActionQueue, Queue>, clock: Clock): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await claimDueActions(orm, clock.now(), null);
    if (due.length > 0) await enqueueActions(queues, due);
    total += due.length;
    if (due.length < BATCH) return total;
  }
}

/**
 * The reconciler's pass: among due actions handed over before `handedBefore`
 * and still pending, oldest first, hands over again those whose job Redis no
 * longer has (lost with Redis, or with a worker). It stops at the first batch
 * whose jobs are all still there: the queues are merely behind, and reading
 * further would only repeat that.
 */
export async function reconcilePass(orm: Orm, queues: ReadonlyMap<ActionQueue, Queue>, clock: Clock, handedBefore: Date): Promise<number> {
  let total = 0;
  let after: DueAction[] = [];
  for (let round = 0; round < 1000; round++) {
    const now = clock.now();
    const stale = await orm.em.fork().execute<DueAction[]>('select * from worker_stale_actions(?, ?, ?)', [now, handedBefore, BATCH]);
    const lost = await withoutJobs(queues, stale);
    if (lost.length > 0) {
      // An array literal: the query builder would spread a JavaScript array into separate values.
      await orm.em.fork().execute('select worker_mark_handed(?::uuid[], ?)', [`{${lost.map((action) => action.id).join(',')}}`, now]);
      await enqueueActions(queues, lost);
      total += lost.length;
    }
    // Marked ones leave the candidates; a batch with nothing lost, or a short one, ends the pass.
    if (lost.length === 0 || stale.length < BATCH || sameBatch(after, stale)) return total;
    after = stale;
  }
  return total;
}

function sameBatch(a: DueAction[], b: DueAction[]): boolean {
  return a.length === b.length && a.every((action, i) => action.id === b[i].id);
}

/** The actions whose job is not in their queue any more. */
async function withoutJobs(queues: ReadonlyMap<ActionQueue, Queue>, actions: DueAction[]): Promise<DueAction[]> {
  if (actions.length === 0) return [];
  const byQueue = actions.map((action) => queues.get(ACTION_RULES[action.kind].queue)!);
  // BullMQ connects through ioredis; its own type only names the commands BullMQ uses.
  const client = (await byQueue[0].client) as unknown as Redis;
  // Sent together on one connection: one round of answers for the whole batch.
  const exists = await Promise.all(actions.map((action, i) => client.exists(byQueue[i].toKey(action.id))));
  return actions.filter((_, i) => exists[i] === 0);
}
