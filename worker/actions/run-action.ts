import type { EntityManager } from '../../infra/database';
import { inTenantTransaction, Orm } from '../../infra/database';
import type { Clock } from '../../domain/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../../domain/context';
import { ACTION_RULES, ActionKind, ActionState, retryDelayMs } from '../../domain/scheduling/action-kinds';
import type { ActionOutcome, ActionProcessor, ProcessorDeps } from '../../domain/scheduling/processor';
import { ScheduledAction, Tenant } from '../../schema/entities';

export type ProcessorRegistry = Readonly<Partial<Record<ActionKind, ActionProcessor>>>;

export interface ActionRef {
  tenantId: string;
  actionId: string;
}

export type RunResult =
  /** Done, cancelled, or being run by someone else: nothing to do. */
  | 'SKIPPED'
  /** Picked up before its time (it was moved later): handed back to the relay. */
  | 'NOT_DUE'
  | 'DONE'
  | 'RETRY_SCHEDULED'
  | 'DEAD';

export interface RunnerDeps {
  orm: Orm;
  clock: Clock;
  processors: ProcessorRegistry;
  processorDeps: ProcessorDeps;
  random?: () => number;
}

/**
 * Runs one scheduled action: locks its row, lets its processor act, and
 * records the outcome, all in one transaction bound to the action's tenant.
 * The processor runs inside a savepoint, so a thrown error undoes its writes
 * but still counts the attempt. Any worker may receive the same action twice
 * (a relay retry, a reconciler pass): the row lock and its state make the
 * second run a no-op.
 */
export async function runAction(deps: RunnerDeps, ref: ActionRef): Promise<RunResult> {
  return inTenantTransaction(deps.orm, ref.tenantId, async (em) => {
    const tenant = await em.findOne(Tenant, { id: ref.tenantId });
    if (!tenant || !(await lockPending(em, ref))) return 'SKIPPED';
    const action = await em.findOneOrFail(ScheduledAction, { tenantId: ref.tenantId, id: ref.actionId }, { refresh: true });
    const now = deps.clock.now();
    if (action.dueAt > now) {
      action.enqueuedAt = null;
      await em.flush();
      return 'NOT_DUE';
    }
    const attempt = action.attempts + 1;
    action.attempts = attempt;
    const ctx: TenantContext = { tenantId: ref.tenantId, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    const outcome = await processInSavepoint(em, () => {
      const processor = deps.processors[action.kind];
      if (!processor) throw new Error(`no processor for ${action.kind} actions`);
      return processor({ ctx, action, deps: deps.processorDeps });
    });
    // A failed processor's writes were rolled back with the savepoint; the action itself is re-read to record the attempt.
    const current = outcome.thrown ? await em.findOneOrFail(ScheduledAction, { tenantId: ref.tenantId, id: ref.actionId }, { refresh: true }) : action;
    current.attempts = attempt;
    const result = record(current, outcome.outcome, deps.clock.now(), deps.random ?? Math.random);
    await em.flush();
    return result;
  });
}

async function lockPending(em: EntityManager, ref: ActionRef): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from scheduled_actions where tenant_id = ? and id = ? and state = 'PENDING' for update skip locked`,
    [ref.tenantId, ref.actionId],
  );
  return rows.length > 0;
}

let savepoints = 0;

async function processInSavepoint(em: EntityManager, work: () => Promise<ActionOutcome>): Promise<{ outcome: ActionOutcome; thrown: boolean }> {
  const name = `action_${++savepoints}`;
  await em.execute(`savepoint ${name}`);
  try {
    const outcome = await work();
    await em.flush();
    await em.execute(`release savepoint ${name}`);
    return { outcome, thrown: false };
  } catch (error) {
    await em.execute(`rollback to savepoint ${name}`);
    em.clear();
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: { status: 'RETRY', error: message.slice(0, 2000) }, thrown: true };
  }
}

function record(action: ScheduledAction, outcome: ActionOutcome, now: Date, random: () => number): RunResult {
  action.updatedAt = now;
  if (outcome.status === 'DONE') {
    action.state = ActionState.DONE;
    action.result = outcome.result ?? {};
    action.lastError = null;
    action.completedAt = now;
    return 'DONE';
  }
  action.lastError = outcome.error;
  if (outcome.result) action.result = outcome.result;
  if (action.attempts >= action.maxAttempts) {
    action.state = ActionState.DEAD;
    action.completedAt = now;
    return 'DEAD';
  }
  action.dueAt = new Date(now.getTime() + retryDelayMs(ACTION_RULES[action.kind].retry, action.attempts, random));
  action.enqueuedAt = null;
  return 'RETRY_SCHEDULED';
}
