import { DateTime } from 'luxon';
import { PurchaseSource, WarrantyStatus } from '../../core/desk-enums';

/**
 * The warranty decision for a device on a given day (the PRC "three
 * guarantees" for PCs, with the model's terms). Pure: no clock, no database.
 *
 * Conventions (every date is a calendar date, YYYY-MM-DD, in the store's time
 * zone; every `...Until` is the LAST covered day, inclusive: covered when
 * `on <= until`, not covered from the day after):
 *
 * - Days: the day of purchase is day 1, so `returnDays` = 7 covers the
 *   purchase day and the 6 days after it (bought 10 March: return until 16
 *   March, exchange until 24 March with `exchangeDays` = 15).
 * - Months: a period of N months covers up to the day before the same day of
 *   the month N months later (bought 15 January, 1 month: until 14 February).
 *   When that day does not exist in the target month (bought 31 January, or on
 *   29 February with a target year that is not a leap year), the period runs to
 *   the last day of the target month: 31 January + 1 month → until 28 (29 in a
 *   leap year) February; 29 February 2024 + 12 months → until 28 February 2025;
 *   29 February 2024 + 48 months → until 28 February 2028 (the day before 29
 *   February 2028). It never covers less than the calendar months asked for.
 * - Order of the checks: return window, exchange window, whole machine,
 *   extended warranty, main parts, out of warranty. A return or exchange is
 *   offered only for a product sold by this store (THIS_STORE), or by another
 *   store of the network (NETWORK_STORE) when the terms allow network returns;
 *   otherwise the decision falls through to the periods (a free repair inside
 *   the whole-machine warranty), and the reason says why there is no return.
 * - A paid extended warranty moves the end of the WHOLE-MACHINE warranty to its
 *   end date (inclusive), so it is checked before the main-parts-only period:
 *   a customer who paid for it is never told "main parts only" while it runs.
 *   It is a contract of its own, so it holds even without a purchase date.
 * - No purchase date (and no running extended warranty): out of warranty, "no
 *   proof of purchase". A day before the purchase date: out of warranty, the
 *   product was not bought yet.
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
  /** Why, in words the customer can be told. */
  reason: string;
  /** The day decided for. */
  on: string;
  purchaseDate: string | null;
  /** Last days (inclusive) of each period; null when unknown (no purchase date) or not given (0 days). */
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
  const offered = device.purchaseSource === PurchaseSource.THIS_STORE || (device.purchaseSource === PurchaseSource.NETWORK_STORE && terms.networkReturns);
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
      reason: extended
        ? `no purchase date, but an extended warranty until ${extendedUntil}: free repair`
        : 'no proof of purchase: the purchase date is unknown',
      returnUntil: null,
      exchangeUntil: null,
      wholeMachineUntil: null,
      mainPartsUntil: null,
    };
  }
  const purchase = device.purchaseDate;
  // A window of 0 days gives no return (or exchange) at all.
  const returnUntil = terms.returnDays > 0 ? iso(day(purchase).plus({ days: terms.returnDays - 1 })) : null;
  const exchangeUntil = terms.exchangeDays > 0 ? iso(day(purchase).plus({ days: terms.exchangeDays - 1 })) : null;
  const wholeMachineUntil = lastCoveredDay(purchase, terms.wholeMachineMonths);
  const mainPartsUntil = lastCoveredDay(purchase, terms.mainPartsMonths);
  const periods = { returnUntil, exchangeUntil, wholeMachineUntil, mainPartsUntil };
  if (on < purchase) {
    return { ...base, ...periods, status: WarrantyStatus.OUT_OF_WARRANTY, reason: `${on} is before the purchase date ${purchase}: not covered yet` };
  }
  const inReturn = returnUntil !== null && on <= returnUntil;
  const inExchange = exchangeUntil !== null && on <= exchangeUntil;
  if (offered && inReturn) {
    return {
      ...base,
      ...periods,
      status: WarrantyStatus.RETURN_ELIGIBLE,
      reason: `within ${terms.returnDays} days of purchase: free return or exchange for a performance fault`,
    };
  }
  if (offered && inExchange) {
    return {
      ...base,
      ...periods,
      status: WarrantyStatus.EXCHANGE_ELIGIBLE,
      reason: `within ${terms.exchangeDays} days of purchase: free exchange for a performance fault`,
    };
  }
  // Inside a window this store does not offer: say why, then decide on the periods.
  const notOffered =
    device.purchaseSource === PurchaseSource.ELSEWHERE
      ? 'bought elsewhere, so no return or exchange here'
      : 'bought at another store of the network, which HQ does not take back here';
  const why = inReturn || inExchange ? `in the ${inReturn ? 'return' : 'exchange'} period, but ${notOffered}; ` : '';

  if (on <= wholeMachineUntil) {
    return { ...base, ...periods, status: WarrantyStatus.IN_WARRANTY, reason: `${why}whole machine under warranty until ${wholeMachineUntil}: free repair` };
  }
  if (extendedUntil !== null && on <= extendedUntil) {
    return { ...base, ...periods, status: WarrantyStatus.EXTENDED, reason: `${why}extended warranty until ${extendedUntil}: free repair` };
  }
  if (on <= mainPartsUntil) {
    return {
      ...base,
      ...periods,
      status: WarrantyStatus.MAIN_PARTS_ONLY,
      reason: `${why}main parts (${terms.mainPartCategories.join(', ') || 'none listed'}) under warranty until ${mainPartsUntil}; other parts and labour are paid`,
    };
  }
  return { ...base, ...periods, status: WarrantyStatus.OUT_OF_WARRANTY, reason: `${why}out of warranty: repair is paid, parts and labour quoted first` };
}
