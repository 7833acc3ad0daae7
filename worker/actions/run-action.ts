import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../domain/ports/database';
import { inTenantTransaction } from '../../domain/tenant-transaction';
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
 * The processor runs inside a savepoint, so a thrown error undoes its writes
 * but still counts the attempt. Any worker may receive the same action twice
 * (a relay retry, a reconciler pass): the row lock and its state make the
 * second run a no-op.
 */
export async function runAction(deps: RunnerDeps, ref: ActionRef): Promise<RunResult> {
  return inTenantTransaction(deps.orm, ref.tenantId, async (em) => {
    const tenantKind = await kindOfTenant(em, ref.tenantId);
    // Locked for this run; another worker holding it (or a finished action) means nothing to do here.
    const action = tenantKind
      ? await em.findOne(
          ScheduledAction,
          { tenantId: ref.tenantId, id: ref.actionId, state: ActionState.PENDING },
          { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        )
      : null;
    if (!tenantKind || !action) return 'SKIPPED';
    const now = deps.clock.now();
    if (action.dueAt > now) {
      action.enqueuedAt = null;
      await em.flush();
      return 'NOT_DUE';
    }
    const attempt = action.attempts + 1;
    action.attempts = attempt;
    const ctx: TenantContext = { tenantId: ref.tenantId, tenantKind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    const random = deps.random ?? Math.random;
    const outcome = await processInSavepoint(em, async () => {
      const processor = deps.processors[action.kind];
      if (!processor) throw new Error(`no processor for ${action.kind} actions`);
      const result = await processor({ ctx, action, deps: deps.processorDeps });
      // Recorded before the savepoint is released: the effect and the completion are written in one flush.
      return { result, recorded: record(action, result, deps.clock.now(), random) };
    });
    if ('recorded' in outcome) return outcome.recorded;
    // The processor threw: its writes were rolled back with the savepoint; the action is read again to record the attempt.
    const current = await em.findOneOrFail(ScheduledAction, { tenantId: ref.tenantId, id: ref.actionId }, { refresh: true });
    current.attempts = attempt;
    const recorded = record(current, { status: 'RETRY', error: outcome.error }, deps.clock.now(), random);
    await em.flush();
    return recorded;
  });
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

let savepoints = 0;

async function processInSavepoint<T>(em: EntityManager, work: () => Promise<T>): Promise<T | { error: string }> {
  const name = `action_${++savepoints}`;
  await em.execute(`savepoint ${name}`);
  try {
    const result = await work();
    await em.flush();
    await em.execute(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await em.execute(`rollback to savepoint ${name}`);
    em.clear();
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.slice(0, 2000) };
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
