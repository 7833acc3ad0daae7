import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { currentTenant } from '../../domain/tenants/tenant.service';
import { Permission } from '../../domain/permissions';
import { ApiKey, StaffUser, Tenant } from '../../schema/entities';
import { PrincipalKind } from '../../core/enums';
import { Viewer } from '../../schema/graphql/viewer.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';

/** `viewer` answers from the request's principal; the tenant and the user or key load only when asked for. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @PermittedQuery(() => Viewer, 'Who am I: the caller, its tenant and its permissions.', Permission.VIEWER_READ)
  viewer(@Ctx() ctx: ApiContext): Viewer {
    const { principal } = tenantOf(ctx);
    return {
      kind: principal.kind === 'USER' ? PrincipalKind.USER : PrincipalKind.API_KEY,
      role: principal.role!,
      permissions: [...principal.permissions].sort(),
      principalId: principal.id!,
    };
  }

  @FieldResolver(() => Tenant, { description: 'The tenant the caller belongs to.' })
  tenant(@Ctx() ctx: ApiContext): Promise<Tenant> {
    return currentTenant(tenantOf(ctx));
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'The staff user, when the caller is one.' })
  user(@Root() viewer: Viewer, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return viewer.kind === PrincipalKind.USER ? loadersOf(ctx).staffUser.load(viewer.principalId) : Promise.resolve(null);
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key, when the caller is a system.' })
  apiKey(@Root() viewer: Viewer, @Ctx() ctx: ApiContext): Promise<ApiKey | null> {
    if (viewer.kind !== PrincipalKind.API_KEY) return Promise.resolve(null);
    const tenant = tenantOf(ctx);
    return tenant.em.findOne(ApiKey, { tenantId: tenant.tenantId, id: viewer.principalId });
  }
}
