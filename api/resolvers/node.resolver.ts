import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { fromGlobalId } from '../../core/global-id';
import { Node } from '../../schema/graphql/node';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { NODE_READERS } from './node-readers';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { description: 'Any object by its global id.' })
  @Requires(Permission.VIEWER_READ)
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Node> {
    const decoded = fromGlobalId(id);
    const reader = decoded ? NODE_READERS[decoded.type] : undefined;
    if (!decoded || !reader) throw notFound('Node');
    const tenant = tenantOf(ctx);
    if (!tenant.principal.permissions.has(reader.permission)) {
      throw new GraphQLError(`Your role may not do this (needs ${reader.permission})`, { extensions: { code: 'FORBIDDEN' } });
    }
    return reader.load(tenant, decoded.id);
  }
}
