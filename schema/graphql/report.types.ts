import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One store's figures for one ISO week, for HQ's trends." })
export class StoreWeekFigures {
  @Field({ description: 'The store (slug).' }) storeSlug!: string;
  @Field({ description: 'The store (name).' }) storeName!: string;
  @Field({ description: "Monday of the ISO week, in the store's calendar (YYYY-MM-DD)." }) weekStart!: string;
  @Field(() => Int, { description: 'Tickets registered that week.' }) opened!: number;
  @Field(() => Int, { description: 'Tickets whose resolution target was met that week.' }) resolvedOnTime!: number;
  @Field(() => Int, { description: 'Tickets with a target breached that week.' }) breached!: number;
}

@ArgsType()
export class NetworkFiguresArgs {
  @Field(() => Int, { defaultValue: 8, description: 'How many ISO weeks, up to the current one: 1 to 26.' }) weeks!: number;
}
