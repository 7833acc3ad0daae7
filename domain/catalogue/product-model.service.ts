import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ProductModel } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { parentTenant } from '../parent-tenant';
import { forbidden, notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import type { ProductModelInput } from '../../schema/graphql/catalogue.types';

/** The HQ whose catalogue the caller reads: itself for an HQ, its parent for a store or partner. */
export async function catalogueOwner(ctx: TenantContext): Promise<string> {
  const hq = await parentTenant(ctx);
  if (!hq) throw notFound('Catalogue');
  return hq;
}

export async function findProductModel(ctx: TenantContext, id: string): Promise<ProductModel> {
  const model = await ctx.em.findOne(ProductModel, { tenantId: await catalogueOwner(ctx), id });
  if (!model) throw notFound('Product model');
  return model;
}

export async function listProductModels(ctx: TenantContext, filter: { category?: string | null }, page: PageRequest): Promise<Page<ProductModel>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(
    ProductModel,
    { tenantId: await catalogueOwner(ctx), ...(filter.category ? { category: filter.category } : {}), ...afterCondition(page.after) },
    { orderBy: NEWEST_FIRST, limit: page.first + 1 },
  );
  return toPage(rows, page.first);
}

/** HQ adds a model to its catalogue. */
export async function createProductModel(ctx: TenantContext, input: ProductModelInput): Promise<ProductModel> {
  requireHq(ctx);
  const fields = validated({ returnDays: 7, exchangeDays: 15, networkReturns: false, mainPartCategories: [], ...stripNulls(input) });
  for (const required of ['modelCode', 'name', 'category', 'wholeMachineMonths', 'mainPartsMonths'] as const) {
    if (fields[required] == null) throw new UserInputError('REQUIRED', `${required} is required`, [required]);
  }
  return saving(fields.modelCode!, () =>
    atomically(ctx, async () =>
      ctx.em.create(ProductModel, {
        tenantId: ctx.tenantId,
        modelCode: fields.modelCode!,
        name: fields.name!,
        category: fields.category!,
        wholeMachineMonths: fields.wholeMachineMonths!,
        mainPartsMonths: fields.mainPartsMonths!,
        mainPartCategories: fields.mainPartCategories!,
        returnDays: fields.returnDays!,
        exchangeDays: fields.exchangeDays!,
        networkReturns: fields.networkReturns!,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      }),
    ),
  );
}

/**
 * HQ changes a model's terms. Decisions already given to customers stay as
 * they were told (tickets keep their decision); new decisions use the new terms.
 */
export async function updateProductModel(ctx: TenantContext, id: string, input: ProductModelInput): Promise<ProductModel> {
  requireHq(ctx);
  const model = await findProductModel(ctx, id);
  const fields = validated({ ...model, ...stripNulls(input) });
  return saving(fields.modelCode!, () =>
    atomically(ctx, async () => {
      Object.assign(model, {
        modelCode: fields.modelCode,
        name: fields.name,
        category: fields.category,
        wholeMachineMonths: fields.wholeMachineMonths,
        mainPartsMonths: fields.mainPartsMonths,
        mainPartCategories: fields.mainPartCategories,
        returnDays: fields.returnDays,
        exchangeDays: fields.exchangeDays,
        networkReturns: fields.networkReturns,
      });
      return model;
    }),
  );
}

function requireHq(ctx: TenantContext): void {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ maintains the product catalogue');
}

async function saving<T>(modelCode: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserInputError('MODEL_CODE_TAKEN', `Model code ${modelCode} is already in the catalogue`, ['modelCode']);
    }
    throw error;
  }
}

function stripNulls(input: ProductModelInput): ProductModelInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value != null));
}

function validated(fields: ProductModelInput): ProductModelInput {
  const out = { ...fields };
  for (const key of ['modelCode', 'name', 'category'] as const) {
    if (out[key] != null) {
      out[key] = out[key]!.trim();
      if (!out[key] || out[key]!.length > (key === 'name' ? 200 : 64))
        throw new UserInputError('INVALID_TEXT', `${key} must be 1 to ${key === 'name' ? 200 : 64} characters`, [key]);
    }
  }
  const months = (key: 'wholeMachineMonths' | 'mainPartsMonths') => {
    const value = out[key];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > 120)) {
      throw new UserInputError('INVALID_PERIOD', `${key} must be 0 to 120 months`, [key]);
    }
  };
  months('wholeMachineMonths');
  months('mainPartsMonths');
  if (out.wholeMachineMonths != null && out.mainPartsMonths != null && out.mainPartsMonths < out.wholeMachineMonths) {
    throw new UserInputError('INVALID_PERIOD', 'Main parts are covered at least as long as the whole machine', ['mainPartsMonths']);
  }
  for (const key of ['returnDays', 'exchangeDays'] as const) {
    const value = out[key];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > 365)) throw new UserInputError('INVALID_PERIOD', `${key} must be 0 to 365`, [key]);
  }
  if (out.returnDays != null && out.exchangeDays != null && out.exchangeDays < out.returnDays) {
    throw new UserInputError('INVALID_PERIOD', 'The exchange period cannot be shorter than the return period', ['exchangeDays']);
  }
  if (out.mainPartCategories) out.mainPartCategories = [...new Set(out.mainPartCategories.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  return out;
}
