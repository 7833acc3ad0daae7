/** Which tickets a customer-care figure counts: the drill-down behind each figure of `careFigures`. */
export enum CareFigure {
  /** Tickets registered in the period: what complaints are counted per 1,000 of. */
  TICKETS = 'TICKETS',
  COMPLAINTS = 'COMPLAINTS',
  /** Complaints whose result was reported to the customer. */
  COMPLAINTS_ANSWERED = 'COMPLAINTS_ANSWERED',
  /** Complaints whose result was reported within the standard (the due instant of their first resolution run). */
  COMPLAINTS_ANSWERED_WITHIN_STANDARD = 'COMPLAINTS_ANSWERED_WITHIN_STANDARD',
  /** Complaints decided on the standard: answered, or unanswered past their due instant. */
  COMPLAINTS_DECIDED_ON_STANDARD = 'COMPLAINTS_DECIDED_ON_STANDARD',
  /** Complaints whose satisfaction callback was completed with a score. */
  COMPLAINTS_CALLED_BACK = 'COMPLAINTS_CALLED_BACK',
  /** Satisfaction callbacks planned after resolutions in the period. */
  SURVEYS = 'SURVEYS',
  SURVEYS_SENT = 'SURVEYS_SENT',
  /** Answered with a score, by the survey link or by phone (`score` narrows to one score). */
  SURVEYS_ANSWERED = 'SURVEYS_ANSWERED',
  SURVEYS_NO_RESPONSE = 'SURVEYS_NO_RESPONSE',
  /** Answered with 4 or 5. */
  SURVEYS_SATISFIED = 'SURVEYS_SATISFIED',
  /** Answered with 1 or 2. */
  LOW_SCORES = 'LOW_SCORES',
  LOW_SCORES_REOPENED = 'LOW_SCORES_REOPENED',
  LOW_SCORES_NOT_REOPENED = 'LOW_SCORES_NOT_REOPENED',
  /** Tickets on a known device resolved in the period (their current resolution). */
  RESOLUTIONS = 'RESOLUTIONS',
  /** The same device registered again within 30 days of the resolution. */
  BACK_WITHIN_30_DAYS = 'BACK_WITHIN_30_DAYS',
  BACK_WITHIN_90_DAYS = 'BACK_WITHIN_90_DAYS',
}
