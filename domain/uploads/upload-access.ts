import { TenantKind } from '../../core/enums';
import { Upload } from '../../schema/entities';
import type { TenantContext } from '../context';
import { notFound } from '../errors';
import { Permission } from '../permissions';
import { withNetworkScope } from '../tenants/network-scope';
import { PURPOSE_RULES } from './upload-purposes';

/**
 * An upload the caller may read: its own tenant's, when its role holds the
 * purpose's read permission; for an HQ, also one of its stores' or partners',
 * read through the audited network scope. Anything else answers NOT_FOUND,
 * exactly like an id that does not exist.
 */
export async function findUpload(ctx: TenantContext, id: string): Promise<Upload> {
  const own = await ctx.em.findOne(Upload, { tenantId: ctx.tenantId, id });
  if (own) {
    if (!ctx.principal.permissions.has(PURPOSE_RULES[own.purpose].read)) throw notFound('Upload');
    return own;
  }
  if (ctx.tenantKind === TenantKind.HQ && ctx.principal.permissions.has(Permission.NETWORK_READ)) {
    const networks = await withNetworkScope(ctx, 'an upload of the network', () => ctx.em.find(Upload, { id }, { limit: 1 }));
    if (networks.length === 1 && networks[0].tenantId !== ctx.tenantId) return networks[0];
  }
  throw notFound('Upload');
}
