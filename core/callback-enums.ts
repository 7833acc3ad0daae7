import { registerEnumType } from 'type-graphql';

/** Where a satisfaction callback is in its life: planned, asked, answered, or given up. */
export enum CallbackState {
  PENDING = 'PENDING',
  SENT = 'SENT',
  REMINDED = 'REMINDED',
  ANSWERED = 'ANSWERED',
  NO_RESPONSE = 'NO_RESPONSE',
  CALLED_BY_PHONE = 'CALLED_BY_PHONE',
  CANCELLED = 'CANCELLED',
}

/** How the customer's answer reached the store. */
export enum CallbackChannel {
  SURVEY_LINK = 'SURVEY_LINK',
  PHONE = 'PHONE',
}

/** States in which the customer may still answer by the survey link. */
export const AWAITING_ANSWER: readonly CallbackState[] = [CallbackState.SENT, CallbackState.REMINDED];

/** States that end a callback with a score. */
export const COMPLETED: readonly CallbackState[] = [CallbackState.ANSWERED, CallbackState.CALLED_BY_PHONE];

registerEnumType(CallbackState, {
  name: 'CallbackState',
  description: 'Where a satisfaction callback is in its life.',
  valuesConfig: {
    PENDING: { description: 'Planned: the survey goes out shortly.' },
    SENT: { description: 'The survey link was sent; no answer yet.' },
    REMINDED: { description: 'The one reminder was sent; no answer yet.' },
    ANSWERED: { description: 'The customer answered the survey.' },
    NO_RESPONSE: { description: 'No answer came in time; staff may still call the customer.' },
    CALLED_BY_PHONE: { description: 'Staff called the customer and recorded the answer.' },
    CANCELLED: { description: 'The ticket was reopened or cancelled before the callback finished.' },
  },
});
registerEnumType(CallbackChannel, {
  name: 'CallbackChannel',
  description: "How the customer's answer reached the store.",
  valuesConfig: {
    SURVEY_LINK: { description: 'The customer answered the survey through the link sent to them.' },
    PHONE: { description: 'Staff called the customer and recorded the answer.' },
  },
});
