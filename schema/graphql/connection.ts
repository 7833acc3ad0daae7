import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay pagination information.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last edge.' }) hasNextPage!: boolean;
  @Field({ description: 'Pagination is forward only (`first`/`after`), so this is always false.' }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' }) startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'How many items to return, 1 to 100.' }) first!: number;
  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' }) after?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Builds `XEdge` and `XConnection` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque position of this edge.' }) cursor!: string;
    @Field(() => nodeType, { description: 'The item.' }) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' }) edges!: Edge[];
    @Field(() => PageInfo, { description: 'Where this page sits.' }) pageInfo!: PageInfo;
  }
  return ConnectionType;
}
