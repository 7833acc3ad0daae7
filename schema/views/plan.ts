import type { PlanFeature } from '../../core/billing-enums';
import type { Locale } from '../../core/enums';
import type { Money } from '../../core/money';

/**
 * The plans stores subscribe to, as data (tenants/plans.yaml): what each one
 * includes (staff seats, modules, the API rate limit) and which Stripe Price
 * charges for it. Loaded and checked once when a process starts.
 */
export interface Plan {
  /** `BASIC`, `PRO`: what inputs and Stripe metadata name. */
  code: string;
  name: Readonly<Record<Locale, string>>;
  description: Readonly<Record<Locale, string>>;
  /** What the plan list shows; Stripe's Price is what is charged. */
  monthlyPrice: Money;
  /** The lookup key of the plan's Stripe Price (unless STRIPE_PLAN_PRICES names a price id). */
  stripeLookupKey: string;
  /** Active staff users the store may have. */
  staffSeats: number;
  features: readonly PlanFeature[];
  /** The tenant-wide token bucket of the GraphQL API, in query cost points. */
  apiRateLimit: { capacity: number; refillPerSecond: number };
}
