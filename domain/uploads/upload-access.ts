import { TenantKind } from '../../core/enums';
import { UploadPurpose } from '../../core/upload-enums';
import { Upload } from '../../schema/entities';
import type { TenantContext } from '../context';
import { notFound } from '../errors';
import { parentTenant } from '../parent-tenant';
import { Permission } from '../permissions';
import { withNetworkScope } from '../tenants/network-scope';
import { PURPOSE_RULES } from './upload-purposes';

/**
 * An upload the caller may read: its own tenant's, when its role holds the
 * purpose's read permission; for a store, the photos of its own submitted
 * inspections (its HQ's uploads); for an HQ, also one of its stores' or
 * partners', read through the audited network scope. Anything else answers NOT_FOUND,
 * exactly like an id that does not exist.
 */
export async function findUpload(ctx: TenantContext, id: string): Promise<Upload> {
  const own = await ctx.em.findOne(Upload, { tenantId: ctx.tenantId, id });
  if (own) {
    if (!ctx.principal.permissions.has(PURPOSE_RULES[own.purpose].read)) throw notFound('Upload');
    return own;
  }
  if (ctx.tenantKind === TenantKind.STORE && ctx.principal.permissions.has(Permission.INSPECTION_READ)) {
    // The photos of the store's own submitted inspections, which its HQ keeps: the database's policy shows those and no others.
    const hq = await parentTenant(ctx);
    const evidence = hq ? await ctx.em.findOne(Upload, { tenantId: hq, id, purpose: UploadPurpose.INSPECTION_EVIDENCE }) : null;
    if (evidence) return evidence;
  }
  if (ctx.tenantKind === TenantKind.HQ && ctx.principal.permissions.has(Permission.NETWORK_READ)) {
    const networks = await withNetworkScope(ctx, 'an upload of the network', () => ctx.em.find(Upload, { id }, { limit: 1 }));
    if (networks.length === 1 && networks[0].tenantId !== ctx.tenantId) return networks[0];
  }
  throw notFound('Upload');
}
