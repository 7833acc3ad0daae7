import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import type { Plan } from '../views/plan';
import type { StoreSubscriptionView } from '../views/store-subscription';
import { BillingStanding, PlanFeature, SubscriptionCheckoutState, SubscriptionStatus } from '../../core/billing-enums';
import { PaymentAnomaly, Tenant } from '../entities';
import type { SubscriptionCheckout } from '../entities';
import { Connection, PageArgs } from './connection';
import { MoneyObject } from './money.types';
import { PayloadWith } from './payload';

@ObjectType('ApiRateLimit', { description: 'The tenant-wide token bucket of the GraphQL API a plan allows, in query cost points.' })
export class ApiRateLimitObject {
  @Field(() => Int, { description: 'Cost points a burst may spend at once.' }) capacity!: number;
  @Field(() => Float, { description: 'Cost points the bucket regains each second.' }) refillPerSecond!: number;
}

@ObjectType('BillingPlan', { description: 'A plan a store may subscribe to, and what it includes (tenants/plans.yaml).' })
export class BillingPlanObject {
  @Field({ description: 'The plan code, e.g. `PRO`: what `startSubscriptionCheckout` takes.' }) code!: string;
  @Field({ description: 'Name in Simplified Chinese (zh-CN).' }) nameZhCn!: string;
  @Field({ description: 'Name in English (en).' }) nameEn!: string;
  @Field({ description: 'What the plan is for, in Simplified Chinese.' }) descriptionZhCn!: string;
  @Field({ description: 'What the plan is for, in English.' }) descriptionEn!: string;

  @Field(() => MoneyObject, { description: "The monthly price as listed (Stripe charges the plan's Stripe Price, kept at this amount)." })
  monthlyPrice!: MoneyObject;

  @Field(() => Int, { description: 'How many active staff users the store may have.' }) staffSeats!: number;
  @Field(() => [PlanFeature], { description: 'The modules it includes.' }) features!: PlanFeature[];
  @Field(() => ApiRateLimitObject, { description: 'The rate limit of the GraphQL API for the whole store.' }) apiRateLimit!: ApiRateLimitObject;

  static of(plan: Plan): BillingPlanObject {
    return Object.assign(new BillingPlanObject(), {
      code: plan.code,
      nameZhCn: plan.name['zh-CN'],
      nameEn: plan.name.en,
      descriptionZhCn: plan.description['zh-CN'],
      descriptionEn: plan.description.en,
      monthlyPrice: MoneyObject.of(plan.monthlyPrice),
      staffSeats: plan.staffSeats,
      features: [...plan.features],
      apiRateLimit: Object.assign(new ApiRateLimitObject(), plan.apiRateLimit),
    });
  }
}

@ObjectType('SubscriptionCheckout', { description: "A store's request to subscribe: a Stripe Checkout link, e-mailed to the store's managers." })
export class SubscriptionCheckoutObject {
  @Field(() => BillingPlanObject, { description: 'The plan it subscribes to.' }) plan!: BillingPlanObject;

  @Field(() => SubscriptionCheckoutState, { description: 'PENDING while the link is being created, then OPEN, COMPLETED or EXPIRED.' })
  state!: SubscriptionCheckoutState;
  @Field(() => String, { nullable: true, description: 'The Stripe Checkout page to pay on; null until the worker has created it (a few seconds).' }) url!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'Until when the link works.' }) expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Until when the subscription stays free: the store's remaining trial days, carried over." })
  trialEnd!: Date | null;

  @Field({ description: 'When it was asked for.' }) createdAt!: Date;

  static of(checkout: SubscriptionCheckout, plan: Plan, state: SubscriptionCheckoutState): SubscriptionCheckoutObject {
    return Object.assign(new SubscriptionCheckoutObject(), {
      plan: BillingPlanObject.of(plan),
      state,
      url: state === SubscriptionCheckoutState.OPEN ? (checkout.url ?? null) : null,
      expiresAt: checkout.expiresAt ?? null,
      trialEnd: checkout.trialEnd ?? null,
      createdAt: checkout.createdAt,
    });
  }
}

