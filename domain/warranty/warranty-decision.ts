import { DateTime } from 'luxon';
import { PurchaseSource, WarrantyStatus } from '../../schema/desk-enums';

/**
 * The warranty decision for a device on a given day (the PRC "three
 * guarantees" for PCs, with the model's terms):
 *
 * - The day of purchase is day 1. Within `returnDays` (7) a fault gives a free
 *   return; within `exchangeDays` (15) a free exchange — but only for products
 *   sold by this store, or by the network when HQ's terms say so.
 * - A period of N months covers up to the day before the same date N months
 *   later; when that date does not exist (bought on 31 January, or on 29
 *   February), the period runs to the end of the shorter month.
 * - A paid extended warranty covers the whole machine up to its end date,
 *   inclusive.
 * All dates are calendar dates (YYYY-MM-DD) in the store's time zone.
 */
export interface WarrantyTerms {
  wholeMachineMonths: number;
  mainPartsMonths: number;
  mainPartCategories: string[];
  returnDays: number;
  exchangeDays: number;
  networkReturns: boolean;
}

export interface WarrantyFacts {
  purchaseDate?: string | null;
  purchaseSource: PurchaseSource;
  extendedWarrantyUntil?: string | null;
}

export interface WarrantyDecision {
  status: WarrantyStatus;
  reason: string;
  on: string;
  purchaseDate: string | null;
  returnUntil: string | null;
  exchangeUntil: string | null;
  wholeMachineUntil: string | null;
  mainPartsUntil: string | null;
  extendedUntil: string | null;
  /** Whether this store may take the product back or exchange it at all (sold here, or by the network if allowed). */
  returnOrExchangeOffered: boolean;
  mainPartCategories: string[];
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (date: DateTime) => date.toISODate()!;

/** The last day covered by a period of `months` starting on `purchase`. */
export function lastCoveredDay(purchase: string, months: number): string {
  const start = day(purchase);
  let anniversary = start.plus({ months });
  // luxon clamps 31 Jan + 1 month to 29 Feb; the period then runs to the end of February.
  if (anniversary.day < start.day) anniversary = anniversary.plus({ days: 1 }).startOf('month');
  return iso(anniversary.minus({ days: 1 }));
}

export function decideWarranty(terms: WarrantyTerms, device: WarrantyFacts, on: string): WarrantyDecision {
  const offered =
    device.purchaseSource === PurchaseSource.THIS_STORE ||
    (device.purchaseSource === PurchaseSource.NETWORK_STORE && terms.networkReturns);
  const extendedUntil = device.extendedWarrantyUntil ?? null;
  const base = {
    on,
    purchaseDate: device.purchaseDate ?? null,
    extendedUntil,
    returnOrExchangeOffered: offered,
    mainPartCategories: terms.mainPartCategories,
  };
  if (!device.purchaseDate) {
    const extended = extendedUntil !== null && on <= extendedUntil;
    return {
      ...base,
      status: extended ? WarrantyStatus.EXTENDED : WarrantyStatus.OUT_OF_WARRANTY,
      reason: extended ? `extended warranty until ${extendedUntil}` : 'no proof of purchase: the purchase date is unknown',
      returnUntil: null,
      exchangeUntil: null,
      wholeMachineUntil: null,
      mainPartsUntil: null,
    };
  }
  const purchase = device.purchaseDate;
  const returnUntil = iso(day(purchase).plus({ days: terms.returnDays - 1 }));
  const exchangeUntil = iso(day(purchase).plus({ days: terms.exchangeDays - 1 }));
  const wholeMachineUntil = lastCoveredDay(purchase, terms.wholeMachineMonths);
  const mainPartsUntil = lastCoveredDay(purchase, terms.mainPartsMonths);
  const periods = { returnUntil, exchangeUntil, wholeMachineUntil, mainPartsUntil };
  const notOffered =
    device.purchaseSource === PurchaseSource.ELSEWHERE
      ? 'bought elsewhere, so no return or exchange here'
      : 'bought at another store of the network, which HQ does not take back here';

  if (terms.returnDays > 0 && on <= returnUntil) {
    return offered
      ? { ...base, ...periods, status: WarrantyStatus.RETURN_ELIGIBLE, reason: `within ${terms.returnDays} days of purchase: free return or exchange for a performance fault` }
      : { ...base, ...periods, status: WarrantyStatus.IN_WARRANTY, reason: `in the return period, but ${notOffered}; free repair` };
  }
  if (terms.exchangeDays > 0 && on <= exchangeUntil) {
    return offered
      ? { ...base, ...periods, status: WarrantyStatus.EXCHANGE_ELIGIBLE, reason: `within ${terms.exchangeDays} days of purchase: free exchange for a performance fault` }
      : { ...base, ...periods, status: WarrantyStatus.IN_WARRANTY, reason: `in the exchange period, but ${notOffered}; free repair` };
  }
  if (on <= wholeMachineUntil) {
    return { ...base, ...periods, status: WarrantyStatus.IN_WARRANTY, reason: `whole machine under warranty until ${wholeMachineUntil}: free repair` };
  }
  if (extendedUntil !== null && on <= extendedUntil) {
    return { ...base, ...periods, status: WarrantyStatus.EXTENDED, reason: `extended warranty until ${extendedUntil}: free repair` };
  }
  if (on <= mainPartsUntil) {
    return {
      ...base,
      ...periods,
      status: WarrantyStatus.MAIN_PARTS_ONLY,
      reason: `main parts (${terms.mainPartCategories.join(', ') || 'none listed'}) under warranty until ${mainPartsUntil}; other parts and labour are paid`,
    };
  }
  return { ...base, ...periods, status: WarrantyStatus.OUT_OF_WARRANTY, reason: 'out of warranty: repair is paid, parts and labour quoted first' };
}
