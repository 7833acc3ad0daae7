/** A figure of a store's month that HQ can set a target for and weigh in its ranking. */
export enum RankingFigure {
  /** Each metric's compliance: met over met + breached, in percent. */
  DISPATCH_COMPLIANCE = 'DISPATCH_COMPLIANCE',
  FIRST_CONTACT_COMPLIANCE = 'FIRST_CONTACT_COMPLIANCE',
  RESOLUTION_COMPLIANCE = 'RESOLUTION_COMPLIANCE',
  PROGRESS_UPDATE_COMPLIANCE = 'PROGRESS_UPDATE_COMPLIANCE',
  CALLBACK_COMPLIANCE = 'CALLBACK_COMPLIANCE',
  /** First contact within 24 calendar hours, in percent of the tickets decided on it. */
  FIRST_RESPONSE_WITHIN_24_HOURS = 'FIRST_RESPONSE_WITHIN_24_HOURS',
  /** Average calendar minutes from registration to the first contact: lower is better. */
  FIRST_RESPONSE_AVERAGE_MINUTES = 'FIRST_RESPONSE_AVERAGE_MINUTES',
  /** The mean total (weighted percent of items passed) of HQ's inspections of the store submitted in the month. */
  INSPECTION_SCORE = 'INSPECTION_SCORE',
}

/** Which side of a target's value keeps it. */
export enum TargetComparison {
  /** The figure must be at least the value (a percentage). */
  AT_LEAST = 'AT_LEAST',
  /** The figure must be at most the value (minutes). */
  AT_MOST = 'AT_MOST',
}
