import { SlaOverrides, SlaTemplateVersion, Tenant } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { catalogueOwner } from '../catalogue/product-model.service';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { DEFAULT_LADDER, EscalationLevel, storeLadder } from './escalation-ladder';
import { readStoreLevels, StoreLevel, StoreLevelInput } from './store-levels';
import { OverridesRefused } from './override-floors';
import { amountProblems, checkFloors, TargetRule } from './sla-targets';
import { InvalidTemplateError, parseTemplate, SlaTemplate } from './sla-template-file';

/**
 * The service standard in force for a tenant: its HQ's latest published
 * template, and for a store its own tightened targets.
 */
export interface StandardInForce {
  template: SlaTemplate | null;
  publishedAt: Date | null;
  storeRules: TargetRule[];
  storeLevels: StoreLevel[];
  overridesVersion: number | null;
}

/**
 * A template file read as publishing reads it: parsed and checked, owned by
 * the calling HQ, newer than the version in force. A file that cannot be read
 * is refused outright; a readable one that publishing would still refuse
 * (another owner, a version not newer) comes back with that `refusal`, so a
 * preview can show its changes beside the reason. Nothing is written.
 */
export interface TemplateDraft {
  template: SlaTemplate;
  inForce: { template: SlaTemplate; publishedAt: Date } | null;
  refusal: UserInputError | null;
}

export async function readTemplateDraft(ctx: TenantContext, definition: string): Promise<TemplateDraft> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ publishes service standards');
  let template: SlaTemplate;
  try {
    template = parseTemplate(definition, 'definition');
  } catch (error) {
    throw new UserInputError(error instanceof InvalidTemplateError ? error.code : 'INVALID_TEMPLATE', (error as Error).message, ['definition']);
  }
  const hq = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const latest = await latestVersion(ctx, ctx.tenantId);
  const inForce = latest ? { template: latest.definition as unknown as SlaTemplate, publishedAt: latest.publishedAt } : null;
  let refusal: UserInputError | null = null;
  if (template.ownerSlug !== hq.slug) {
    refusal = new UserInputError('WRONG_OWNER', `The template names ${template.ownerSlug} as its owner, not ${hq.slug}`, ['definition']);
  } else if (latest && template.version <= latest.version) {
    refusal = versionNotNewer(template.version, latest.version);
  }
  return { template, inForce, refusal };
}

const versionNotNewer = (version: number, published: number) =>
  new UserInputError('VERSION_NOT_NEWER', `Version ${version} is not newer than the published version ${published}`, ['definition']);

/** HQ publishes a new version of its standard, written as a template file. */
export async function publishTemplate(ctx: TenantContext, definition: string): Promise<{ template: SlaTemplate; publishedAt: Date }> {
  const { template, refusal } = await readTemplateDraft(ctx, definition);
  if (refusal) throw refusal;
  return atomically(ctx, async () => {
    const latest = await latestVersion(ctx, ctx.tenantId);
    // Checked again inside the transaction: another publication may have landed since the draft was read.
    if (latest && template.version <= latest.version) throw versionNotNewer(template.version, latest.version);
    const row = ctx.em.create(SlaTemplateVersion, {
      tenantId: ctx.tenantId,
      code: template.code,
      version: template.version,
      definition: template as unknown as Record<string, unknown>,
      publishedAt: ctx.clock.now(),
      publishedBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
    });
    recordAudit(ctx, 'SLA_TEMPLATE_PUBLISHED', { code: template.code, version: template.version });
    return { template, publishedAt: row.publishedAt };
  });
}

export async function standardInForce(ctx: TenantContext): Promise<StandardInForce> {
  // HQ's latest version and the store's overrides in one statement: both are read on every registration.
  const rows = await ctx.em.execute<StandardRow[]>(
    `select v.definition, v.published_at, o.rules, o.levels, o.version as overrides_version
       from (select 1) one
       left join lateral (select definition, published_at from sla_templates where tenant_id = ? order by version desc limit 1) v on true
       left join sla_overrides o on o.tenant_id = ? and ?`,
    [await catalogueOwner(ctx), ctx.tenantId, ctx.tenantKind !== TenantKind.HQ],
  );
  const row = rows[0];
  return {
    template: row?.definition ? (row.definition as unknown as SlaTemplate) : null,
    publishedAt: row?.published_at ? new Date(row.published_at) : null,
    storeRules: (row?.rules as TargetRule[] | null) ?? [],
    storeLevels: (row?.levels as StoreLevel[] | null) ?? [],
    overridesVersion: row?.overrides_version ?? null,
  };
}

