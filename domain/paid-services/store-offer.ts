import type { PaidService, PriceListEntry } from '../../schema/entities';
import { OfferStatus } from '../../core/paid-service-enums';
import type { StoreOfferView } from '../../schema/views/store-offer';
import { UserInputError } from '../errors';
import { formatRange, money } from '../../core/money';

/**
 * What a store can do with one service of its HQ's catalogue, decided from
 * the catalogue as it is now and the store's entry (none: never priced).
 *
 * A store's price is checked against the range when the store sets it. When
 * HQ later narrows the range, the store's price is left as the store set it
 * (nobody changes a store's prices behind its back) but it reads OUT_OF_RANGE
 * and cannot be sold until the store sets a price inside the new range.
 *
 * The order of the checks says what matters first: a service HQ withdrew
 * cannot be sold at all; a store that chose not to offer it does not, whatever
 * its kept price; an unpriced service is not offered; then the range.
 */

export function storeOffer(service: PaidService, entry: PriceListEntry | null): StoreOfferView {
  const price = entry?.priceMinor != null ? money(entry.priceMinor, entry.currency) : null;
  return {
    status: offerStatus(service, entry),
    offered: entry?.offered ?? false,
    price,
    version: entry?.version ?? null,
    updatedAt: entry?.updatedAt ?? null,
  };
}

function offerStatus(service: PaidService, entry: PriceListEntry | null): OfferStatus {
  if (!service.active) return OfferStatus.SERVICE_INACTIVE;
  if (entry && !entry.offered) return OfferStatus.NOT_OFFERED;
  if (entry?.priceMinor == null) return OfferStatus.UNPRICED;
  return insideRange(service, entry.priceMinor) ? OfferStatus.AVAILABLE : OfferStatus.OUT_OF_RANGE;
}

export function insideRange(service: PaidService, amountMinor: number): boolean {
  return amountMinor >= service.minPriceMinor && amountMinor <= service.maxPriceMinor;
}

/** The refusal of a price outside the range, naming the range: "between ¥99.00 and ¥199.00". */
export function outOfRange(service: PaidService, field: string[]): UserInputError {
  const range = formatRange(money(service.minPriceMinor, service.currency), money(service.maxPriceMinor, service.currency));
  return new UserInputError('PRICE_OUT_OF_RANGE', `The price of ${service.code} must be ${range}, as set by HQ`, field);
}
