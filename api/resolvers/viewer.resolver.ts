import { Ctx, Query, Resolver } from 'type-graphql';
import { currentTenant } from '../../domain/tenants/tenant.service';
import { Permission } from '../../domain/permissions';
import { ApiKey } from '../../schema/entities';
import { PrincipalKind } from '../../schema/enums';
import { Viewer } from '../../schema/graphql/viewer.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { Requires } from '../graphql/guard';

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who am I: the caller, its tenant and its permissions.' })
  @Requires(Permission.VIEWER_READ)
  async viewer(@Ctx() ctx: ApiContext): Promise<Viewer> {
    const tenant = tenantOf(ctx);
    const { principal } = tenant;
    const isUser = principal.kind === 'USER';
    return {
      kind: isUser ? PrincipalKind.USER : PrincipalKind.API_KEY,
      role: principal.role!,
      permissions: [...principal.permissions].sort(),
      tenant: await currentTenant(tenant),
      user: isUser ? await loadersOf(ctx).staffUser.load(principal.id!) : null,
      apiKey: isUser ? null : await tenant.em.findOne(ApiKey, { tenantId: tenant.tenantId, id: principal.id! }),
    };
  }
}
