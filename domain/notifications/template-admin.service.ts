import { MessageTemplate, Tenant } from '../../schema/entities';
import { Locale } from '../../core/enums';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { TemplateKey } from '../../core/template-keys';
import { LOCALES } from '../localized';
import { pickTemplate, ResolvedTemplate } from './template-resolution';
import { placeholdersOf, requiredPlaceholdersOf, TemplateProblem, templateProblems, TemplateText } from './templates';

/**
 * A tenant's wordings as its managers edit them: per key and locale, the
 * wording in force and where it comes from, the wording a reset would fall
 * back to, and the tenant's own override with what is wrong with it (an
 * override that fails its key's rules is passed over by the sender, and the
 * page must say so rather than show it as if it were sent).
 *
 * An HQ's own wording is its network's default; a store's (or partner's)
 * overrides it for that store alone. Each writes only its own rows: RLS
 * refuses any other tenant's, and the queries below name the caller's tenant.
 */
export interface TemplateInForce extends ResolvedTemplate {
  key: TemplateKey;
  locale: Locale;
  /** What `resetMessageTemplate` would leave in force: HQ's wording, else the built-in default. */
  inherited: ResolvedTemplate;
  /** The tenant's own stored wording, if any, with its problems (non-empty: passed over). */
  own: (TemplateText & { updatedAt: Date; problems: TemplateProblem[] }) | null;
  placeholders: readonly string[];
  requiredPlaceholders: readonly string[];
}

/** Every wording is kept in each locale the product speaks. */
export const TEMPLATE_LOCALES: readonly Locale[] = LOCALES;

/** A wording refused with every problem it has, so an editor can mark each field at once. */
export class TemplateRejected extends UserInputError {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems[0].code, `${problems[0].field} ${problems[0].message}`, [problems[0].field]);
  }
}

export interface TemplateSelector {
  key: TemplateKey;
  locale: Locale;
}

/** Every key in every locale (or the ones asked for), read in one query for the tenant and its HQ. */
export async function templatesInForce(ctx: TenantContext, filter: { key?: TemplateKey | null; locale?: Locale | null } = {}): Promise<TemplateInForce[]> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const owners = tenant.parentId ? [ctx.tenantId, tenant.parentId] : [ctx.tenantId];
  const keys = filter.key ? [filter.key] : Object.values(TemplateKey);
  const locales = filter.locale ? [filter.locale] : TEMPLATE_LOCALES;
  const rows = await ctx.em.find(MessageTemplate, { tenantId: { $in: owners }, templateKey: { $in: keys }, locale: { $in: [...locales] } });
  const rowOf = (owner: string | null, key: TemplateKey, locale: Locale) =>
    owner ? rows.find((row) => row.tenantId === owner && row.templateKey === key && row.locale === locale) : undefined;
  return keys.flatMap((key) =>
    locales.map((locale) => {
      const own = rowOf(ctx.tenantId, key, locale);
      const hq = rowOf(tenant.parentId ?? null, key, locale);
      return {
        key,
        locale,
        ...pickTemplate(key, locale, own, hq),
        inherited: pickTemplate(key, locale, null, hq),
        own: own ? { subject: own.subject, body: own.body, updatedAt: own.updatedAt, problems: templateProblems(key, own) } : null,
        placeholders: placeholdersOf(key),
        requiredPlaceholders: requiredPlaceholdersOf(key),
      };
    }),
  );
}

async function inForce(ctx: TenantContext, selector: TemplateSelector): Promise<TemplateInForce> {
  const [found] = await templatesInForce(ctx, selector);
  return found;
}

/**
 * The tenant's own wording of one message, replacing any earlier one. Checked
 * with the rules the sender applies, so what is saved is what goes out;
 * trimmed like a tenant file's. Audited with the wording it replaced.
 */
export async function setMessageTemplate(ctx: TenantContext, input: TemplateSelector & TemplateText): Promise<TemplateInForce> {
  const wording = { subject: input.subject.trim(), body: input.body.trim() };
  const problems = templateProblems(input.key, wording);
  if (problems.length > 0) throw new TemplateRejected(problems);
  await atomically(ctx, async () => {
    const previous = await ctx.em.findOne(MessageTemplate, { tenantId: ctx.tenantId, templateKey: input.key, locale: input.locale });
    const now = ctx.clock.now();
    // An upsert, so two managers saving at once both succeed (the later one wins) instead of one failing on the unique key.
    await ctx.em.execute(
      `insert into message_templates (tenant_id, template_key, locale, subject, body, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, template_key, locale)
       do update set subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`,
      [ctx.tenantId, input.key, input.locale, wording.subject, wording.body, now, now],
    );
    recordAudit(ctx, 'MESSAGE_TEMPLATE_SET', {
      key: input.key,
      locale: input.locale,
      previous: previous ? { subject: previous.subject, body: previous.body } : null,
    });
  });
  // The row was written behind the ORM's back: read it afresh.
  ctx.em.clear();
  return inForce(ctx, input);
}

/** Drops the tenant's own wording: HQ's (for a store) or the built-in default applies again. Nothing to drop is no change. */
export async function resetMessageTemplate(ctx: TenantContext, selector: TemplateSelector): Promise<TemplateInForce> {
  await atomically(ctx, async () => {
    const own = await ctx.em.findOne(MessageTemplate, { tenantId: ctx.tenantId, templateKey: selector.key, locale: selector.locale });
    if (!own) return;
    ctx.em.remove(own);
    recordAudit(ctx, 'MESSAGE_TEMPLATE_RESET', { key: selector.key, locale: selector.locale, previous: { subject: own.subject, body: own.body } });
  });
  return inForce(ctx, selector);
}
