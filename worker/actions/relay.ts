import type { Queue } from 'bullmq';
import type { Clock } from '../../domain/clock';
import { ACTION_RULES, ActionKind, ActionQueue } from '../../domain/scheduling/action-kinds';
import type { Orm } from '../../infra/database';

export interface DueAction {
  tenant_id: string;
  id: string;
  kind: ActionKind;
  due_at: Date;
}

const BATCH = 1000;

/**
 * Marks due actions as handed over and returns them. `handedBefore` chooses
 * which: only never-handed rows (the relay), or also rows handed over before
 * that instant and still pending (the reconciler, after Redis lost them).
 */
export async function claimDueActions(orm: Orm, dueBefore: Date, handedBefore: Date | null, max = BATCH): Promise<DueAction[]> {
  return orm.em
    .fork()
    .execute<DueAction[]>('select * from worker_claim_due_actions(?, ?, ?)', [dueBefore, handedBefore ?? '-infinity', max]);
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
          data: { tenantId: action.tenant_id, actionId: action.id },
          opts: { jobId: action.id, removeOnComplete: true, removeOnFail: true },
        })),
      ),
    ),
  );
}

/** One pass: hands over every action due now, in batches, until none is left. */
export async function relayPass(orm: Orm, queues: ReadonlyMap<ActionQueue, Queue>, clock: Clock, handedBefore: Date | null): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await claimDueActions(orm, clock.now(), handedBefore);
    if (due.length > 0) await enqueueActions(queues, due);
    total += due.length;
    if (due.length < BATCH) return total;
  }
}
