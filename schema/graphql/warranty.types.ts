import { Field, ObjectType } from 'type-graphql';
import { WarrantyStatus } from '../desk-enums';

@ObjectType({ description: 'What the warranty gives on a given day, with the reason and the end dates (inclusive, YYYY-MM-DD).' })
export class WarrantyDecision {
  @Field(() => WarrantyStatus, { description: 'The decision.' })
  status!: WarrantyStatus;

  @Field({ description: 'Why, in words the customer can be told.' })
  reason!: string;

  @Field({ description: 'The day the decision is for.' })
  on!: string;

  @Field(() => String, { nullable: true, description: 'Purchase date.' })
  purchaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the free return.' })
  returnUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the free exchange.' })
  exchangeUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the whole-machine warranty.' })
  wholeMachineUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the main-parts warranty.' })
  mainPartsUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of a paid extended warranty.' })
  extendedUntil!: string | null;

  @Field({ description: 'Whether this store takes the product back or exchanges it at all (sold here, or by the network when HQ allows).' })
  returnOrExchangeOffered!: boolean;

  @Field(() => [String], { description: 'Part categories covered as main parts.' })
  mainPartCategories!: string[];
}
