import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks, under the field being resolved, for the field at
 * `path` (names of nested fields, e.g. `edges.node.customer`), through
 * fragments and inline fragments alike. A root field reads with it what its
 * children would otherwise read one statement each.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    level = level.flatMap((node) => (node.selectionSet ? fieldsNamed(info, node.selectionSet, name) : []));
    if (!level.length) return false;
  }
  return true;
}

function fieldsNamed(info: GraphQLResolveInfo, set: SelectionSetNode, name: string): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsNamed(info, selection.selectionSet, name);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsNamed(info, fragment.selectionSet, name) : [];
  });
}
