import type { EntityManager } from '../../domain/ports/database';
import { Orm } from '../../domain/ports/database';
import type { Clock } from '../../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../../domain/context';
import { ACTION_RULES, retryDelayMs } from '../../domain/scheduling/action-kinds';
import { ActionKind, ActionState } from '../../core/action-enums';
import type { ActionOutcome, ActionProcessor, ProcessorDeps } from '../../domain/scheduling/processor';
import { ScheduledAction, Tenant } from '../../schema/entities';
import type { TenantKind } from '../../core/enums';

export type ProcessorRegistry = Readonly<Partial<Record<ActionKind, ActionProcessor>>>;

export interface ActionRef {
  tenantId: string;
  actionId: string;
  /** The W3C traceparent stored with the action: its run continues that trace. */
  traceParent?: string;
}

export type RunResult =
  /** Done, cancelled, or being run by someone else: nothing to do. */
  | 'SKIPPED'
  /** Picked up before its time (it was moved later): handed back to the relay. */
  | 'NOT_DUE'
  | 'DONE'
  | 'RETRY_SCHEDULED'
  /** Waiting for something it must follow: due again shortly, no attempt counted. */
  | 'DEFERRED'
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
 * Any worker may receive the same action twice (a relay retry, a reconciler
 * pass): the row lock and its state make the second run a no-op.
 *
 * The run costs four statements when the processor itself reads and writes
 * nothing: BEGIN, one that binds the tenant and locks and reads the action
 * (`worker_lock_action`), the flush that records the outcome with the
 * processor's writes, COMMIT. A processor that throws rolls the whole
 * transaction back (its writes with it); the failed attempt is then recorded
 * in a transaction of its own. That costs the rare failure a few statements
 * more, where a savepoint around every run cost each success two.
 */
export async function runAction(deps: RunnerDeps, ref: ActionRef): Promise<RunResult> {
  const random = deps.random ?? Math.random;
  const first = await inActionTransaction(deps, ref, async (em, action, tenantKind) => {
    const now = deps.clock.now();
    if (action.dueAt > now) {
      action.enqueuedAt = null;
      await em.flush();
      return 'NOT_DUE' as const;
    }
    const attempt = action.attempts + 1;
    action.attempts = attempt;
    const ctx: TenantContext = { tenantId: ref.tenantId, tenantKind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    const processor = deps.processors[action.kind];
    try {
      if (!processor) throw new Error(`no processor for ${action.kind} actions`);
      const result = await processor({ ctx, action, deps: deps.processorDeps });
      // The effect and the completion are written in one flush.
      const recorded = record(action, result, deps.clock.now(), random);
      await em.flush();
      return recorded;
    } catch (error) {
      // Rolled back with everything the processor wrote; the attempt is recorded below, in a transaction of its own.
      throw new ProcessorFailed(attempt, error);
    }
  }).catch((error: unknown) => {
    if (error instanceof ProcessorFailed) return error;
    throw error;
  });
  if (!(first instanceof ProcessorFailed)) return first;
  // Locked again: a run that took the action in between (a duplicate job) has recorded its own attempt, and this one is not counted.
  const again = await inActionTransaction(deps, ref, async (em, current) => {
    if (current.attempts !== first.attempt - 1) return 'SKIPPED' as const;
    current.attempts = first.attempt;
    const recorded = record(current, { status: 'RETRY', error: first.message }, deps.clock.now(), random);
    await em.flush();
    return recorded;
  });
  return again;
}

/** A processor's error, carried out of its rolled-back transaction with the attempt it was. */
class ProcessorFailed extends Error {
  constructor(
    readonly attempt: number,
    cause: unknown,
  ) {
    super((cause instanceof Error ? cause.message : String(cause)).slice(0, 2000));
  }
}

/**
 * One transaction bound to the action's tenant with the action locked; SKIPPED
 * when the action is finished, locked by another run, or its tenant is gone.
 */
async function inActionTransaction<T extends RunResult>(
  deps: RunnerDeps,
  ref: ActionRef,
  work: (em: EntityManager, action: ScheduledAction, tenantKind: TenantKind) => Promise<T>,
): Promise<T | 'SKIPPED'> {
  const em = deps.orm.em.fork({ clear: true });
  await em.begin();
  try {
    const [row] = await em.execute<Record<string, unknown>[]>('select * from worker_lock_action(?, ?)', [ref.tenantId, ref.actionId]);
    const tenantKind = row ? await kindOfTenant(em, ref.tenantId) : null;
    const result = row && tenantKind ? await work(em, em.map(ScheduledAction, row), tenantKind) : ('SKIPPED' as const);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}

/** A tenant's kind never changes, so it is read once per process (a tenant that is gone is not remembered). */
const tenantKinds = new Map<string, TenantKind>();

async function kindOfTenant(em: EntityManager, tenantId: string): Promise<TenantKind | null> {
  const known = tenantKinds.get(tenantId);
  if (known) return known;
  const tenant = await em.findOne(Tenant, { id: tenantId });
  if (tenant) tenantKinds.set(tenantId, tenant.kind);
  return tenant?.kind ?? null;
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
  if (outcome.status === 'DEFER') {
    action.attempts -= 1;
    action.dueAt = outcome.until;
    action.enqueuedAt = null;
    return 'DEFERRED';
  }
  action.lastError = outcome.error;
  if (outcome.status === 'RETRY' && outcome.result) action.result = outcome.result;
  if (outcome.status === 'DEAD' || action.attempts >= action.maxAttempts) {
    action.state = ActionState.DEAD;
    action.completedAt = now;
    return 'DEAD';
  }
  action.dueAt = new Date(now.getTime() + retryDelayMs(ACTION_RULES[action.kind].retry, action.attempts, random));
  action.enqueuedAt = null;
  return 'RETRY_SCHEDULED';
}
