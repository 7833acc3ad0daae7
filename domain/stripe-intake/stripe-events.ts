import type { Clock } from '../../core/clock';
import { inTenantTransaction } from '../tenant-transaction';
import { Orm } from '../ports/database';
import { describeStripeError } from '../ports/payment-gateway-errors';
import type { PaymentEvent } from '../ports/payment-objects';
import { StripeEvent, Tenant } from '../../schema/entities';
import { SYSTEM_PRINCIPAL, TenantContext } from '../context';
import { ActionKind } from '../../core/action-enums';
import { ActionProcessor, deferUntil, done, retryLater, skipped } from '../scheduling/processor';
import { scheduleAction } from '../scheduling/schedule';
import { NotYet, TenantLookup } from '../billing/stripe-event-handler';
import { stripeEventHandler } from './stripe-event-handlers';

export type AcceptedStripeEvent =
  /** Stored, and its STRIPE_EVENT action scheduled. */
  | { status: 'ACCEPTED'; tenantId: string }
  /** Already stored by an earlier delivery: nothing more happens. */
  | { status: 'DUPLICATE'; tenantId: string }
  /** A type we do not act on, or an object that is not ours. */
  | { status: 'IGNORED'; reason: string };

/**
 * The receiving half of a verified Stripe event (the webhook route calls it
 * after checking the signature): finds whose it is, stores it once per event
 * id and schedules its processing, in one transaction of that tenant. It
 * calls nothing slow, so Stripe gets its 2xx quickly; the work is done by
 * the worker, where it is retried until it succeeds.
 */
export async function acceptStripeEvent(orm: Orm, clock: Clock, event: PaymentEvent): Promise<AcceptedStripeEvent> {
  const handler = stripeEventHandler(event.type);
  if (!handler) return { status: 'IGNORED', reason: `${event.type} events are not used` };
  const tenantId = await handler.tenantOf(event, definerLookup(orm));
  if (!tenantId) return { status: 'IGNORED', reason: 'the object is not one of ours' };
  return inTenantTransaction(orm, tenantId, async (em) => {
    const now = clock.now();
    const inserted = await em.execute<{ id: string }[]>(
      `insert into stripe_events (tenant_id, stripe_event_id, type, livemode, object_id, payload, received_at)
       values (?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (tenant_id, stripe_event_id) do nothing
       returning id`,
      [tenantId, event.id, event.type, event.livemode, objectIdOf(event), JSON.stringify(event), now],
    );
    if (inserted.length === 0) return { status: 'DUPLICATE', tenantId };
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const ctx: TenantContext = { tenantId, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock };
    await scheduleAction(ctx, {
      kind: ActionKind.STRIPE_EVENT,
      key: `stripe-event:${event.id}`,
      dueAt: now,
      payload: { stripeEventRowId: inserted[0].id, stripeEventId: event.id, type: event.type },
    });
    await em.flush();
    return { status: 'ACCEPTED', tenantId };
  });
}

/**
 * STRIPE_EVENT: applies one stored event with its handler, exactly once: the
 * event is marked processed in the same transaction as what the handler
 * wrote. A failing Stripe call (or anything thrown) rolls it all back and
 * the action is retried on its schedule.
 */
export const processStripeEvent: ActionProcessor = async ({ ctx, action, deps }) => {
  const billing = deps.billing;
  if (!billing) return retryLater('billing is off in the worker (no STRIPE_SECRET_KEY): the event waits');
  const row = await ctx.em.findOne(StripeEvent, { tenantId: ctx.tenantId, id: String(action.payload.stripeEventRowId ?? '') });
  if (!row) return skipped('the event is no longer stored');
  if (row.processedAt) return skipped('the event was already processed');
  const handler = stripeEventHandler(row.type);
  let outcome: Record<string, unknown>;
  if (!handler) {
    outcome = { ignored: `${row.type} events are no longer used` };
  } else {
    let applied: Record<string, unknown> | NotYet | void;
    try {
      applied = await handler.apply({ ctx, event: row.payload as unknown as PaymentEvent, billing, action, deps });
    } catch (error) {
      throw new Error(`${row.type} ${row.stripeEventId}: ${describeStripeError(error)}`);
    }
    if (applied instanceof NotYet) return deferUntil(applied.until, applied.reason);
    outcome = applied ?? {};
  }
  if (outcome.anomaly) {
    deps.log?.warn(
      { tenantId: ctx.tenantId, stripeEventId: row.stripeEventId, type: row.type, anomaly: outcome.anomaly, objectId: outcome.objectId },
      `Stripe event refused, nothing changed: ${String(outcome.ignored)}`,
    );
  }
  row.processedAt = ctx.clock.now();
  row.outcome = outcome;
  return done({ stripeEventId: row.stripeEventId, type: row.type, ...outcome });
};

function objectIdOf(event: PaymentEvent): string | null {
  const id = (event.data.object as { id?: unknown }).id;
  return typeof id === 'string' ? id.slice(0, 255) : null;
}

const FUNCTION_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Look-ups run outside any tenant: only security-definer functions can answer them. */
function definerLookup(orm: Orm): TenantLookup {
  return {
    async tenantBy(fn, args) {
      if (!FUNCTION_NAME.test(fn)) throw new Error(`not a function name: ${fn}`);
      const placeholders = args.map(() => '?').join(', ');
      const rows = await orm.em.fork().execute<{ tenant_id: string | null }[]>(`select ${fn}(${placeholders}) as tenant_id`, [...args]);
      return rows[0]?.tenant_id ?? null;
    },
  };
}
