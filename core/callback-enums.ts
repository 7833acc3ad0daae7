import { describeEnum } from './describe-enum';

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

describeEnum(CallbackState, 'CallbackState', 'Where a satisfaction callback is in its life.', {
  PENDING: 'Planned: the survey goes out shortly.',
  SENT: 'The survey link was sent; no answer yet.',
  REMINDED: 'The one reminder was sent; no answer yet.',
  ANSWERED: 'The customer answered the survey.',
  NO_RESPONSE: 'No answer came in time; staff may still call the customer.',
  CALLED_BY_PHONE: 'Staff called the customer and recorded the answer.',
  CANCELLED: 'The ticket was reopened or cancelled before the callback finished.',
});
describeEnum(CallbackChannel, 'CallbackChannel', "How the customer's answer reached the store.", {
  SURVEY_LINK: 'The customer answered the survey through the link sent to them.',
  PHONE: 'Staff called the customer and recorded the answer.',
});
