/** What a service target measures; one clock per metric runs on each ticket. */
export enum SlaMetric {
  DISPATCH = 'DISPATCH',
  FIRST_CONTACT = 'FIRST_CONTACT',
  RESOLUTION = 'RESOLUTION',
  PROGRESS_UPDATE = 'PROGRESS_UPDATE',
  CALLBACK = 'CALLBACK',
}

/** How a target counts: working time on the store's calendar, or plain calendar hours. */
export enum TargetUnit {
  WORKING_MINUTES = 'WORKING_MINUTES',
  WORKING_HOURS = 'WORKING_HOURS',
  HALF_WORKING_DAY = 'HALF_WORKING_DAY',
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_HOURS = 'CALENDAR_HOURS',
}

/** Where a service clock stands. */
export enum ClockState {
  RUNNING = 'RUNNING',
  PAUSED = 'PAUSED',
  AT_RISK = 'AT_RISK',
  MET = 'MET',
  BREACHED = 'BREACHED',
}

/**
 * What a store promises its customers, one kind per line of its published
 * commitments: the clocks of its standard, and the promises about parts the
 * worker keeps whatever the standard says.
 */
export enum CommitmentKind {
  FIRST_CONTACT = 'FIRST_CONTACT',
  DISPATCH = 'DISPATCH',
  RESOLUTION = 'RESOLUTION',
  PROGRESS_UPDATE = 'PROGRESS_UPDATE',
  PART_DATE_CHANGE = 'PART_DATE_CHANGE',
  PART_LATE = 'PART_LATE',
  CALLBACK = 'CALLBACK',
}
