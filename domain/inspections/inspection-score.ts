/** An item's weight and its finding: passed or failed, or a score on the item's scale. */
export interface WeighedFinding {
  weight: number;
  passed: boolean;
  /** A scored item's score and its maximum; absent for a pass/fail item. */
  score?: number | null;
  maxScore?: number | null;
  /** HQ upheld the store's contest: the finding was wrong, the item counts in full. */
  upheld?: boolean;
}

/**
 * The store's total, in percent with two decimals: each item counts its
 * weight times its share, over all the weights (Σ wᵢ·sᵢ / Σ wᵢ × 100). A
 * pass/fail item's share is 1 or 0; a scored item's is its score over its
 * maximum (8 of 10 counts 0.8). A heavier item (prices displayed, weight 30)
 * counts for more than a lighter one (workplace tidy, 10); an upheld contest
 * counts the item in full.
 */
export function weightedScore(findings: readonly WeighedFinding[]): number {
  const total = findings.reduce((sum, finding) => sum + finding.weight, 0);
  if (total === 0) return 0;
  const earned = findings.reduce((sum, finding) => sum + finding.weight * shareOf(finding), 0);
  return Math.round((earned / total) * 10000) / 100;
}

function shareOf(finding: WeighedFinding): number {
  if (finding.upheld) return 1;
  if (finding.maxScore) return (finding.score ?? 0) / finding.maxScore;
  return finding.passed ? 1 : 0;
}

/** A finding and its item as the total weighs them. */
export function weighed(
  result: { passed: boolean; score?: number | null; contestRuling?: string | null },
  item: { weight: number; maxScore?: number | null },
): WeighedFinding {
  return { weight: item.weight, passed: result.passed, score: result.score, maxScore: item.maxScore, upheld: result.contestRuling === 'UPHELD' };
}
