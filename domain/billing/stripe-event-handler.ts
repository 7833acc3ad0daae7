import type { PaymentEvent } from '../ports/payment-objects';
import type { ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';
import type { ProcessorDeps } from '../scheduling/processor';
import type { StripeBilling } from './stripe-billing';

/** What a handler of one kind of Stripe event is; the registry, and how to add one, is in ../stripe-intake/stripe-event-handlers.ts. */
export interface StripeEventHandler {
  /**
   * The tenant the event belongs to, or null when the object is not ours
   * (another environment sharing the Stripe account): the event is then
   * acknowledged and dropped. Runs before any tenant is known, so it may
   * only call security-definer look-ups.
   */
  tenantOf(event: PaymentEvent, lookup: TenantLookup): Promise<string | null>;
  /**
   * Applies the event in the tenant's transaction (worker, STRIPE_EVENT
   * action). What it returns is recorded as the event's outcome; `NotYet`
   * runs it again later, without counting an attempt. Throwing rolls its
   * writes back and retries it later.
   */
  apply(run: StripeEventRun): Promise<Record<string, unknown> | NotYet | void>;
}

/**
 * The event cannot be judged yet: what it must be checked against is still
 * on its way (the order's payment link is being recorded by its own job).
 * It is applied again at `until`, without counting an attempt.
 */
export class NotYet {
  constructor(
    readonly until: Date,
    readonly reason: string,
  ) {}
}

export interface StripeEventRun {
  ctx: TenantContext;
  event: PaymentEvent;
  billing: StripeBilling;
  /** The STRIPE_EVENT action running it. */
  action: ScheduledAction;
  deps: ProcessorDeps;
}

/** The only questions allowed before the tenant is known: security-definer functions answering a tenant id. */
export interface TenantLookup {
  /** Calls `fn(args...)`, a function returning a tenant id (uuid) or null. */
  tenantBy(fn: string, args: readonly unknown[]): Promise<string | null>;
}
