import { UserInputError } from '../errors';

/** An item's scale: pass/fail (no maxScore), or a score from 0 to maxScore that passes from passScore. */
export interface ItemScale {
  maxScore?: number | null;
  passScore?: number | null;
}

/**
 * A checklist item's scale as published: both maxScore and passScore, or
 * neither (a pass/fail item).
 */
export function scaleOf(given: ItemScale, field: string[]): { maxScore: number | null; passScore: number | null } {
  if (given.maxScore == null && given.passScore == null) return { maxScore: null, passScore: null };
  const { maxScore, passScore } = given;
  if (maxScore == null || !Number.isInteger(maxScore) || maxScore < 1 || maxScore > 100) {
    throw new UserInputError('INVALID_MAX_SCORE', 'maxScore is a whole number from 1 to 100, given with passScore', [...field, 'maxScore']);
  }
  if (passScore == null || !Number.isInteger(passScore) || passScore < 1 || passScore > maxScore) {
    throw new UserInputError('INVALID_PASS_SCORE', `passScore is a whole number from 1 to maxScore (${maxScore})`, [...field, 'passScore']);
  }
  return { maxScore, passScore };
}

/**
 * The finding on an item: a pass/fail item is passed or failed as given; a
 * scored item is given a score on its scale, which decides whether it passed
 * (a `passed` given with it must agree).
 */
export function findingOf(
  item: ItemScale,
  given: { passed?: boolean | null; score?: number | null },
  field: string[],
): { passed: boolean; score: number | null } {
  if (item.maxScore == null) {
    if (given.score != null) throw new UserInputError('SCORE_NOT_APPLICABLE', 'This item is passed or failed, not scored', [...field, 'score']);
    if (given.passed == null) throw new UserInputError('PASSED_REQUIRED', 'Say whether the item passed', [...field, 'passed']);
    return { passed: given.passed, score: null };
  }
  const score = given.score;
  if (score == null) throw new UserInputError('SCORE_REQUIRED', `This item is scored: give a score from 0 to ${item.maxScore}`, [...field, 'score']);
  if (!Number.isInteger(score) || score < 0 || score > item.maxScore) {
    throw new UserInputError('INVALID_SCORE', `The score is a whole number from 0 to ${item.maxScore}`, [...field, 'score']);
  }
  const passed = score >= item.passScore!;
  if (given.passed != null && given.passed !== passed) {
    throw new UserInputError('PASSED_CONTRADICTS_SCORE', `A score of ${score} ${passed ? 'passes' : 'fails'} the item (it passes from ${item.passScore})`, [
      ...field,
      'passed',
    ]);
  }
  return { passed, score };
}
