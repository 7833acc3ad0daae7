/** An item's weight and whether it passed. */
export interface WeighedFinding {
  weight: number;
  passed: boolean;
}

/**
 * The store's total: the weights of the items passed over all the weights, in
 * percent with two decimals (Σ passed wᵢ / Σ wᵢ × 100). A heavier item (prices
 * displayed, weight 30) counts for more than a lighter one (workplace tidy, 10).
 */
export function weightedScore(findings: readonly WeighedFinding[]): number {
  const total = findings.reduce((sum, finding) => sum + finding.weight, 0);
  if (total === 0) return 0;
  const passed = findings.reduce((sum, finding) => sum + (finding.passed ? finding.weight : 0), 0);
  return Math.round((passed / total) * 10000) / 100;
}
