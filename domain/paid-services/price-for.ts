import { OfferStatus } from '../../core/paid-service-enums';
import type { PaidService } from '../../schema/entities';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import type { Currency } from '../../core/money';
import { findPaidService } from './paid-service.service';
import { priceListEntries } from './price-list.service';
import { outOfRange, storeOffer } from './store-offer';

/**
 * What the caller store charges for a service now: the one look-up anything
 * that sells a service (an order on a ticket) goes through, so nothing is
 * ever sold that the store does not offer or at a price outside HQ's range.
 */
export interface ServicePrice {
  service: PaidService;
  amountMinor: number;
  currency: Currency;
}

/**
 * The store's effective price, or a UserInputError (a `userError` in a
 * mutation) on `serviceId`: SERVICE_INACTIVE, NOT_OFFERED (not offered or
 * never priced) or PRICE_OUT_OF_RANGE (naming HQ's current range). An unknown
 * service, or another network's, is NOT_FOUND. Only a store has prices: any
 * other tenant gets NOT_OFFERED.
 */
export async function priceFor(ctx: TenantContext, serviceId: string): Promise<ServicePrice> {
  const service = await findPaidService(ctx, serviceId);
  const [entry] = await priceListEntries(ctx, [service.id]);
  const offer = storeOffer(service, entry);
  switch (offer.status) {
    case OfferStatus.AVAILABLE:
      return { service, amountMinor: offer.price!.amountMinor, currency: offer.price!.currency };
    case OfferStatus.SERVICE_INACTIVE:
      throw new UserInputError('SERVICE_INACTIVE', `HQ has withdrawn ${service.code}; it cannot be sold`, ['serviceId']);
    case OfferStatus.OUT_OF_RANGE:
      throw outOfRange(service, ['serviceId']);
    case OfferStatus.NOT_OFFERED:
    case OfferStatus.UNPRICED:
      throw new UserInputError('NOT_OFFERED', `This store does not offer ${service.code}`, ['serviceId']);
  }
}
