import { registerEnumType } from 'type-graphql';

/**
 * What kind of fault a ticket is about. A fixed list, the same in every
 * network, so that monthly counts of one store can be compared with another's
 * and with the network's; OTHER keeps the list short.
 */
export enum FaultCategory {
  POWER = 'POWER',
  BATTERY = 'BATTERY',
  DISPLAY = 'DISPLAY',
  KEYBOARD_INPUT = 'KEYBOARD_INPUT',
  STORAGE = 'STORAGE',
  OVERHEATING = 'OVERHEATING',
  CONNECTIVITY = 'CONNECTIVITY',
  AUDIO = 'AUDIO',
  SOFTWARE = 'SOFTWARE',
  MECHANICAL = 'MECHANICAL',
  LIQUID_DAMAGE = 'LIQUID_DAMAGE',
  OTHER = 'OTHER',
}

/** Where a problem record stands (ITIL problem management). */
export enum ProblemStatus {
  /** Tickets share a cause that is being investigated. */
  OPEN = 'OPEN',
  /** The root cause is known and a workaround is offered to the desk. */
  KNOWN_ERROR = 'KNOWN_ERROR',
  /** The fix is in place. */
  RESOLVED = 'RESOLVED',
}

/** How a month's count compares with the previous month's. */
export enum ProblemTrend {
  /** None in the previous month. */
  NEW = 'NEW',
  UP = 'UP',
  DOWN = 'DOWN',
  SAME = 'SAME',
}

registerEnumType(FaultCategory, { name: 'FaultCategory', description: 'What kind of fault a ticket is about.' });
registerEnumType(ProblemStatus, { name: 'ProblemStatus', description: 'Where a problem record stands.' });
registerEnumType(ProblemTrend, { name: 'ProblemTrend', description: "How a month's count compares with the previous month's." });
