import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { CallerScale, FIELD_WORK, FieldWork } from './field-work';
import { storeDaysOf } from './store-days';

/**
 * Shopify-style query cost, computed before execution from the query alone:
 * a scalar or enum field costs 0, an object field 1, and a connection (or a
 * list with a `first` or `limit`) costs 2 plus that many times the cost of one
 * of its items. The worst case is charged up front, so a client cannot hide a
 * huge fan-out behind a small query. Fields whose work grows with the data
 * beyond what they return add their price from FIELD_WORK (field-work.ts).
 */
const CONNECTION_BASE_COST = 2;
const OBJECT_COST = 1;

export interface QueryCost {
  cost: number;
  /** Whether the price used `scale.networkStores`: the caller's plugin looks the size up only then. */
  dependsOnNetworkSize: boolean;
}

const FREE: QueryCost = { cost: 0, dependsOnNetworkSize: false };

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  scale: CallerScale = { networkStores: 0 },
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      operation ??= definition;
    }
  }
  if (!operation) return FREE;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return FREE;
  // Mutations cost more than reads: they write and they cannot be cached.
  const base = operation.operation === 'mutation' ? 10 : 0;
  const walk: Walk = { schema, fragments, variables, scale, visiting: new Set(), dependsOnNetworkSize: false };
  const cost = Math.ceil(base + selectionCost(root, operation.selectionSet, walk));
  return { cost, dependsOnNetworkSize: walk.dependsOnNetworkSize };
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  scale: CallerScale;
  visiting: Set<string>;
  /** Set when a field's price depends on the caller's network size (the scale given was used). */
  dependsOnNetworkSize: boolean;
}

function selectionCost(parent: GraphQLCompositeType, selectionSet: SelectionSetNode, walk: Walk): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(parent, selection, walk);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parent;
      if (type && isCompositeType(type)) total += selectionCost(type, selection.selectionSet, walk);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // A fragment cycle is invalid GraphQL and validation refuses it; never loop on it here.
      if (!fragment || walk.visiting.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (!type || !isCompositeType(type)) continue;
      walk.visiting.add(name);
      total += selectionCost(type, fragment.selectionSet, walk);
      walk.visiting.delete(name);
    }
  }
  return total;
}

function fieldCost(parent: GraphQLCompositeType, node: FieldNode, walk: Walk): number {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  const definition = parent.getFields()[node.name.value];
  if (!definition) return 0;
  const args = { node, definition, variables: walk.variables };
  const work = workCost(`${parent.name}.${node.name.value}`, args, walk);
  const type = getNamedType(definition.type);
  if (!node.selectionSet || !isCompositeType(type)) return work;
  const children = selectionCost(type, node.selectionSet, walk);
  const size = pageSize(args);
  if (type.name.endsWith('Connection')) return work + CONNECTION_BASE_COST + (size ?? 1) * children;
  if (size !== null && isListType(getNullableType(definition.type))) return work + CONNECTION_BASE_COST + size * (OBJECT_COST + children);
  return work + OBJECT_COST + children;
}

/** A field's arguments as the query gives them, or as the schema defaults them. */
interface FieldArguments {
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  variables: Record<string, unknown>;
}

function argument({ node, definition, variables }: FieldArguments, name: string): unknown {
  const given = node.arguments?.find((a) => a.name.value === name);
  if (given) return valueFromASTUntyped(given.value, variables);
  return definition.args.find((arg) => arg.name === name)?.defaultValue;
}

/** `first` (or `limit`): how many items a page or a bounded list returns at most; null when the field has neither. */
function pageSize(args: FieldArguments): number | null {
  const size = argument(args, 'first') ?? argument(args, 'limit');
  if (size === undefined || size === null) return null;
  return typeof size === 'number' && size > 0 ? size : 1;
}

function workCost(coordinate: string, args: FieldArguments, walk: Walk): number {
  const work = FIELD_WORK[coordinate];
  if (!work) return 0;
  let points = work.points ?? 0;
  if (work.whenArguments?.names.some((name) => hasValue(argument(args, name)))) points += work.whenArguments.points;
  if (work.perItem) points += work.perItem * (pageSize(args) ?? 1);
  if (work.perNetworkStore) {
    const units = Number(argument(args, work.perNetworkStore.per) ?? 1);
    walk.dependsOnNetworkSize = true;
    points += work.perNetworkStore.points * walk.scale.networkStores * (Number.isFinite(units) && units > 0 ? units : 1);
  }
  if (work.perStoreDay) points += storeDayCost(work.perStoreDay, args, walk);
  return points;
}

function storeDayCost(work: NonNullable<FieldWork['perStoreDay']>, args: FieldArguments, walk: Walk): number {
  const { storeDays, countsNetwork } = storeDaysOf(argument(args, 'filter'), walk.scale.networkStores);
  if (countsNetwork) walk.dependsOnNetworkSize = true;
  const series = hasValue(argument(args, 'groupBy')) ? work.seriesFactor : 1;
  const sorts = work.percentiles && selectsAny(args.node.selectionSet, work.percentiles.fields, walk) ? work.percentiles.factor : 1;
  return work.points * storeDays * series * sorts;
}

/** Whether a field of one of these names is asked anywhere under the selection, fragments included. */
function selectsAny(selectionSet: SelectionSetNode | undefined, names: readonly string[], walk: Walk, visiting = new Set<string>()): boolean {
  if (!selectionSet) return false;
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return names.includes(selection.name.value) || selectsAny(selection.selectionSet, names, walk, visiting);
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsAny(selection.selectionSet, names, walk, visiting);
    const fragment = walk.fragments.get(selection.name.value);
    if (!fragment || visiting.has(selection.name.value)) return false;
    visiting.add(selection.name.value);
    return selectsAny(fragment.selectionSet, names, walk, visiting);
  });
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}
