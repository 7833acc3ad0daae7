/**
 * What a callback writes on its ticket's timeline. CALLBACK_COMPLETED also
 * stops the ticket's CALLBACK clock (see the standards' ticket clocks).
 */
export const CallbackEvent = {
  /** The survey link went out. */
  SENT: 'CALLBACK_SENT',
  /** The one reminder went out, with a new link. */
  REMINDED: 'CALLBACK_REMINDED',
  /** No answer in time: the link stopped working. */
  NO_RESPONSE: 'CALLBACK_NO_RESPONSE',
  /** The customer answered, by the link or on the phone, with a score. */
  COMPLETED: 'CALLBACK_COMPLETED',
  /** A low score reopened the ticket for the store manager to follow up. */
  FOLLOW_UP: 'COMPLAINT_FOLLOW_UP',
  /** A good score would have closed the ticket, but a condition of closing is not met yet. */
  NOT_CLOSED: 'CALLBACK_NOT_CLOSED',
} as const;
