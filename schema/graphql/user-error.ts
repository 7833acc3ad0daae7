import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An expected failure of a mutation that the caller can correct.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, if any.' }) field!: string[] | null;
  @Field({ description: 'Machine-readable reason, e.g. `EMAIL_TAKEN`, `STALE`.' }) code!: string;
  @Field({ description: 'Explanation for a person.' }) message!: string;
}
