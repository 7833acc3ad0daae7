import { Query } from 'type-graphql';
import type { Permission } from '../../domain/permissions';
import { Requires } from './guard';

/** What `@Query` takes as its result type: `() => SomeType`. */
type ResultTypeFunc = Parameters<typeof Query>[0];

/** The usual query: a result type, a description, and the permission it needs (deny by default). */
export function PermittedQuery(returns: ResultTypeFunc, description: string, permission: Permission): MethodDecorator {
  const decorators: MethodDecorator[] = [Query(returns, { description }), Requires(permission)];
  return (prototype, method, descriptor) => {
    // Applied as if stacked in that order above the method: the lowest first.
    for (const decorate of [...decorators].reverse()) decorate(prototype, method, descriptor);
  };
}
