import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput, versionYouRead } from './versioned-input';
import { Refund, ServiceOrder } from '../entities';
import { MoneyInput } from './money.types';
import { PayloadWith } from './payload';

@InputType({ description: 'A new order on a ticket: paid services the store offers, or one repair quote. It starts as a draft.' })
export class CreateServiceOrderInput {
  @Field(() => ID, { description: 'The ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Paid services of HQ's catalogue, each at the store's price now (frozen on the order); 1 to 20, each once. Or `quoteId`.",
  })
  @GlobalIdOf('PaidService')
  serviceIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A repair quote of the ticket, sent to the customer (and not past its last valid day) or accepted, for its total. Ordering a sent quote records the customer's acceptance.",
  })
  @GlobalIdOf('RepairQuote')
  quoteId?: string | null;
}

@InputType({ description: 'An order to move on.' })
export class OrderStepInput extends VersionedInput('orderId', 'ServiceOrder', 'The order.', versionYouRead('order')) {}

@InputType({ description: 'Cancel an order that is not paid yet.' })
export class CancelOrderInput extends OrderStepInput {
  @Field({ description: 'Why (shown to the customer if the payment link had been sent).' }) reason!: string;
}

@InputType({ description: 'Refund a paid order, in whole or in part.' })
export class RefundOrderInput extends OrderStepInput {
  @Field(() => MoneyInput, { nullable: true, description: "How much, in the order's currency; omitted: everything still refundable." })
  amount?: MoneyInput | null;

  @Field({ description: 'Why; shown to the customer. 1 to 1000 characters.' }) reason!: string;
}

@ObjectType({ description: 'Result of an order mutation.' })
export class ServiceOrderPayload extends PayloadWith('order', () => ServiceOrder, 'The order as saved, or null with userErrors.') {}

@ObjectType({ description: 'Result of a refund: Stripe is asked within seconds; the refund reads SUCCEEDED once Stripe has made it.' })
export class RefundOrderPayload extends PayloadWith(
  'order',
  () => ServiceOrder,
  'The order, with the amount now being refunded.',
  'Why nothing was refunded: ORDER_NOT_REFUNDABLE, NOTHING_TO_REFUND, REFUND_TOO_LARGE, ...',
) {
  @Field(() => Refund, { nullable: true, description: 'The refund as recorded (PENDING).' }) refund!: Refund | null;
}
