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
