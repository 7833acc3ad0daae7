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

/** Which minutes of a stopped run a percentile is taken over. */
export enum PercentileMeasure {
  /** The working minutes it used: every metric's median and 90th percentile. */
  WORKING = 'WORKING',
  /** The calendar minutes from start to stop: the first response's median. */
  CALENDAR = 'CALENDAR',
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

/** What one row of the ticket-volume facts records. */
export enum TicketFactKind {
  /** The ticket itself: registered on its day, in the backlog during its open spans. */
  REGISTERED = 'REGISTERED',
  /** A level of the escalation ladder reached (an at-risk reminder or an escalation, by hand or by the worker). */
  ESCALATED = 'ESCALATED',
  /** A part ordered for the ticket. */
  PART_ORDERED = 'PART_ORDERED',
  /** A part's expected date moved later: a slip the customer must be told of at once. */
  PART_SLIPPED = 'PART_SLIPPED',
}

/** The figures of ticket volumes whose tickets can be listed. */
export enum TicketFigure {
  /** Tickets registered in the period. */
  REGISTERED = 'REGISTERED',
  /** Tickets open at the end of the period (the backlog). */
  BACKLOG = 'BACKLOG',
  /** Ladder levels reached in the period. */
  ESCALATED = 'ESCALATED',
  /** Parts ordered in the period. */
  PARTS_ORDERED = 'PARTS_ORDERED',
  /** Of those, still awaited past their expected day. */
  PARTS_LATE = 'PARTS_LATE',
  /** Of those, arrived after their expected day. */
  PARTS_ARRIVED_LATE = 'PARTS_ARRIVED_LATE',
  /** Of those, whose expected date moved later at least once. */
  PARTS_SLIPPED = 'PARTS_SLIPPED',
  /** Slips of an expected date in the period, one per slip. */
  SLIPS = 'SLIPS',
  /** Of those, told to the customer within the standard. */
  SLIPS_TOLD = 'SLIPS_TOLD',
  /** Of those, not told (yet) within the standard. */
  SLIPS_NOT_TOLD = 'SLIPS_NOT_TOLD',
}

/** How long a ticket of the backlog has been waiting since it was registered, in calendar days. */
export enum BacklogAge {
  UNDER_1_DAY = 'UNDER_1_DAY',
  DAYS_1_TO_3 = 'DAYS_1_TO_3',
  DAYS_3_TO_7 = 'DAYS_3_TO_7',
  DAYS_7_OR_MORE = 'DAYS_7_OR_MORE',
}

/** A partner's work-order figure whose orders can be listed. */
export enum WorkOrderFigure {
  /** Work orders received in the period. */
  RECEIVED = 'RECEIVED',
  /** Repairs reported done in the period (the last report, after any rework). */
  REPAIRED = 'REPAIRED',
  /** Of those, done by the store's deadline. */
  REPAIRED_ON_TIME = 'REPAIRED_ON_TIME',
  /** Of those, done after the store's deadline. */
  REPAIRED_LATE = 'REPAIRED_LATE',
  /** Of those, handed over without a deadline. */
  REPAIRED_WITHOUT_DEADLINE = 'REPAIRED_WITHOUT_DEADLINE',
  /** Of those, taken back into repair at least once before. */
  REWORKED = 'REWORKED',
  /** Returned to the store in the period without a repair. */
  RETURNED_UNREPAIRED = 'RETURNED_UNREPAIRED',
  /** Cancelled in the period. */
  CANCELLED = 'CANCELLED',
  /** Neither repaired, returned nor cancelled at the end of the period. */
  OPEN = 'OPEN',
  /** Of those, past the store's deadline then. */
  OVERDUE = 'OVERDUE',
}
