import { findCustomer } from '../../domain/customers/customer.service';
import type { TenantContext } from '../../domain/context';
import { notFound } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { findStaffUser } from '../../domain/staff/staff.service';
import { findVisibleTenant } from '../../domain/tenants/tenant.service';
import { ApiKey } from '../../schema/entities';
import type { NodeType } from '../../schema/global-id';
import type { Node } from '../../schema/graphql/node';

/**
 * How `node(id:)` reads each type: with the permission its own query needs,
 * through the same domain look-up (so another tenant's id is NOT_FOUND).
 */
export interface NodeReader {
  permission: Permission;
  load(ctx: TenantContext, id: string): Promise<Node>;
}

export const NODE_READERS: Partial<Record<NodeType, NodeReader>> = {
  Tenant: { permission: Permission.TENANT_READ, load: findVisibleTenant },
  StaffUser: { permission: Permission.STAFF_READ, load: findStaffUser },
  Customer: { permission: Permission.CUSTOMER_READ, load: findCustomer },
  ApiKey: {
    permission: Permission.API_KEY_MANAGE,
    async load(ctx, id) {
      const key = await ctx.em.findOne(ApiKey, { tenantId: ctx.tenantId, id });
      if (!key) throw notFound('Node');
      return key;
    },
  },
};
