/**
 * How many tickets each store has: Zipf-like (store k weighs k^-0.8), so most
 * stores are small and a few are big. At 1,000 stores and 2,000,000 tickets the
 * first store has ~130,000 tickets and the median one ~900. The counts add up
 * to exactly `tickets`; the rounding remainder goes to the biggest stores.
 */
export const ZIPF_EXPONENT = 0.8;

export function storeTicketCounts(stores: number, tickets: number): number[] {
  const weights = Array.from({ length: stores }, (_, i) => (i + 1) ** -ZIPF_EXPONENT);
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Every store has at least one ticket.
  const counts = weights.map((w) => Math.max(1, Math.floor(((tickets - stores) * w) / total) + 1));
  let remainder = tickets - counts.reduce((sum, c) => sum + c, 0);
  for (let i = 0; remainder !== 0; i = (i + 1) % stores) {
    const step = remainder > 0 ? 1 : counts[i] > 1 ? -1 : 0;
    counts[i] += step;
    remainder -= step;
  }
  return counts;
}

/** Staff of a store: a manager, agents and technicians, more of them for a busier store (3 to 40). */
export function storeStaffCount(tickets: number): number {
  return Math.min(40, 3 + Math.floor(tickets / 4000));
}

/** Customers of a store: a quarter of its tickets come from a returning customer. */
export function storeCustomerCount(tickets: number): number {
  return Math.max(1, Math.ceil(tickets * 0.75));
}
