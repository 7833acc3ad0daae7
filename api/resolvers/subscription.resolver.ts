import { connectStripeGateway } from '../../infra/stripe/stripe-payment-gateway';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { plansFrom, requireBilling, stripeBillingFrom, StripeBilling } from '../../domain/billing/stripe-billing';
import {
  checkoutStateAt,
  currentCheckout,
  listStoreSubscriptions,
  ownSubscription,
  startSubscriptionCheckout,
} from '../../domain/billing/subscription.service';
import { listPaymentAnomalies } from '../../domain/billing/payment-anomalies';
import { changeSubscriptionPlan, pendingPlanChange } from '../../domain/billing/plan-change.service';
import { Permission } from '../../domain/permissions';
import type { PaymentAnomaly } from '../../schema/entities';
import { PageArgs, type ConnectionShape } from '../../schema/graphql/connection';
import {
  BillingPlanObject,
  ChangeSubscriptionPlanInput,
  ChangeSubscriptionPlanPayload,
  PaymentAnomaliesArgs,
  PaymentAnomalyConnection,
  StartSubscriptionCheckoutInput,
  StartSubscriptionCheckoutPayload,
  StoreSubscriptionConnection,
  StoreSubscriptionObject,
  SubscriptionCheckoutObject,
} from '../../schema/graphql/subscription.types';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { AllowedWhilePaymentDue, Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';
import { ReturnsUserErrors } from '../graphql/user-errors';

function billingOf(ctx: ApiContext): StripeBilling | null {
  return stripeBillingFrom(ctx.deps.config, connectStripeGateway);
}

@Resolver()
export class SubscriptionResolver {
  @PermittedQuery(
    () => [BillingPlanObject],
    'The plans a store may subscribe to, smallest first (the plan file, also while billing is off).',
    Permission.TENANT_READ,
  )
  billingPlans(@Ctx() ctx: ApiContext): BillingPlanObject[] {
    return plansFrom(ctx.deps.config).plans.map((plan) => BillingPlanObject.of(plan));
  }

  @Query(() => StoreSubscriptionObject, {
    description: "The caller's store: its plan, its subscription and what it may do (status BILLING_OFF while this server bills nobody).",
  })
  @Requires(Permission.BILLING_MANAGE)
  async storeSubscription(@Ctx() ctx: ApiContext): Promise<StoreSubscriptionObject> {
    return StoreSubscriptionObject.of(await ownSubscription(tenantOf(ctx), billingOf(ctx)));
  }

  @Query(() => StoreSubscriptionConnection, {
    description: 'HQ only: the subscription standing of each of its stores, newest store first (each BILLING_OFF while this server bills nobody).',
  })
  @Requires(Permission.BILLING_READ)
  async storeSubscriptions(@Args() args: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<StoreSubscriptionObject>> {
    return toConnection(await listStoreSubscriptions(tenantOf(ctx), billingOf(ctx), args), (subscription) => StoreSubscriptionObject.of(subscription));
  }

  @Query(() => PaymentAnomalyConnection, {
    description:
      "Store managers: Stripe events that were refused, newest first (a payment that is not the order's own, short or in another currency; an event about another Stripe customer's subscription). Nothing of the store changed because of them.",
  })
  @Requires(Permission.BILLING_MANAGE)
  async paymentAnomalies(@Args() args: PaymentAnomaliesArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<PaymentAnomaly>> {
    return toConnection(await listPaymentAnomalies(tenantOf(ctx), { orderId: args.orderId }, args));
  }

  @Mutation(() => StartSubscriptionCheckoutPayload, {
    description:
      "Subscribe the store to a plan: a Stripe Checkout link is created within seconds, shown in `checkout.url` and e-mailed to the store's managers. Allowed while the store is read-only.",
  })
  @Requires(Permission.BILLING_MANAGE)
  @AllowedWhilePaymentDue()
  @ReturnsUserErrors()
  async startSubscriptionCheckout(
    @Arg('input') input: StartSubscriptionCheckoutInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<StartSubscriptionCheckoutPayload, 'userErrors'>> {
    const billing = requireBilling(billingOf(ctx));
    const tenant = tenantOf(ctx);
    const checkout = await startSubscriptionCheckout(tenant, billing, input);
    return { checkout: SubscriptionCheckoutObject.of(checkout, billing.plans.find(checkout.plan)!, checkoutStateAt(checkout, tenant.clock.now())) };
  }

  @Mutation(() => ChangeSubscriptionPlanPayload, {
    description:
      "Move the store's live subscription to another plan: Stripe prorates the difference on the next invoice. The plan changes once Stripe confirms it (within seconds); until then it reads in `pendingPlan`. Asking again for the same plan returns the pending change.",
  })
  @Requires(Permission.BILLING_MANAGE)
  @ReturnsUserErrors()
  async changeSubscriptionPlan(
    @Arg('input') input: ChangeSubscriptionPlanInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<ChangeSubscriptionPlanPayload, 'userErrors'>> {
    const billing = billingOf(ctx);
    const tenant = tenantOf(ctx);
    await changeSubscriptionPlan(tenant, billing, input);
    return { subscription: StoreSubscriptionObject.of(await ownSubscription(tenant, billing)) };
  }
}

@Resolver(() => StoreSubscriptionObject)
export class StoreSubscriptionFieldsResolver {
  @FieldResolver(() => SubscriptionCheckoutObject, { nullable: true, description: 'The store only: its payment link being created or still valid, if any.' })
  @Requires(Permission.BILLING_MANAGE)
  async checkout(@Root() subscription: StoreSubscriptionObject, @Ctx() ctx: ApiContext): Promise<SubscriptionCheckoutObject | null> {
    const tenant = tenantOf(ctx);
    const checkout = await currentCheckout(tenant, subscription.store.id);
    const plan = checkout ? billingOf(ctx)?.plans.find(checkout.plan) : undefined;
    return checkout && plan ? SubscriptionCheckoutObject.of(checkout, plan, checkoutStateAt(checkout, tenant.clock.now())) : null;
  }

  @FieldResolver(() => BillingPlanObject, { nullable: true, description: 'The store only: the plan it is moving to, until Stripe confirms the change.' })
  @Requires(Permission.BILLING_MANAGE)
  async pendingPlan(@Root() subscription: StoreSubscriptionObject, @Ctx() ctx: ApiContext): Promise<BillingPlanObject | null> {
    const tenant = tenantOf(ctx);
    if (subscription.store.id !== tenant.tenantId) return null;
    const plan = await pendingPlanChange(tenant, billingOf(ctx));
    return plan ? BillingPlanObject.of(plan) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The store only: the page where its overdue invoice is paid.' })
  @Requires(Permission.BILLING_MANAGE)
  unpaidInvoiceUrl(@Root() subscription: StoreSubscriptionObject): string | null {
    return subscription.invoiceUrl;
  }
}
