import { Extensions } from 'type-graphql';
import type { NodeType } from '../../core/global-id';

/** The field extension that names the node type of a global id given as input. */
export const GLOBAL_ID_OF = 'globalIdOf';

/** The declarations by class, read where the schema lost them (see `declaredGlobalIdOf`). */
const declared = new Map<object, Map<string, NodeType>>();

/**
 * Declares that an input field (of an input type or an args type) is the
 * global id of a node of this type, next to its `@Field(() => ID)`. The
 * declaration lives in the schema (field extensions); the API decodes the
 * field before the resolver runs, so the resolver and the domain see the uuid.
 */
export function GlobalIdOf(type: NodeType): PropertyDecorator {
  const extension = Extensions({ [GLOBAL_ID_OF]: type }) as PropertyDecorator;
  return (prototype, property) => {
    extension(prototype, property);
    const fields = declared.get(prototype.constructor) ?? new Map<string, NodeType>();
    declared.set(prototype.constructor, fields.set(String(property), type));
  };
}

/**
 * The node type a field of this input class, or of a class it extends, was
 * declared with. type-graphql leaves the extensions out of the fields an input
 * type inherits (`DeclineQuoteInput extends QuoteStepInput`), so the schema
 * alone does not say it for those.
 */
export function declaredGlobalIdOf(inputClass: object, field: string): NodeType | undefined {
  for (let current: object | null = inputClass; current && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    const type = declared.get(current)?.get(field);
    if (type) return type;
  }
  return undefined;
}