@ObjectType('StoreSubscription', { description: "A store's subscription to the platform: its plan, where it stands, and what it may do." })
export class StoreSubscriptionObject {
  @Field(() => Tenant, { description: 'The store.' }) store!: Tenant;

  @Field(() => BillingPlanObject, {
    nullable: true,
    description: 'The plan in force (for a read-only store, the one it had); null when billing is off (BILLING_OFF): no plan applies.',
  })
  plan!: BillingPlanObject | null;

  @Field(() => SubscriptionStatus, {
    description: 'TRIALING, ACTIVE, PAST_DUE, CANCELED, TRIAL_ENDED for a store that did not subscribe in time, or BILLING_OFF when this server bills nobody.',
  })
  status!: SubscriptionStatus;

  @Field(() => BillingStanding, { description: 'FULL, GRACE_PERIOD (overdue but not yet read-only) or READ_ONLY (changes answer PAYMENT_REQUIRED).' })
  standing!: BillingStanding;

  @Field({ description: 'Whether Stripe holds a subscription for the store (false during the free trial before subscribing).' }) subscribed!: boolean;
  @Field(() => Date, { nullable: true, description: 'End of the free trial.' }) trialEndsAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'End of the period paid for; the next renewal.' }) currentPeriodEnd!: Date | null;
  @Field({ description: 'Whether the subscription ends at the end of the current period instead of renewing.' }) cancelAtPeriodEnd!: boolean;
  @Field(() => Date, { nullable: true, description: 'Since when the payment is overdue.' }) pastDueSince!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the store becomes, or became, read-only; null while nothing is overdue.' })
  readOnlyFrom!: Date | null;

  /** The page where the overdue invoice is paid: exposed to the store itself only (a field resolver of the api). */
  invoiceUrl!: string | null;

  static of(view: StoreSubscriptionView): StoreSubscriptionObject {
    return Object.assign(new StoreSubscriptionObject(), {
      store: view.store,
      plan: view.plan ? BillingPlanObject.of(view.plan) : null,
      status: view.status,
      standing: view.standing,
      subscribed: view.subscribed,
      trialEndsAt: view.trialEndsAt,
      currentPeriodEnd: view.currentPeriodEnd,
      cancelAtPeriodEnd: view.cancelAtPeriodEnd,
      pastDueSince: view.pastDueSince,
      readOnlyFrom: view.readOnlyFrom,
      invoiceUrl: view.unpaidInvoiceUrl,
    });
  }
}

export const StoreSubscriptionConnection = Connection(StoreSubscriptionObject, 'StoreSubscription');

@InputType({ description: 'Subscribe the store to a plan.' })
export class StartSubscriptionCheckoutInput {
  @Field({ description: 'The plan code, e.g. `PRO` (see `billingPlans`).' }) plan!: string;
}

@ObjectType({ description: "The checkout: its link appears in `url` (and in the managers' inbox) once the worker has created it." })
export class StartSubscriptionCheckoutPayload extends PayloadWith(
  'checkout',
  () => SubscriptionCheckoutObject,
  'The checkout, or null with userErrors.',
  'Why nothing was started: UNKNOWN_PLAN, ALREADY_SUBSCRIBED.',
) {}

export const PaymentAnomalyConnection = Connection(PaymentAnomaly, 'PaymentAnomaly');

@ArgsType()
export class PaymentAnomaliesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the refused payments that named this order.' })
  @GlobalIdOf('ServiceOrder')
  orderId?: string | null;
}

@InputType({ description: "Move the store's subscription to another plan." })
export class ChangeSubscriptionPlanInput {
  @Field({ description: 'The plan code, e.g. `PRO` (see `billingPlans`).' }) plan!: string;
}

@ObjectType({ description: "The store's subscription, its plan change pending until Stripe confirms it (`pendingPlan`)." })
export class ChangeSubscriptionPlanPayload extends PayloadWith(
  'subscription',
  () => StoreSubscriptionObject,
  'The subscription, or null with userErrors.',
  'Why the plan does not change: UNKNOWN_PLAN, NOT_SUBSCRIBED, SAME_PLAN, PLAN_LIMIT (what the store uses exceeds the plan).',
) {}
