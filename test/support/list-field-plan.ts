import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  GraphQLOutputType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the published schema and plans, for every field that returns a list of
 * objects or a connection, a query that reads it under many parents: the
 * shortest path from a paged root field to the field's type, each step a
 * list, a connection or a relation. New fields are planned without anyone
 * listing them.
 */
export interface ListFieldPlan {
  /** `Type.field`. */
  field: string;
  /** The root field the path starts from (its caller is chosen by it). */
  root: string;
  /** The query, with `$n` as the root's page size. */
  query: string;
  /** Reads, from the response's `data`, every parent of the field and whether it has children. */
  parentsWithChildren(data: unknown): { parents: number; withChildren: number };
}

export function loadPublishedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
}

/** Fields returning a list of objects or a connection, on every object type but mutation payloads and the connections themselves. */
export function listFieldsOf(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || isRootOrPlumbing(schema, type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isManyObjects(field.type)) fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

/** Payloads only come back from mutations: what they list is the mutation's own answer, never read under many parents. */
function isRootOrPlumbing(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return (
    type === schema.getQueryType() ||
    type === schema.getMutationType() ||
    type === schema.getSubscriptionType() ||
    type.name.endsWith('Connection') ||
    type.name.endsWith('Edge') ||
    type.name.endsWith('Payload') ||
    type.name === 'PageInfo'
  );
}

function withoutNonNull(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? (type.ofType as GraphQLOutputType) : type;
}

function isConnection(type: GraphQLOutputType): boolean {
  return getNamedType(type).name.endsWith('Connection');
}

function isManyObjects(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  const objects = isObjectType(named) || isInterfaceType(named);
  return (objects && isListType(withoutNonNull(type))) || isConnection(type);
}

function isOneObject(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && !isListType(withoutNonNull(type)) && !isConnection(type);
}

/** The arguments a step passes: required Int arguments (page sizes, limits) get `size`; any other required argument cannot be guessed. */
function argumentsOf(field: GraphQLField<unknown, unknown>, size: string): string | null {
  const given: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
    if (getNamedType(arg.type).name !== 'Int') return null;
    given.push(`${arg.name}: ${size}`);
  }
  return given.length ? `(${given.join(', ')})` : '';
}

/** The object type a step lands on: a connection's node, a list's item, or the object itself. */
function landingType(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const named = getNamedType(field.type) as GraphQLObjectType;
  if (!isConnection(field.type)) return named;
  const edge = getNamedType(named.getFields().edges.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node.type) as GraphQLObjectType;
}

interface Step {
  field: GraphQLField<unknown, unknown>;
  args: string;
}

/** The `id` of an object when it has one, so the response shows which parent is which; its type name otherwise. */
function identity(type: GraphQLObjectType): string {
  return type.getFields().id ? '__typename id' : '__typename';
}

/** Builds the selection of the steps around `inner`. */
function nest(steps: Step[], inner: string): string {
  let selection = inner;
  for (const step of [...steps].reverse()) {
    const body = isConnection(step.field.type) ? `edges { node { ${selection} } }` : selection;
    selection = `${step.field.name}${step.args} { ${body} }`;
  }
  return selection;
}

/** Walks the response along the steps, to the objects the last step lands on. */
function objectsAt(data: unknown, steps: Step[]): Record<string, unknown>[] {
  let objects: unknown[] = [data];
  for (const step of steps) {
    objects = objects.flatMap((object) => {
      const value = (object as Record<string, unknown> | null)?.[step.field.name];
      if (value == null) return [];
      if (isConnection(step.field.type)) return (value as { edges: { node: unknown }[] }).edges.map((edge) => edge.node);
      return Array.isArray(value) ? value : [value];
    });
  }
  return objects as Record<string, unknown>[];
}

/** The shortest path from a paged root to every object type it reaches, and the root it starts from. */
interface Reach {
  pathTo: Map<string, Step[]>;
  rootOf: Map<string, string>;
}

/** Breadth first, so each type is reached by its shortest path. */
function reachFrom(schema: GraphQLSchema, roots: readonly string[], childPageSize: number): Reach {
  const query = schema.getQueryType()!;
  const pathTo = new Map<string, Step[]>();
  const rootOf = new Map<string, string>();
  const queue: GraphQLObjectType[] = [];
  for (const rootName of roots) {
    const field = query.getFields()[rootName];
    if (!field) throw new Error(`no root field ${rootName}`);
    const args = argumentsOf(field, '$n');
    const type = landingType(schema, field);
    if (args === null || pathTo.has(type.name)) continue;
    pathTo.set(type.name, [{ field, args }]);
    rootOf.set(type.name, rootName);
    queue.push(type);
  }
  while (queue.length) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (!isManyObjects(field.type) && !isOneObject(field.type)) continue;
      const next = landingType(schema, field);
      if (pathTo.has(next.name) || !isObjectType(next)) continue;
      const args = argumentsOf(field, String(childPageSize));
      if (args === null) continue;
      pathTo.set(next.name, [...pathTo.get(type.name)!, { field, args }]);
      rootOf.set(next.name, rootOf.get(type.name)!);
      queue.push(next);
    }
  }
  return { pathTo, rootOf };
}

/** A plan per field: the path to its parent type, then the field itself, with the identity of each end. */
function planFields(schema: GraphQLSchema, names: string[], reach: Reach, childPageSize: number): Map<string, ListFieldPlan> {
  const plans = new Map<string, ListFieldPlan>();
  for (const name of names) {
    const [typeName, fieldName] = name.split('.');
    const steps = reach.pathTo.get(typeName);
    if (!steps) continue;
    const parentType = schema.getType(typeName) as GraphQLObjectType;
    const field = parentType.getFields()[fieldName];
    const args = argumentsOf(field, String(childPageSize));
    if (args === null) continue;
    const target: Step = { field, args };
    const selection = nest(steps, `${identity(parentType)} ${nest([target], identity(landingType(schema, field)))}`);
    const root = reach.rootOf.get(typeName)!;
    const rootArgs = steps[0].args.includes('$n') ? '($n: Int!)' : '';
    plans.set(name, {
      field: name,
      root,
      query: `query Field${rootArgs} { ${selection} }`,
      parentsWithChildren(data) {
        const parents = objectsAt(data, steps);
        const withChildren = parents.filter((parent) => objectsAt(parent, [target]).length > 0).length;
        return { parents: parents.length, withChildren };
      },
    });
  }
  return plans;
}

/**
 * Plans every list field reachable from the given paged roots (each type by
 * its shortest path). A field whose parent type is not reached has no plan.
 */
export function planListFields(schema: GraphQLSchema, roots: readonly string[], childPageSize = 5): Map<string, ListFieldPlan> {
  return planFields(schema, listFieldsOf(schema), reachFrom(schema, roots, childPageSize), childPageSize);
}

/** Fields returning one object (a relation, not a list), on every object type but mutation payloads and the connections themselves. */
export function objectFieldsOf(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || isRootOrPlumbing(schema, type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isOneObject(field.type)) fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

/**
 * Plans every single-object field whose parent type a paged root reaches: the
 * root's page gives many parents, so a read per parent would show.
 */
export function planObjectFields(schema: GraphQLSchema, roots: readonly string[], childPageSize = 5): Map<string, ListFieldPlan> {
  return planFields(schema, objectFieldsOf(schema), reachFrom(schema, roots, childPageSize), childPageSize);
}
