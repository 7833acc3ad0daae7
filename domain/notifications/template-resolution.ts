import { MessageTemplate, Tenant } from '../../schema/entities';
import { Locale } from '../../core/enums';
import type { TenantContext } from '../context';
import { DEFAULT_TEMPLATES } from './default-templates';
import { TemplateKey } from '../../core/template-keys';
import { templateProblems, TemplateText } from './templates';

export type TemplateSource = 'OWN' | 'HQ' | 'DEFAULT';

/** A wording and where it comes from. */
export interface ResolvedTemplate {
  template: TemplateText;
  source: TemplateSource;
}

/**
 * The wording in force for a tenant: its own override, else its HQ's (a store
 * or partner reads its HQ's rows through RLS), else the built-in default.
 * An override that no longer meets its key's rules (written before a detail
 * became required, such as a progress update's parts outlook) is passed over:
 * the customer gets the whole truth in the next wording down.
 */
export async function resolveTemplate(ctx: TenantContext, key: TemplateKey, locale: Locale): Promise<ResolvedTemplate> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const owners = tenant.parentId ? [ctx.tenantId, tenant.parentId] : [ctx.tenantId];
  const rows = await ctx.em.find(MessageTemplate, { tenantId: { $in: owners }, templateKey: key, locale });
  const own = rows.find((row) => row.tenantId === ctx.tenantId);
  const hq = tenant.parentId ? rows.find((row) => row.tenantId === tenant.parentId) : undefined;
  return pickTemplate(key, locale, own, hq);
}

/**
 * The choice itself, for one key and locale, given the tenant's own row and
 * its HQ's (either may be missing). The template page lists every key with
 * the same choice, so what it shows is what the worker sends.
 */
export function pickTemplate(key: TemplateKey, locale: Locale, own: TemplateText | null | undefined, hq: TemplateText | null | undefined): ResolvedTemplate {
  if (usable(key, own)) return { template: { subject: own.subject, body: own.body }, source: 'OWN' };
  if (usable(key, hq)) return { template: { subject: hq.subject, body: hq.body }, source: 'HQ' };
  return { template: DEFAULT_TEMPLATES[key][locale], source: 'DEFAULT' };
}

function usable(key: TemplateKey, row: TemplateText | null | undefined): row is TemplateText {
  return !!row && templateProblems(key, { subject: row.subject, body: row.body }).length === 0;
}
