import { decideWarranty, lastCoveredDay, WarrantyTerms } from '../domain/warranty/warranty-decision';
import { PurchaseSource, WarrantyStatus as W } from '../schema/desk-enums';

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
    expect(status('2026-03-12', network)).toBe(W.IN_WARRANTY);
    expect(status('2026-03-12', network, { ...TERMS, networkReturns: true })).toBe(W.RETURN_ELIGIBLE);
    expect(status('2026-03-20', network, { ...TERMS, networkReturns: true })).toBe(W.EXCHANGE_ELIGIBLE);
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

  test('no purchase date: no proof of purchase', () => {
    const unknown = { purchaseDate: null, purchaseSource: PurchaseSource.ELSEWHERE };
    const decision = decideWarranty(TERMS, unknown, '2026-03-12');
    expect(decision.status).toBe(W.OUT_OF_WARRANTY);
    expect(decision.reason).toMatch(/no proof of purchase/);
  });
});
