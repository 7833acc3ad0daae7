import { RankingFigure, TargetComparison } from '../../core/ranking-enums';
import { SlaMetric } from '../../core/sla-enums';

/** Each figure's metric-compliance source, the better direction, and whether it is a percentage. */
const COMPLIANCE_OF: Partial<Record<RankingFigure, SlaMetric>> = {
  [RankingFigure.DISPATCH_COMPLIANCE]: SlaMetric.DISPATCH,
  [RankingFigure.FIRST_CONTACT_COMPLIANCE]: SlaMetric.FIRST_CONTACT,
  [RankingFigure.RESOLUTION_COMPLIANCE]: SlaMetric.RESOLUTION,
  [RankingFigure.PROGRESS_UPDATE_COMPLIANCE]: SlaMetric.PROGRESS_UPDATE,
  [RankingFigure.CALLBACK_COMPLIANCE]: SlaMetric.CALLBACK,
};

export const RANKING_FIGURES: readonly RankingFigure[] = Object.values(RankingFigure);

/** A percentage (0-100, higher is better); otherwise minutes (lower is better). */
export const isPercent = (figure: RankingFigure): boolean => figure !== RankingFigure.FIRST_RESPONSE_AVERAGE_MINUTES;

/** The metric whose compliance the figure is, if it is one. */
export const complianceMetricOf = (figure: RankingFigure): SlaMetric | undefined => COMPLIANCE_OF[figure];

/** Whether a value keeps a target. */
export const keeps = (value: number, comparison: TargetComparison, target: number): boolean =>
  comparison === TargetComparison.AT_LEAST ? value >= target : value <= target;

/** One figure's value; null when nothing of it is decided in the month. */
export type FigureValues = Record<RankingFigure, number | null>;

export const round2 = (value: number): number => Math.round(value * 100) / 100;

export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : round2((part / whole) * 100));
