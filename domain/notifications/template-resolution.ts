import { MessageTemplate, Tenant } from '../../schema/entities';
import { Locale } from '../../schema/enums';
import type { TenantContext } from '../context';
import { DEFAULT_TEMPLATES } from './default-templates';
import { TemplateKey } from './template-keys';
import { templateProblems, TemplateText } from './templates';

export type TemplateSource = 'OWN' | 'HQ' | 'DEFAULT';

/**
 * The wording in force for a tenant: its own override, else its HQ's (a store
 * or partner reads its HQ's rows through RLS), else the built-in default.
 * An override that no longer meets its key's rules (written before a detail
 * became required, such as a progress update's parts outlook) is passed over:
 * the customer gets the whole truth in the next wording down.
 */
export async function resolveTemplate(ctx: TenantContext, key: TemplateKey, locale: Locale): Promise<{ template: TemplateText; source: TemplateSource }> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const owners = tenant.parentId ? [ctx.tenantId, tenant.parentId] : [ctx.tenantId];
  const rows = await ctx.em.find(MessageTemplate, { tenantId: { $in: owners }, templateKey: key, locale });
  const usable = (row: MessageTemplate | undefined) => row && templateProblems(key, { subject: row.subject, body: row.body }).length === 0;
  const own = rows.find((row) => row.tenantId === ctx.tenantId);
  if (usable(own)) return { template: { subject: own!.subject, body: own!.body }, source: 'OWN' };
  const hq = rows.find((row) => row.tenantId === tenant.parentId);
  if (usable(hq)) return { template: { subject: hq!.subject, body: hq!.body }, source: 'HQ' };
  return { template: DEFAULT_TEMPLATES[key][locale], source: 'DEFAULT' };
}
