/** What the warranty decision means at the counter: take it back, exchange it, repair it free, or charge for it. */
export type WarrantyOutcome = 'RETURN' | 'EXCHANGE' | 'REPAIR_FREE' | 'PAID';

export function warrantyOutcome(status: string): WarrantyOutcome {
  if (status === 'RETURN_ELIGIBLE') return 'RETURN';
  if (status === 'EXCHANGE_ELIGIBLE') return 'EXCHANGE';
  if (status === 'OUT_OF_WARRANTY') return 'PAID';
  return 'REPAIR_FREE';
}
