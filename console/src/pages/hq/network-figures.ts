/** Per-store counts of the tickets at risk and breached, and the network's median, for the chart. */
export interface StoreRisk {
  slug: string;
  name: string;
  atRisk: number;
  breached: number;
}

export function storeRisks(
  stores: readonly { slug: string; name: string }[],
  tickets: readonly { storeSlug: string; mostUrgent: { state: string } }[],
): StoreRisk[] {
  const bySlug = new Map(stores.map((store) => [store.slug, { slug: store.slug, name: store.name, atRisk: 0, breached: 0 }]));
  for (const ticket of tickets) {
    const row = bySlug.get(ticket.storeSlug);
    if (!row) continue;
    if (ticket.mostUrgent.state === 'BREACHED') row.breached += 1;
    else row.atRisk += 1;
  }
  return [...bySlug.values()];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
