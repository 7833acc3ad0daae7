import { Extensions } from 'type-graphql';
import type { NodeType } from '../global-id';

/** The field extension that names the node type of a global id given as input. */
export const GLOBAL_ID_OF = 'globalIdOf';

/**
 * Declares that an input field (of an input type or an args type) is the
 * global id of a node of this type, next to its `@Field(() => ID)`. The
 * declaration lives in the schema (field extensions); the API decodes the
 * field before the resolver runs, so the resolver and the domain see the uuid.
 */
export function GlobalIdOf(type: NodeType): PropertyDecorator {
  return Extensions({ [GLOBAL_ID_OF]: type }) as PropertyDecorator;
}
