import { decideWarranty, lastCoveredDay, WarrantyTerms } from '../domain/warranty/warranty-decision';
import { PurchaseSource, WarrantyStatus as W } from '../core/desk-enums';

const TERMS: WarrantyTerms = {
  wholeMachineMonths: 12,
  mainPartsMonths: 24,
  mainPartCategories: ['CPU', 'MOTHERBOARD', 'DISK', 'SCREEN'],
  returnDays: 7,
  exchangeDays: 15,
  networkReturns: false,
};
const HERE = { purchaseDate: '2026-03-10', purchaseSource: PurchaseSource.THIS_STORE };
const status = (on: string, device: Parameters<typeof decideWarranty>[1] = HERE, terms = TERMS) => decideWarranty(terms, device, on).status;

describe('the return and exchange windows (purchase day is day 1)', () => {
  test('day 1 and day 7: return; day 8 and day 15: exchange; day 16: repair', () => {
    expect(status('2026-03-10')).toBe(W.RETURN_ELIGIBLE);
    expect(status('2026-03-16')).toBe(W.RETURN_ELIGIBLE); // day 7
    expect(status('2026-03-17')).toBe(W.EXCHANGE_ELIGIBLE); // day 8
    expect(status('2026-03-24')).toBe(W.EXCHANGE_ELIGIBLE); // day 15
    expect(status('2026-03-25')).toBe(W.IN_WARRANTY); // day 16
    const decision = decideWarranty(TERMS, HERE, '2026-03-10');
    expect(decision).toMatchObject({ returnUntil: '2026-03-16', exchangeUntil: '2026-03-24', wholeMachineUntil: '2027-03-09', mainPartsUntil: '2028-03-09' });
  });

  test('bought elsewhere: no return or exchange, a free repair instead', () => {
    const elsewhere = { ...HERE, purchaseSource: PurchaseSource.ELSEWHERE };
    const decision = decideWarranty(TERMS, elsewhere, '2026-03-12');
    expect(decision.status).toBe(W.IN_WARRANTY);
    expect(decision.returnOrExchangeOffered).toBe(false);
    expect(decision.reason).toMatch(/bought elsewhere/);
  });

  test('bought at another store of the network: only when HQ allows network returns', () => {
    const network = { ...HERE, purchaseSource: PurchaseSource.NETWORK_STORE };
    const refused = decideWarranty(TERMS, network, '2026-03-12');
    expect(refused).toMatchObject({ status: W.IN_WARRANTY, returnOrExchangeOffered: false });
    expect(refused.reason).toMatch(/another store of the network/);
    expect(status('2026-03-20', network)).toBe(W.IN_WARRANTY);
    const allowed = { ...TERMS, networkReturns: true };
    expect(decideWarranty(allowed, network, '2026-03-12')).toMatchObject({ status: W.RETURN_ELIGIBLE, returnOrExchangeOffered: true });
    expect(status('2026-03-16', network, allowed)).toBe(W.RETURN_ELIGIBLE); // day 7
    expect(status('2026-03-17', network, allowed)).toBe(W.EXCHANGE_ELIGIBLE); // day 8
    expect(status('2026-03-24', network, allowed)).toBe(W.EXCHANGE_ELIGIBLE); // day 15
    expect(status('2026-03-25', network, allowed)).toBe(W.IN_WARRANTY); // day 16
  });

  test('outside the windows the reason no longer talks about a return', () => {
    const elsewhere = { ...HERE, purchaseSource: PurchaseSource.ELSEWHERE };
    expect(decideWarranty(TERMS, elsewhere, '2026-03-24').reason).toMatch(/exchange period, but bought elsewhere/); // day 15
    const day16 = decideWarranty(TERMS, elsewhere, '2026-03-25');
    expect(day16.status).toBe(W.IN_WARRANTY);
    expect(day16.reason).not.toMatch(/return|exchange/);
  });

  test('a window the store does not offer falls through to the periods, not to a free repair', () => {
    const elsewhere = { ...HERE, purchaseSource: PurchaseSource.ELSEWHERE };
    const noWholeMachine = { ...TERMS, wholeMachineMonths: 0 };
    expect(status('2026-03-12', elsewhere, noWholeMachine)).toBe(W.MAIN_PARTS_ONLY);
    expect(status('2026-03-12', HERE, noWholeMachine)).toBe(W.RETURN_ELIGIBLE);
  });

  test('a window of 0 days gives none', () => {
    const noReturn = { ...TERMS, returnDays: 0 };
    expect(decideWarranty(noReturn, HERE, '2026-03-10')).toMatchObject({ status: W.EXCHANGE_ELIGIBLE, returnUntil: null });
    const neither = { ...TERMS, returnDays: 0, exchangeDays: 0 };
    expect(decideWarranty(neither, HERE, '2026-03-10')).toMatchObject({ status: W.IN_WARRANTY, returnUntil: null, exchangeUntil: null });
  });

  test('a day before the purchase is not covered', () => {
    expect(decideWarranty(TERMS, HERE, '2026-03-09')).toMatchObject({ status: W.OUT_OF_WARRANTY, reason: expect.stringMatching(/before the purchase date/) });
  });
});

