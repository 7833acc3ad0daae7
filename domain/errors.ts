/**
 * Errors the domain raises. A UserInputError is an expected failure the caller
 * can fix: mutations report it as `userErrors { field code message }`. The
 * others become top-level GraphQL errors with `extensions.code`.
 */
export class UserInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string[] | null = null,
  ) {
    super(message);
  }
}

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AccessError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new AccessError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new AccessError('UNAUTHENTICATED', message);
