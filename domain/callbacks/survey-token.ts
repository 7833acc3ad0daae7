import { createHash, randomBytes } from 'node:crypto';

/**
 * The survey link's token: 32 random bytes, base64url (43 characters). Only
 * its hash is stored, so a copy of the database cannot answer anyone's survey.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all: anything else is refused without a database look-up. */
export function looksLikeSurveyToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Where the customer opens the survey. */
export function surveyUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/survey/${token}`;
}
