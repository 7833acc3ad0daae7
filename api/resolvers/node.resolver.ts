import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { findCustomer } from '../../domain/customers/customer.service';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { findStaffUser } from '../../domain/staff/staff.service';
import { findVisibleTenant } from '../../domain/tenants/tenant.service';
import { ApiKey } from '../../schema/entities';
import { fromGlobalId, NodeType } from '../../schema/global-id';
import { Node } from '../../schema/graphql/node';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';

/** What reading each node type through `node(id:)` requires: the same as its own query. */
const READ_PERMISSION: Record<NodeType, Permission> = {
  Tenant: Permission.TENANT_READ,
  StaffUser: Permission.STAFF_READ,
  ApiKey: Permission.API_KEY_MANAGE,
  Customer: Permission.CUSTOMER_READ,
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, { description: 'Any object by its global id.' })
  @Requires(Permission.VIEWER_READ)
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Node> {
    const decoded = fromGlobalId(id);
    if (!decoded || !(decoded.type in READ_PERMISSION)) throw notFound('Node');
    const tenant = tenantOf(ctx);
    const needed = READ_PERMISSION[decoded.type];
    if (!tenant.principal.permissions.has(needed)) {
      throw new GraphQLError(`Your role may not do this (needs ${needed})`, { extensions: { code: 'FORBIDDEN' } });
    }
    switch (decoded.type) {
      case 'Tenant':
        return findVisibleTenant(tenant, decoded.id);
      case 'StaffUser':
        return findStaffUser(tenant, decoded.id);
      case 'Customer':
        return findCustomer(tenant, decoded.id);
      case 'ApiKey': {
        const key = await tenant.em.findOne(ApiKey, { tenantId: tenant.tenantId, id: decoded.id });
        if (!key) throw notFound('Node');
        return key;
      }
    }
  }
}
