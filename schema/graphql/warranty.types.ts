import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { PurchaseSource, TicketType, WarrantyStatus } from '../../core/desk-enums';
import { UserError } from './user-error';

@ObjectType({ description: 'What the warranty gives on a given day, with the reason and the end dates (inclusive, YYYY-MM-DD).' })
export class WarrantyDecision {
  @Field(() => WarrantyStatus, { description: 'The decision.' }) status!: WarrantyStatus;
  @Field({ description: 'Why, in words the customer can be told.' }) reason!: string;
  @Field({ description: 'The day the decision is for.' }) on!: string;
  @Field(() => String, { nullable: true, description: 'Purchase date.' }) purchaseDate!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the free return.' }) returnUntil!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the free exchange.' }) exchangeUntil!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the whole-machine warranty.' }) wholeMachineUntil!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the main-parts warranty.' }) mainPartsUntil!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of a paid extended warranty.' }) extendedUntil!: string | null;

  @Field({ description: 'Whether this store takes the product back or exchanges it at all (sold here, or by the network when HQ allows).' })
  returnOrExchangeOffered!: boolean;

  @Field(() => [String], { description: 'Part categories covered as main parts.' }) mainPartCategories!: string[];
}

@InputType({
  description:
    "The device of a ticket being registered: one the store has (`deviceId`), or a new one's model and purchase facts, as for `registerTicket`'s `newDevice`.",
})
export class WarrantyPreviewInput {
  @Field(() => ID, { nullable: true, description: 'A device of the store; or give the new device below.' })
  @GlobalIdOf('Device')
  deviceId?: string | null;

  @Field(() => ID, { nullable: true, description: "A new device's model, of HQ's catalogue." })
  @GlobalIdOf('ProductModel')
  modelId?: string | null;

  @Field(() => String, { nullable: true, description: 'Purchase date, YYYY-MM-DD.' }) purchaseDate?: string | null;
  @Field(() => PurchaseSource, { nullable: true, description: 'Where it was bought (required with modelId).' }) purchaseSource?: PurchaseSource | null;

  @Field(() => ID, { nullable: true, description: 'The store of the network that sold it (NETWORK_STORE).' })
  @GlobalIdOf('Tenant')
  purchaseStoreId?: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice number.' }) invoiceNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'End of a paid extended warranty, YYYY-MM-DD.' }) extendedWarrantyUntil?: string | null;

  @Field(() => TicketType, { nullable: true, description: 'The type of the ticket about to be registered, for what the decision means for it.' })
  ticketType?: TicketType | null;
}

@ObjectType({ description: 'The warranty decision a registration would record, before anything is saved.' })
export class WarrantyPreview {
  @Field(() => WarrantyDecision, { nullable: true, description: "The decision on today's date in the store's time zone (null when the input is refused)." })
  decision!: WarrantyDecision | null;
  @Field({ description: 'Whether the terms allow taking the product back or exchanging it (in the window, and sold here or by the network when HQ allows).' })
  returnOrExchangeAllowed!: boolean;
  @Field({ description: "A RETURN_EXCHANGE ticket the terms do not cover: it is resolved only after a store manager's `overrideReturnDecision`." })
  overrideNeeded!: boolean;

  @Field(() => String, { nullable: true, description: 'What it means for the ticket, in words for the customer.' }) advice!: string | null;

  @Field(() => [UserError], {
    description:
      'Why no decision can be given: the codes registering the device would answer (UNKNOWN_MODEL, PURCHASE_IN_FUTURE, INVALID_DATE, STORE_REQUIRED...).',
  })
  userErrors!: UserError[];
}
