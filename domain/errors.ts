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

export type AccessErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  /** Too many attempts (sign-ins); `retryAfterMs` says when to try again. */
  | 'THROTTLED'
  // The FORBIDDEN family of billing: refused because of the store's subscription, not its role.
  /** The store's plan does not include this (a module, one more staff seat); `requiredPlans` names those that do. */
  | 'PLAN_LIMIT'
  /** The store's payment is overdue past its grace period: it is read-only until it pays. */
  | 'PAYMENT_REQUIRED'
  /** Billing is not configured on this server (no Stripe keys): billing operations are unavailable. */
  | 'BILLING_DISABLED';

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
    /** More for the caller to act on, sent as `extensions` beside the code. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AccessError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new AccessError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new AccessError('UNAUTHENTICATED', message);
