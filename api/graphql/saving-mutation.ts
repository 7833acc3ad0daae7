import { Mutation } from 'type-graphql';
import type { Permission } from '../../domain/permissions';
import { Requires } from './guard';
import { ReturnsUserErrors } from './user-errors';

/** What `@Mutation` takes as its result type: `() => SomePayload`. */
type PayloadTypeFunc = Parameters<typeof Mutation>[0];

/**
 * The usual mutation: it answers a payload, needs a permission, and reports a
 * domain's refusal as `userErrors` (nothing saved). One decorator for the
 * three, so a resolver reads as its operations rather than their plumbing.
 */
export function SavingMutation(returns: PayloadTypeFunc, description: string, permission: Permission): MethodDecorator {
  const decorators: MethodDecorator[] = [Mutation(returns, { description }), Requires(permission), ReturnsUserErrors()];
  return (prototype, method, descriptor) => {
    // Applied as if stacked in that order above the method: the lowest first.
    for (const decorate of [...decorators].reverse()) decorate(prototype, method, descriptor);
  };
}
