/** The states a work order may move to next (as the api allows them); the same state only sends a note. */
export const NEXT_STATES: Record<string, readonly string[]> = {
  RECEIVED: ['IN_REPAIR', 'WAITING_PARTS', 'RETURNED', 'CANCELLED'],
  IN_REPAIR: ['WAITING_PARTS', 'REPAIRED', 'RETURNED', 'CANCELLED'],
  WAITING_PARTS: ['IN_REPAIR', 'REPAIRED', 'RETURNED', 'CANCELLED'],
  REPAIRED: ['IN_REPAIR', 'RETURNED'],
  RETURNED: [],
  CANCELLED: [],
};

export const FINISHED_STATES = ['RETURNED', 'CANCELLED'];

export const STATUS_COLOR: Record<string, string> = {
  RECEIVED: '#003eb3',
  IN_REPAIR: '#10239e',
  WAITING_PARTS: '#ad4e00',
  REPAIRED: '#237804',
  RETURNED: 'default',
  CANCELLED: 'default',
};