describe('warranty periods', () => {
  test('the last day of the whole-machine warranty, and the day after', () => {
    expect(status('2027-03-09')).toBe(W.IN_WARRANTY);
    expect(status('2027-03-10')).toBe(W.MAIN_PARTS_ONLY);
    expect(status('2028-03-09')).toBe(W.MAIN_PARTS_ONLY);
    expect(status('2028-03-10')).toBe(W.OUT_OF_WARRANTY);
  });

  test('leap years: bought on 29 February, covered to the end of February a year later', () => {
    expect(lastCoveredDay('2024-02-29', 12)).toBe('2025-02-28');
    expect(lastCoveredDay('2024-02-29', 48)).toBe('2028-02-28');
    expect(lastCoveredDay('2023-03-01', 12)).toBe('2024-02-29');
    expect(lastCoveredDay('2024-02-29', 1)).toBe('2024-03-28');
    expect(lastCoveredDay('2023-02-28', 12)).toBe('2024-02-27');
    const leap = { purchaseDate: '2024-02-29', purchaseSource: PurchaseSource.THIS_STORE };
    expect(status('2025-02-28', leap)).toBe(W.IN_WARRANTY);
    expect(status('2025-03-01', leap)).toBe(W.MAIN_PARTS_ONLY);
    // day 7 of a purchase on 29 February 2024 is 6 March
    expect(status('2024-03-06', leap)).toBe(W.RETURN_ELIGIBLE);
    expect(status('2024-03-07', leap)).toBe(W.EXCHANGE_ELIGIBLE);
  });

  test('month ends: bought on 31 January, one month covers to the end of February', () => {
    expect(lastCoveredDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(lastCoveredDay('2024-01-31', 1)).toBe('2024-02-29');
    expect(lastCoveredDay('2026-01-15', 1)).toBe('2026-02-14');
  });

  test('an extended warranty covers the whole machine to its last day', () => {
    const extended = { ...HERE, extendedWarrantyUntil: '2028-09-09' };
    expect(status('2027-03-10', extended)).toBe(W.EXTENDED);
    expect(status('2028-09-09', extended)).toBe(W.EXTENDED);
    expect(status('2028-09-10', extended)).toBe(W.OUT_OF_WARRANTY);
    expect(decideWarranty(TERMS, extended, '2028-09-09').extendedUntil).toBe('2028-09-09');
  });

  test('an extended warranty that ends inside the main-parts period: whole machine to its end, then main parts only', () => {
    const extended = { ...HERE, extendedWarrantyUntil: '2027-09-09' };
    expect(status('2027-03-09', extended)).toBe(W.IN_WARRANTY);
    expect(status('2027-03-10', extended)).toBe(W.EXTENDED);
    expect(status('2027-09-09', extended)).toBe(W.EXTENDED); // last day
    expect(status('2027-09-10', extended)).toBe(W.MAIN_PARTS_ONLY); // the day after
    expect(status('2028-03-10', extended)).toBe(W.OUT_OF_WARRANTY);
  });

  test('main parts only: the decision names the covered categories', () => {
    const decision = decideWarranty(TERMS, HERE, '2027-06-01');
    expect(decision).toMatchObject({ status: W.MAIN_PARTS_ONLY, mainPartCategories: ['CPU', 'MOTHERBOARD', 'DISK', 'SCREEN'] });
    expect(decision.reason).toMatch(/CPU, MOTHERBOARD, DISK, SCREEN/);
  });

  test('no purchase date: no proof of purchase', () => {
    const unknown = { purchaseDate: null, purchaseSource: PurchaseSource.ELSEWHERE };
    const decision = decideWarranty(TERMS, unknown, '2026-03-12');
    expect(decision.status).toBe(W.OUT_OF_WARRANTY);
    expect(decision.reason).toMatch(/no proof of purchase/);
    expect(decision).toMatchObject({ returnUntil: null, exchangeUntil: null, wholeMachineUntil: null, mainPartsUntil: null, purchaseDate: null });
    // an extended warranty is a contract of its own, with its own end date
    const extended = { ...unknown, extendedWarrantyUntil: '2026-12-31' };
    expect(status('2026-12-31', extended)).toBe(W.EXTENDED);
    expect(status('2027-01-01', extended)).toBe(W.OUT_OF_WARRANTY);
  });
});
