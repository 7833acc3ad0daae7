import type { Clock } from '../../core/clock';
import type { ProcessorDeps } from '../../domain/scheduling/processor';
import type { Orm } from '../../domain/ports/database';
import { ACTION_PROCESSORS } from '../../worker/actions/processors';
import { claimDueActions } from '../../worker/actions/relay';
import { ProcessorRegistry, runAction, RunResult } from '../../worker/actions/run-action';

const EVERYTHING_HANDED_BEFORE = new Date('9999-12-31T00:00:00Z');

/**
 * Runs every due action inline, in due order, with the production runner and
 * processors but without BullMQ, until nothing is due: tests move a
 * ManualClock and drain instead of sleeping. Actions that become due while
 * draining (a follow-up scheduled for now) run in the same call.
 */
export async function drainDueActions(
  orm: Orm,
  clock: Clock,
  processorDeps: ProcessorDeps,
  options: { processors?: ProcessorRegistry; maxRounds?: number } = {},
): Promise<Map<string, RunResult>> {
  const results = new Map<string, RunResult>();
  const runner = { orm, clock, processors: options.processors ?? ACTION_PROCESSORS, processorDeps, random: () => 0.5 };
  for (let round = 0; round < (options.maxRounds ?? 50); round++) {
    // Everything due, whether or not a relay handed it over before.
    const due = await claimDueActions(orm, clock.now(), EVERYTHING_HANDED_BEFORE);
    if (due.length === 0) return results;
    for (const action of due) results.set(action.id, await runAction(runner, { tenantId: action.tenant_id, actionId: action.id }));
  }
  throw new Error('actions kept becoming due: a processor schedules itself in a loop');
}
