import { randomBytes } from 'node:crypto';

/**
 * Operators never choose their password: the CLI issues one and shows it once.
 * 24 base64url characters are 144 random bits, beyond guessing however many
 * sign-ins are tried; it is still stored as argon2id, like staff passwords,
 * because a person keeps it somewhere.
 */
export function issueOperatorPassword(): string {
  return randomBytes(18).toString('base64url');
}
