import { UserInputError } from '../errors';

/** What the customer says in a callback, by the survey or on the phone. */
export interface CallbackAnswer {
  /** 1 (very unhappy) to 5 (very happy). */
  score: number;
  comment: string | null;
}

export const COMMENT_MAX_LENGTH = 2000;

/** Checked before anything is looked up, so a bad score never costs a token look-up. */
export function validAnswer(input: { score: number; comment?: string | null }): CallbackAnswer {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw new UserInputError('INVALID_SCORE', 'The score is a whole number from 1 to 5', ['score']);
  }
  const comment = input.comment?.trim() ?? '';
  if (comment.length > COMMENT_MAX_LENGTH) {
    throw new UserInputError('INVALID_COMMENT', `The comment is at most ${COMMENT_MAX_LENGTH} characters`, ['comment']);
  }
  return { score: input.score, comment: comment || null };
}
