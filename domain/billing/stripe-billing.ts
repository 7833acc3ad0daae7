import type { ConnectPaymentGateway, PaymentGateway } from '../ports/payment-gateway';
import type { PaymentPrice } from '../ports/payment-objects';
import { AccessError } from '../errors';
import { loadPlanCatalogue, PlanCatalogue, PLANS_FILE } from './plans';
import type { Plan } from '../../schema/views/plan';

/**
 * Billing as configured: the payment gateway (Stripe), the webhook signing secret, the
 * plans and the grace period. Absent (null) when billing is off, i.e. no
 * STRIPE_SECRET_KEY: then every operation that needs Stripe answers
 * BILLING_DISABLED, reads say that billing is off, and no plan limit is
 * enforced anywhere.
 */
export interface StripeBilling {
  gateway: PaymentGateway;
  webhookSecret: string;
  plans: PlanCatalogue;
  /** Days a store keeps full access after its payment became overdue or its trial ended. */
  graceDays: number;
  /** Plan code to Stripe price id, from STRIPE_PLAN_PRICES; other plans are found by their lookup key. */
  planPriceIds: Readonly<Record<string, string>>;
  /** Where Stripe Checkout sends a store's manager back to (the api's public address). */
  returnBaseUrl: string;
}

declare module '../scheduling/processor' {
  interface ProcessorDeps {
    /** Stripe and the plans, when billing is configured; billing actions wait (retry) without it. */
    billing?: StripeBilling | null;
  }
}

/** The configuration billing is built from (the process's config carries these among its other settings). */
export interface BillingSettings {
  STRIPE_SECRET_KEY?: string | null;
  STRIPE_WEBHOOK_SECRET?: string | null;
  STRIPE_API_BASE_URL?: string | null;
  STRIPE_TIMEOUT_MS?: number;
  /** Plan code to Stripe price id. */
  STRIPE_PLAN_PRICES?: Readonly<Record<string, string>> | null;
  /** The plan file; default tenants/plans.yaml. */
  BILLING_PLANS_FILE?: string | null;
  BILLING_GRACE_DAYS: number;
  PUBLIC_BASE_URL: string;
}

const built = new WeakMap<BillingSettings, StripeBilling | null>();

/**
 * Billing for a configuration, built once per configuration (the plan file is
 * read and checked then); `connect` opens the payment gateway (infra/stripe).
 */
export function stripeBillingFrom(config: BillingSettings, connect: ConnectPaymentGateway): StripeBilling | null {
  if (built.has(config)) return built.get(config)!;
  let billing: StripeBilling | null = null;
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    const plans = billedPlans(config);
    billing = {
      gateway: connect({ secretKey: config.STRIPE_SECRET_KEY, apiBaseUrl: config.STRIPE_API_BASE_URL, timeoutMs: config.STRIPE_TIMEOUT_MS }),
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      plans,
      graceDays: config.BILLING_GRACE_DAYS,
      planPriceIds: config.STRIPE_PLAN_PRICES ?? {},
      returnBaseUrl: config.PUBLIC_BASE_URL,
    };
  }
  built.set(config, billing);
  return billing;
}

const checkedPlans = new WeakMap<BillingSettings, PlanCatalogue>();

/** The plan file of a configuration with billing on, checked against STRIPE_PLAN_PRICES once per configuration. */
function billedPlans(config: BillingSettings): PlanCatalogue {
  const known = checkedPlans.get(config);
  if (known) return known;
  const plans = loadPlanCatalogue(config.BILLING_PLANS_FILE ?? PLANS_FILE);
  const planPriceIds = config.STRIPE_PLAN_PRICES ?? {};
  for (const code of Object.keys(planPriceIds)) {
    if (!plans.find(code))
      throw new Error(`STRIPE_PLAN_PRICES names plan ${code}, which is not in the plan file (${plans.plans.map((p) => p.code).join(', ')})`);
  }
  checkedPlans.set(config, plans);
  return plans;
}

/**
 * The plans on offer: billing's when it is on, else the plan file itself (read
 * and checked once), so that a store can read them with billing off.
 */
export function plansFrom(config: BillingSettings): PlanCatalogue {
  return config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET ? billedPlans(config) : loadPlanCatalogue(config.BILLING_PLANS_FILE ?? PLANS_FILE);
}

export function billingDisabled(): AccessError {
  return new AccessError('BILLING_DISABLED', 'Billing is not enabled on this server (no Stripe keys are configured)');
}

/** Billing, or BILLING_DISABLED: the first line of every operation that needs Stripe. */
export function requireBilling(billing: StripeBilling | null): StripeBilling {
  if (!billing) throw billingDisabled();
  return billing;
}

/**
 * The Stripe price charging for a plan: the id STRIPE_PLAN_PRICES gives, or
 * the active Price carrying the plan's lookup key (one per plan, created
 * once in the Stripe dashboard, in test mode and in live mode alike).
 */
export async function priceIdForPlan(billing: StripeBilling, plan: Plan): Promise<string> {
  const configured = billing.planPriceIds[plan.code];
  if (configured) return configured;
  const price = await billing.gateway.findPriceByLookupKey(plan.stripeLookupKey);
  if (!price) throw new Error(`Stripe has no active Price with lookup key ${plan.stripeLookupKey} (plan ${plan.code}); create one or set STRIPE_PLAN_PRICES`);
  return price.id;
}

/** Which of our plans a Stripe price is: by its configured id, or by its lookup key. */
export function planForPrice(billing: StripeBilling, price: PaymentPrice | null | undefined): Plan | undefined {
  if (!price) return undefined;
  const byId = Object.entries(billing.planPriceIds).find(([, id]) => id === price.id)?.[0];
  if (byId) return billing.plans.find(byId);
  return price.lookupKey ? billing.plans.plans.find((plan) => plan.stripeLookupKey === price.lookupKey) : undefined;
}

/** The metadata every Stripe object we create carries: our own record ids, never anything personal. */
export const METADATA = {
  tenantId: 'aftersales_tenant_id',
  checkoutId: 'aftersales_checkout_id',
  plan: 'aftersales_plan',
} as const;
