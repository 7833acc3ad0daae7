import { Args, Ctx, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { currentTenant, listNetworkTenants } from '../../domain/tenants/tenant.service';
import { Tenant } from '../../schema/entities';
import { NetworkTenantsArgs, TenantConnection } from '../../schema/graphql/tenant.types';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { toConnection } from '../graphql/relay';

@Resolver(() => Tenant)
export class TenantResolver {
  @PermittedQuery(() => Tenant, "The caller's own tenant.", Permission.TENANT_READ)
  tenant(@Ctx() ctx: ApiContext): Promise<Tenant> {
    return currentTenant(tenantOf(ctx));
  }

  @PermittedQuery(() => TenantConnection, "HQ only: the HQ's stores and partners.", Permission.NETWORK_READ)
  async tenants(@Args() args: NetworkTenantsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Tenant>> {
    return toConnection(await listNetworkTenants(tenantOf(ctx), { kind: args.kind }, args));
  }
}
