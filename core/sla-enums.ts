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

/** How one run of a clock came out, as the service figures count it. */
export enum MeasuredOutcome {
  MET = 'MET',
  BREACHED = 'BREACHED',
  /** Not stopped and not breached yet (a paused clock too). */
  RUNNING = 'RUNNING',
}

/** How the series of a period of service figures is cut. */
export enum FigureInterval {
  DAY = 'DAY',
  /** ISO weeks, Monday to Sunday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** The runs behind a figure that is not an outcome: the time used and the first response. */
export enum FigureRunSubset {
  /** Runs that stopped: behind the medians and percentiles, and the first response's `responded` and averages. */
  STOPPED = 'STOPPED',
  /** Stopped within 24 calendar hours of their start: the first response's `within24Hours`. */
  WITHIN_24_HOURS = 'WITHIN_24_HOURS',
  /** Stopped, or running for 24 hours or more: what `within24HoursPercent` is a share of. */
  DECIDED_ON_24_HOURS = 'DECIDED_ON_24_HOURS',
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
