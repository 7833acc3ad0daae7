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

interface RiskClock {
  state: string;
  dueAt?: string | null;
  breachedAt?: string | null;
}

/**
 * The clock of an at-risk ticket that needs attention first, in the order the
 * api lists the tickets: breached before at risk, then by when it broke or
 * falls due. The page reads every clock of each ticket (its drawer shows them
 * all) and picks this one from them rather than asking for it again: a second
 * clock per row would take the list past the query-cost budget.
 */
export function mostUrgentClock<Clock extends RiskClock>(clocks: readonly Clock[]): Clock {
  const rank = (clock: Clock) => (clock.state === 'BREACHED' ? 0 : clock.state === 'AT_RISK' ? 1 : 2);
  const due = (clock: Clock) => Date.parse(clock.breachedAt ?? clock.dueAt ?? '') || Number.MAX_SAFE_INTEGER;
  return [...clocks].sort((a, b) => rank(a) - rank(b) || due(a) - due(b))[0];
}
