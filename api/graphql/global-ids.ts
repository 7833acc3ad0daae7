import { getNullableType, GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLInputType, isInputObjectType, isListType, isNonNullType } from 'graphql';
import { createParameterDecorator, getMetadataStorage, ID, MiddlewareFn } from 'type-graphql';
import type { ArgOptions } from 'type-graphql';
import { notFound } from '../../domain/errors';
import { fromGlobalId, NodeType, toGlobalId } from '../../core/global-id';
import { declaredGlobalIdOf, GLOBAL_ID_OF } from '../../schema/graphql/global-id-of';

/**
 * The uuid behind a global id of the expected type. A malformed id, or one of
 * another type, is NOT_FOUND: exactly what a well-formed id of another tenant
 * answers, so ids reveal nothing.
 */
export function idOf(globalId: string, type: NodeType): string {
  const decoded = fromGlobalId(globalId, type);
  if (!decoded) throw notFound(type);
  return decoded.id;
}

/** A row behind a figure as the API shows it: its ticket named by the Ticket's global id. */
export function withTicketGlobalId<T extends { ticketId: string }>(row: T): T {
  return { ...row, ticketId: toGlobalId('Ticket', row.ticketId) };
}

/** `idOf` for an optional id: absent stays absent. */
export function optionalIdOf(globalId: string | null | undefined, type: NodeType): string | null {
  return globalId ? idOf(globalId, type) : null;
}

/**
 * `@Arg(name, () => ID)` whose value the resolver receives as the uuid of a
 * node of this type; a malformed id, or one of another type, is NOT_FOUND.
 */
export function GlobalIdArg(name: string, type: NodeType, options: ArgOptions = {}) {
  return createParameterDecorator(({ args }) => (options.nullable ? optionalIdOf(args[name], type) : idOf(args[name], type)), {
    arg: { name, typeFunc: () => ID, options },
  });
}

/** The value of an input with its global ids replaced by uuids (a new value: the one sent is left as it is). */
type Decode = (value: unknown) => unknown;

const plans = new WeakMap<GraphQLField<unknown, unknown>, Map<string, Decode> | null>();

/**
 * Decodes every field declared with `GlobalIdOf` in the arguments of the field
 * being resolved, nested input objects and lists included, before the
 * resolver sees them. It runs after the permission guard, so a caller who may
 * not call the operation learns nothing about the ids it sent.
 */
export const decodeGlobalIds: MiddlewareFn = async ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  let plan = plans.get(field);
  if (plan === undefined) {
    plan = planOf(field.args);
    plans.set(field, plan);
  }
  if (plan) {
    // `args` is built afresh for each field by graphql-js; the values it holds are replaced, never changed.
    for (const [name, decode] of plan) {
      if (args[name] !== undefined) args[name] = decode(args[name]);
    }
  }
  return next();
};

/** The arguments that hold global ids, each with its decoder; null when none does (most fields). */
function planOf(args: readonly GraphQLArgument[]): Map<string, Decode> | null {
  const plan = new Map<string, Decode>();
  for (const arg of args) {
    const decode = decoderOf(arg, new Set());
    if (decode) plan.set(arg.name, decode);
  }
  return plan.size > 0 ? plan : null;
}

function decoderOf(input: GraphQLArgument | GraphQLInputField, seen: Set<GraphQLInputType>, inputClass?: object): Decode | null {
  const nodeType = (input.extensions?.[GLOBAL_ID_OF] as NodeType | undefined) ?? (inputClass && declaredGlobalIdOf(inputClass, input.name));
  return nodeType ? idDecoder(input.type, nodeType) : decoderOfType(input.type, seen);
}

/** A required id is always checked; an optional one left empty is absent, as `optionalIdOf` reads it; a list decodes each id. */
function idDecoder(type: GraphQLInputType, nodeType: NodeType): Decode {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = idDecoder(inner.ofType, nodeType);
    return (value) => (Array.isArray(value) ? value.map(item) : value);
  }
  if (isNonNullType(type)) return (value) => idOf(value as string, nodeType);
  return (value) => (value == null ? value : optionalIdOf(value as string, nodeType));
}

function decoderOfType(type: GraphQLInputType, seen: Set<GraphQLInputType>): Decode | null {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = decoderOfType(inner.ofType, seen);
    return item && ((value) => (Array.isArray(value) ? value.map(item) : item(value)));
  }
  if (!isInputObjectType(inner) || seen.has(inner)) return null;
  const fields = new Map<string, Decode>();
  const deeper = new Set(seen).add(inner);
  const inputClass = getMetadataStorage().inputTypes.find((candidate) => candidate.name === inner.name)?.target;
  for (const field of Object.values(inner.getFields())) {
    const decode = decoderOf(field, deeper, inputClass);
    if (decode) fields.set(field.name, decode);
  }
  if (fields.size === 0) return null;
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    // A copy: the same variable may feed another field of the operation, which must see it as sent.
    const record = { ...(value as Record<string, unknown>) };
    for (const [name, decode] of fields) {
      if (record[name] !== undefined) record[name] = decode(record[name]);
    }
    return record;
  };
}
