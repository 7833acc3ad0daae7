import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { PaidService } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import { catalogueOwner } from '../catalogue/product-model.service';
import { atomically, TenantContext } from '../context';
import { forbidden, notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { mergeServiceFields, newServiceFields, PaidServiceInput, storedServiceFields } from './paid-service-fields';

/**
 * HQ's catalogue of paid services. HQ writes it; its stores and partners read
 * it (the database shares the rows with the HQ's children and nobody else).
 * A service is never deleted: orders and price lists refer to it, so HQ
 * deactivates it instead.
 */
export async function findPaidService(ctx: TenantContext, id: string): Promise<PaidService> {
  const service = await ctx.em.findOne(PaidService, { tenantId: await catalogueOwner(ctx), id });
  if (!service) throw notFound('Paid service');
  return service;
}

export interface PaidServiceFilter {
  /** Include services HQ has deactivated (default: only active ones). */
  includeInactive?: boolean | null;
  /** Only these ids (e.g. what a store can sell); an empty list matches nothing. */
  ids?: string[] | null;
}

export async function listPaidServices(ctx: TenantContext, filter: PaidServiceFilter, page: PageRequest): Promise<Page<PaidService>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(
    PaidService,
    {
      tenantId: await catalogueOwner(ctx),
      ...(filter.includeInactive ? {} : { active: true }),
      ...(filter.ids ? { id: { $in: filter.ids } } : {}),
      ...afterCondition(page.after),
    },
    { orderBy: NEWEST_FIRST, limit: page.first + 1 },
  );
  return toPage(rows, page.first);
}

export async function createPaidService(ctx: TenantContext, input: PaidServiceInput): Promise<PaidService> {
  requireHq(ctx);
  const fields = storedServiceFields(newServiceFields(input));
  const now = ctx.clock.now();
  return saving(fields.code, () =>
    atomically(ctx, async () => {
      const service = ctx.em.create(PaidService, { tenantId: ctx.tenantId, ...fields, active: true, createdAt: now, updatedAt: now });
      recordAudit(ctx, 'PAID_SERVICE_CREATED', { serviceId: service.id, ...fields });
      return service;
    }),
  );
}

/**
 * HQ changes a service. A narrower range does not touch the stores' prices:
 * a price now outside reads OUT_OF_RANGE in that store's list and cannot be
 * sold until the store sets one inside (see store-offer.ts).
 */
export async function updatePaidService(ctx: TenantContext, id: string, input: PaidServiceInput & { expectedVersion?: number | null }): Promise<PaidService> {
  requireHq(ctx);
  const service = await serviceForUpdate(ctx, id, input.expectedVersion);
  const fields = storedServiceFields(mergeServiceFields(service, input));
  return saving(fields.code, () =>
    atomically(ctx, async () => {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => JSON.stringify(service[key] ?? null) !== JSON.stringify(fields[key]));
      recordAudit(ctx, 'PAID_SERVICE_UPDATED', {
        serviceId: service.id,
        code: fields.code,
        changed: Object.fromEntries(changed.map((key) => [key, fields[key]])),
      });
      Object.assign(service, fields, { updatedAt: ctx.clock.now() });
      return service;
    }),
  );
}

/** Withdraws a service from sale in every store at once; prices are kept for when it comes back. */
export async function setPaidServiceActive(ctx: TenantContext, input: { id: string; active: boolean; expectedVersion?: number | null }): Promise<PaidService> {
  requireHq(ctx);
  const service = await serviceForUpdate(ctx, input.id, input.expectedVersion);
  if (service.active === input.active) {
    throw new UserInputError(input.active ? 'ALREADY_ACTIVE' : 'ALREADY_INACTIVE', `${service.code} is already ${input.active ? 'active' : 'inactive'}`, [
      'id',
    ]);
  }
  return atomically(ctx, async () => {
    recordAudit(ctx, input.active ? 'PAID_SERVICE_REACTIVATED' : 'PAID_SERVICE_DEACTIVATED', { serviceId: service.id, code: service.code });
    service.active = input.active;
    service.updatedAt = ctx.clock.now();
    return service;
  });
}

async function serviceForUpdate(ctx: TenantContext, id: string, expectedVersion?: number | null): Promise<PaidService> {
  const service = await findPaidService(ctx, id);
  if (expectedVersion != null && expectedVersion !== service.version) {
    throw new UserInputError(
      'STALE',
      `${service.code} was changed by someone else (version ${service.version}, you had ${expectedVersion}); reload and retry`,
      ['expectedVersion'],
    );
  }
  return service;
}

function requireHq(ctx: TenantContext): void {
  if (ctx.tenantKind !== TenantKind.HQ) throw forbidden('Only HQ maintains the catalogue of paid services');
}

async function saving<T>(code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserInputError('SERVICE_CODE_TAKEN', `Service code ${code} is already in the catalogue`, ['code']);
    }
    throw error;
  }
}
