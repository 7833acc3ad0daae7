import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLSchema,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * Shopify-style query cost, computed before execution from the query alone:
 * a scalar or enum field costs 0, an object field 1, and a connection costs
 * 2 plus `first` times the cost of one of its nodes. The worst case is charged
 * up front, so a client cannot hide a huge fan-out behind a small query.
 */
const CONNECTION_BASE_COST = 2;
const OBJECT_COST = 1;

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      operation ??= definition;
    }
  }
  if (!operation) return 0;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  // Mutations cost more than reads: they write and they cannot be cached.
  const base = operation.operation === 'mutation' ? 10 : 0;
  return base + selectionCost(root, operation.selectionSet, { schema, fragments, variables, visiting: new Set() });
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  visiting: Set<string>;
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
  if (!definition || !node.selectionSet) return 0;
  const type = getNamedType(definition.type);
  if (!isCompositeType(type)) return 0;
  const children = selectionCost(type, node.selectionSet, walk);
  if (type.name.endsWith('Connection')) {
    const first = argumentValue(node, 'first', walk.variables);
    const size = typeof first === 'number' && first > 0 ? first : 1;
    return CONNECTION_BASE_COST + size * children;
  }
  return OBJECT_COST + children;
}

function argumentValue(node: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}
