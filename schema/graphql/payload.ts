import type { GraphQLScalarType } from 'graphql';
import { ClassType, Field, ObjectType } from 'type-graphql';
import { UserError } from './user-error';

/** What most mutations say when they refuse: nothing was written. */
export const NOTHING_SAVED = 'Why nothing was saved.';

/** The shape every mutation result shares: what was saved (or null), and why not. */
export type PayloadShape<K extends string, T> = { [P in K]: T | null } & { userErrors: UserError[] };

/**
 * The base of a mutation's result type: one nullable field holding what was
 * saved, and the `userErrors` saying why it was not. The result type extends
 * it, names itself with `@ObjectType`, and declares any further field in its
 * own body.
 */
export function PayloadWith<K extends string, T extends object | string>(
  key: K,
  type: () => ClassType<T & object> | GraphQLScalarType,
  description: string,
  userErrors: string = NOTHING_SAVED,
): ClassType<PayloadShape<K, T>> {
  // Registered so the result type inherits its fields; never reached from a resolver, so never in the schema itself.
  @ObjectType()
  abstract class Payload {
    @Field(() => [UserError], { description: userErrors }) userErrors!: UserError[];
  }
  Field(type, { nullable: true, description })(Payload.prototype, key);
  return Payload as unknown as ClassType<PayloadShape<K, T>>;
}
