import { InspectionChecklist, InspectionChecklistItem } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import type { InspectionChecklistsArgs, PublishInspectionChecklistInput } from '../../schema/graphql/inspection.types';
import { atomically, TenantContext } from '../context';
import { forbidden, notFound, UserInputError } from '../errors';
import { requiredText } from '../input/text';
import { checkPageSize, decodeCursor, encodeCursor, Page } from '../pagination';
import { parentTenant } from '../parent-tenant';
import { scaleOf } from './item-scale';

const MAX_ITEMS = 100;

/**
 * Publishes a checklist version: the first of its code, or the next. A
 * version is never changed afterwards, so an inspection scheduled against it
 * is scored against exactly what the inspector saw.
 */
export async function publishChecklist(ctx: TenantContext, input: PublishInspectionChecklistInput): Promise<InspectionChecklist> {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ publishes inspection checklists');
  const code = input.code.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code)) {
    throw new UserInputError('INVALID_CODE', 'code must be letters, digits, - and _, up to 64 characters', ['code']);
  }
  if (input.items.length === 0 || input.items.length > MAX_ITEMS) {
    throw new UserInputError('INVALID_ITEMS', `A checklist has 1 to ${MAX_ITEMS} items`, ['items']);
  }
  const items = input.items.map((item, index) => {
    if (!Number.isInteger(item.weight) || item.weight < 1 || item.weight > 100) {
      throw new UserInputError('INVALID_WEIGHT', 'Each weight is a whole number from 1 to 100', ['items', String(index), 'weight']);
    }
    return {
      weight: item.weight,
      textZhCn: requiredText(item.textZhCn, 'textZhCn', 500),
      textEn: requiredText(item.textEn, 'textEn', 500),
      ...scaleOf(item, ['items', String(index)]),
    };
  });
  const titleZhCn = requiredText(input.titleZhCn, 'titleZhCn', 200);
  const titleEn = requiredText(input.titleEn, 'titleEn', 200);
  return atomically(ctx, async () => {
    const latest = await ctx.em.findOne(InspectionChecklist, { tenantId: ctx.tenantId, code }, { orderBy: { version: 'desc' } });
    const checklist = ctx.em.create(InspectionChecklist, {
      tenantId: ctx.tenantId,
      code,
      version: (latest?.version ?? 0) + 1,
      titleZhCn,
      titleEn,
      publishedAt: ctx.clock.now(),
      publishedBy: ctx.principal.id,
    });
    // No relation tells the unit of work to write the version before its items: the items' key points at it.
    await ctx.em.flush();
    items.forEach((item, index) => ctx.em.create(InspectionChecklistItem, { tenantId: ctx.tenantId, checklistId: checklist.id, position: index + 1, ...item }));
    return checklist;
  });
}

/** A checklist version of the caller's HQ (an HQ's own, a store's HQ's). */
export async function findChecklist(ctx: TenantContext, id: string): Promise<InspectionChecklist> {
  const hq = await parentTenant(ctx);
  const checklist = hq ? await ctx.em.findOne(InspectionChecklist, { tenantId: hq, id }) : null;
  if (!checklist) throw notFound('InspectionChecklist');
  return checklist;
}

/** The HQ's checklist versions, newest first. */
export async function listChecklists(ctx: TenantContext, args: InspectionChecklistsArgs): Promise<Page<InspectionChecklist>> {
  checkPageSize(args.first);
  const hq = await parentTenant(ctx);
  if (!hq) return { items: [], hasNextPage: false, cursorOf: () => '' };
  const where: Record<string, unknown> = { tenantId: hq };
  if (args.code) where.code = args.code;
  // A version's place in the list is its publication instant, as other lists' is their creation.
  if (args.after) {
    const after = decodeCursor(args.after);
    where.$or = [{ publishedAt: { $lt: after.createdAt } }, { publishedAt: after.createdAt, id: { $lt: after.id } }];
  }
  const rows = await ctx.em.find(InspectionChecklist, where, { orderBy: { publishedAt: 'desc', id: 'desc' }, limit: args.first + 1 });
  return {
    items: rows.slice(0, args.first),
    hasNextPage: rows.length > args.first,
    cursorOf: (checklist) => encodeCursor({ createdAt: checklist.publishedAt, id: checklist.id }),
  };
}

/** The items of several checklist versions, in their order, in one statement. */
export async function itemsOfChecklists(ctx: TenantContext, checklists: readonly InspectionChecklist[]): Promise<InspectionChecklistItem[][]> {
  const items = await ctx.em.find(
    InspectionChecklistItem,
    { tenantId: { $in: [...new Set(checklists.map((c) => c.tenantId))] }, checklistId: { $in: checklists.map((c) => c.id) } },
    { orderBy: { position: 'asc' } },
  );
  return checklists.map((checklist) => items.filter((item) => item.checklistId === checklist.id));
}
