import { ClassType, Field, ID, InputType, Int } from 'type-graphql';
import type { NodeType } from '../../core/global-id';
import { GlobalIdOf } from './global-id-of';

/**
 * How `expectedVersion` reads when it guards something other than the node
 * itself: "The ticket's `version` you read; …". Without an owner, the node's own.
 */
export function versionYouRead(owner?: string): string {
  return `${owner ? `The ${owner}'s \`version\`` : 'The `version`'} you read; if it changed since, nothing is saved (\`STALE\`).`;
}

/** The fields every versioned input starts with: the node it acts on, and the version read. */
export type VersionedInputShape<K extends string> = { [P in K]: string } & { expectedVersion?: number | null };

/**
 * The base of an input that acts on one node under optimistic locking: the
 * node's global id under `key`, and the optional `expectedVersion` that makes
 * the mutation refuse (`STALE`) when someone saved in between. The input
 * extends it, names itself with `@InputType`, and declares its other fields.
 */
export function VersionedInput<K extends string>(
  key: K,
  node: NodeType,
  description: string,
  versionDescription: string = versionYouRead('ticket'),
): ClassType<VersionedInputShape<K>> {
  // Registered so the input inherits its fields; never reached from a resolver, so never in the schema itself.
  @InputType()
  abstract class Versioned {
    @Field(() => Int, { nullable: true, description: versionDescription }) expectedVersion?: number | null;
  }
  GlobalIdOf(node)(Versioned.prototype, key);
  Field(() => ID, { description })(Versioned.prototype, key);
  return Versioned as unknown as ClassType<VersionedInputShape<K>>;
}
