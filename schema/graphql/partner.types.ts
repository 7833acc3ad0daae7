import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A partner of the network that repairs can be dispatched to; only its name is shared.' })
export class NetworkPartner {
  @Field(() => ID, { description: "The partner's Tenant id, to pass to `dispatchToPartner`." }) id!: string;
  @Field({ description: 'Short name.' }) slug!: string;
  @Field({ description: 'Display name.' }) name!: string;
}
