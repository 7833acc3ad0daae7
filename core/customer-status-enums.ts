/** What the customer's status page tells: the state of each promise, how a promise changed, and what happens next. */

/** A promise of the service standard, as the customer reads it. */
export enum PromiseState {
  /** Still to be kept, by `dueAt`. */
  PENDING = 'PENDING',
  /** On hold while the store waits (for the customer, or a part within its date). */
  PAUSED = 'PAUSED',
  KEPT = 'KEPT',
  MISSED = 'MISSED',
}

export enum PromiseChangeKind {
  /** A part was ordered, expected on `date`. */
  PART_ORDERED = 'PART_ORDERED',
  /** A part's date moved from `previousDate` to `date`, for `reason`. */
  PART_DATE_CHANGED = 'PART_DATE_CHANGED',
  /** A part's `date` passed and no new one is known; the store writes again by `nextUpdateBy`. */
  PART_LATE = 'PART_LATE',
  PART_ARRIVED = 'PART_ARRIVED',
  /** The part is no longer awaited. */
  PART_CANCELLED = 'PART_CANCELLED',
  VISIT_BOOKED = 'VISIT_BOOKED',
  /** A visit moved from the previous window to the new one. */
  VISIT_MOVED = 'VISIT_MOVED',
  VISIT_CANCELLED = 'VISIT_CANCELLED',
}

export enum NextStepKind {
  /** Someone from the store contacts the customer, by `dueAt`. */
  STORE_CONTACTS_YOU = 'STORE_CONTACTS_YOU',
  /** An on-site visit, in the window from `dueAt`. */
  VISIT = 'VISIT',
  /** The work waits for a part, expected on `expectedOn`. */
  PART_ARRIVAL = 'PART_ARRIVAL',
  /** A part is late and the supplier has not given a new date: the store chases it. */
  PART_LATE = 'PART_LATE',
  /** The store waits for the customer (an answer, the device). */
  WAITING_FOR_YOU = 'WAITING_FOR_YOU',
  /** The store works on it, to be done by `dueAt`. */
  REPAIR = 'REPAIR',
  /** The work is done. */
  RESOLVED = 'RESOLVED',
  /** Closed or cancelled: nothing more will happen. */
  NONE = 'NONE',
}