interface StandardRow {
  definition: Record<string, unknown> | null;
  published_at: Date | string | null;
  rules: unknown[] | null;
  levels: unknown[] | null;
  overrides_version: number | null;
}

/**
 * A store replaces its overrides. Each must tighten HQ's target for every
 * ticket it applies to; every floor broken is answered, naming the store's
 * rule, HQ's value and the store's.
 */
export async function setStoreOverrides(ctx: TenantContext, rules: TargetRule[], newLevels: StoreLevelInput[] | null = null): Promise<StandardInForce> {
  if (ctx.tenantKind === TenantKind.HQ) throw forbidden("HQ changes its template; overrides are a store's");
  const current = await standardInForce(ctx);
  if (!current.template) throw new UserInputError('NO_STANDARD', 'HQ has not published a service standard yet', ['rules']);
  const hqLadder = current.template.escalation ?? DEFAULT_LADDER;
  // Levels not given are kept: a form that edits only the targets must not wipe the store's earlier escalation levels.
  const levels = newLevels === null ? current.storeLevels : readStoreLevels(newLevels, hqLadder[0].trigger);
  const [badAmount] = amountProblems(rules);
  if (badAmount) throw new UserInputError(badAmount.code, badAmount.message, ['rules', String(badAmount.index), 'amount']);
  const cleaned = rules.map((rule) => ({ ...rule, locked: false }));
  const violations = checkFloors(current.template.targets, cleaned);
  if (violations.length > 0) throw new OverridesRefused(violations);
  try {
    // Kept levels are checked again: HQ may have published an earlier first level since they were saved.
    storeLadder(hqLadder, levels);
  } catch (error) {
    throw new UserInputError('LEVEL_NOT_EARLIER', (error as Error).message, ['levels']);
  }
  await atomically(ctx, async () => {
    const row = await ctx.em.findOne(SlaOverrides, { tenantId: ctx.tenantId });
    if (row) Object.assign(row, { rules: cleaned, levels });
    else ctx.em.create(SlaOverrides, { tenantId: ctx.tenantId, rules: cleaned, levels, updatedAt: ctx.clock.now() });
    recordAudit(ctx, 'SLA_OVERRIDES_SET', { rules: cleaned.length, template: current.template!.code, version: current.template!.version });
  });
  return standardInForce(ctx);
}

/** What a ticket keeps from the standard it was opened under. */
export interface StandardSnapshot {
  code: string;
  version: number;
  hqRules: TargetRule[];
  storeRules: TargetRule[];
  atRiskShare: number;
  pausedBy: SlaTemplate['pausedBy'];
  waitingPartsPausesUntilExpectedDate: boolean;
  /** The whole ladder: the store's earlier levels, then HQ's. */
  escalation: EscalationLevel[];
  /** Satisfaction callback settings, when HQ set any; the callback policy fills in the defaults. */
  callbacks?: SlaTemplate['callbacks'];
}

export async function snapshotStandard(ctx: TenantContext): Promise<StandardSnapshot | null> {
  const current = await standardInForce(ctx);
  if (!current.template) return null;
  const t = current.template;
  return {
    code: t.code,
    version: t.version,
    hqRules: t.targets,
    storeRules: current.storeRules,
    atRiskShare: t.atRiskShare,
    pausedBy: t.pausedBy,
    waitingPartsPausesUntilExpectedDate: t.waitingPartsPausesUntilExpectedDate,
    escalation: storeLadder(t.escalation ?? DEFAULT_LADDER, current.storeLevels),
    callbacks: t.callbacks,
  };
}

async function latestVersion(ctx: TenantContext, hqId: string): Promise<SlaTemplateVersion | null> {
  return ctx.em.findOne(SlaTemplateVersion, { tenantId: hqId }, { orderBy: { version: 'desc' } });
}
