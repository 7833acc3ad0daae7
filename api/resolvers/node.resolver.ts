import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Resolver } from 'type-graphql';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { fromGlobalId } from '../../core/global-id';
import { Node } from '../../schema/graphql/node';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { NODE_READERS } from './node-readers';

@Resolver()
export class NodeResolver {
  @PermittedQuery(() => Node, 'Any object by its global id.', Permission.VIEWER_READ)
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
