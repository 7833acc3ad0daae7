import type { SetServicePriceInput } from '../../schema/graphql/paid-service.types';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { PaidService, PriceListEntry } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { forbidden, UserInputError } from '../errors';
import { requireAmount, requireCurrency, requireSameCurrency } from '../input/money';
import { findPaidService } from './paid-service.service';
import { insideRange, outOfRange, storeOffer } from './store-offer';
import { StoreOfferView } from '../../schema/views/store-offer';

/**
 * A store's price list: its price for each service of its HQ's catalogue and
 * whether it offers it. A service the store never priced is not offered; a
 * store may also keep a price and mark the service not offered, to pause it
 * without losing the price. Each store reads and writes only its own list
 * (the rows are the store's, under its RLS).
 */
export interface PricedService {
  service: PaidService;
  offer: StoreOfferView;
}

export async function setServicePrice(ctx: TenantContext, input: SetServicePriceInput): Promise<PricedService> {
  requireStore(ctx);
  const service = await findPaidService(ctx, input.serviceId);
  const entry = await ctx.em.findOne(PriceListEntry, { tenantId: ctx.tenantId, serviceId: service.id });
  if (input.expectedVersion != null && input.expectedVersion !== entry?.version) {
    throw new UserInputError('STALE', `The price of ${service.code} was changed by someone else meanwhile; reload and retry`, ['expectedVersion']);
  }
  const newPrice = input.price ? checkedPrice(service, input.price) : null;
  const priceMinor = newPrice ?? entry?.priceMinor ?? null;
  if (input.offered) {
    if (!service.active) throw new UserInputError('SERVICE_INACTIVE', `HQ has withdrawn ${service.code}; it cannot be offered`, ['serviceId']);
    if (priceMinor == null) throw new UserInputError('PRICE_REQUIRED', `Set a price for ${service.code} to offer it`, ['price']);
    // A price kept from before HQ narrowed the range: offering it again needs a price inside the new one.
    if (!insideRange(service, priceMinor)) throw outOfRange(service, ['price']);
  }
  const now = ctx.clock.now();
  try {
    const saved = await atomically(ctx, async () => {
      const row =
        entry ?? ctx.em.create(PriceListEntry, { tenantId: ctx.tenantId, serviceId: service.id, currency: service.currency, offered: false, createdAt: now });
      recordAudit(ctx, 'PRICE_SET', {
        serviceId: service.id,
        code: service.code,
        from: entry ? { priceMinor: entry.priceMinor ?? null, offered: entry.offered } : null,
        to: { priceMinor, offered: input.offered },
        currency: service.currency,
      });
      return Object.assign(row, { priceMinor, offered: input.offered, updatedBy: ctx.principal.id, updatedAt: now });
    });
    // Read after the flush: the version is the one just written.
    return { service, offer: storeOffer(service, saved) };
  } catch (error) {
    // Two colleagues priced the same service for the first time at once: the later one reloads.
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserInputError('STALE', `The price of ${service.code} was set by someone else meanwhile; reload and retry`, ['expectedVersion']);
    }
    throw error;
  }
}

/**
 * The caller store's entries for these services, in their order (null where
 * it never priced one). Any other tenant has no price list: all null.
 */
export async function priceListEntries(ctx: TenantContext, serviceIds: readonly string[]): Promise<(PriceListEntry | null)[]> {
  if (ctx.tenantKind !== TenantKind.STORE || serviceIds.length === 0) return serviceIds.map(() => null);
  const rows = await ctx.em.find(PriceListEntry, { tenantId: ctx.tenantId, serviceId: { $in: [...serviceIds] } });
  const byService = new Map(rows.map((row) => [row.serviceId, row]));
  return serviceIds.map((id) => byService.get(id) ?? null);
}

/** Ids of the services the caller store can sell now: offered, priced inside the current range, still active. */
export async function availableServiceIds(ctx: TenantContext): Promise<string[]> {
  requireStore(ctx);
  const rows = await ctx.em.execute<{ service_id: string }[]>(
    `select e.service_id from price_list_entries e
       join paid_services s on s.id = e.service_id and s.tenant_id = app_parent_tenant()
      where e.tenant_id = ? and e.offered and s.active
        and e.price_minor between s.min_price_minor and s.max_price_minor`,
    [ctx.tenantId],
  );
  return rows.map((row) => row.service_id);
}

function requireStore(ctx: TenantContext): void {
  if (ctx.tenantKind !== TenantKind.STORE) throw forbidden('Only a store keeps a price list');
}

function checkedPrice(service: PaidService, price: { amountMinor: number; currency: string }): number {
  requireSameCurrency(requireCurrency(price.currency, ['price', 'currency']), service.currency, ['price', 'currency']);
  const amountMinor = requireAmount(price.amountMinor, ['price', 'amountMinor'], 1);
  if (!insideRange(service, amountMinor)) throw outOfRange(service, ['price', 'amountMinor']);
  return amountMinor;
}
