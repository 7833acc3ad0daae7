import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { MiddlewareFn } from 'type-graphql';
import { AccessError, UserInputError } from '../../domain/errors';

/**
 * Turns domain errors into GraphQL errors with `extensions.code`: the one
 * place where the domain's vocabulary meets the API's.
 */
export const domainErrorMapper: MiddlewareFn = async (_, next) => {
  try {
    return await next();
  } catch (error) {
    throw toGraphQLError(error);
  }
};

export function toGraphQLError(error: unknown): unknown {
  if (error instanceof AccessError) {
    return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code, ...httpOf(error) } });
  }
  if (error instanceof UserInputError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', reason: error.code, field: error.field },
    });
  }
  return error;
}

/** UNAUTHENTICATED is a 401; THROTTLED a 429 saying, in whole seconds, when to come back. */
function httpOf(error: AccessError): { http?: { status: number; headers?: Map<string, string> } } {
  if (error.code === 'UNAUTHENTICATED') return { http: { status: 401 } };
  if (error.code === 'THROTTLED') {
    const seconds = Math.max(1, Math.ceil(Number(error.details.retryAfterMs ?? 0) / 1000));
    return { http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } };
  }
  return {};
}

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'THROTTLED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
  'MAX_COST_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
  'MAX_CREDENTIAL_CHECKS_EXCEEDED',
  'PLAN_LIMIT',
  'PAYMENT_REQUIRED',
  'BILLING_DISABLED',
  'REQUEST_TIMEOUT',
]);

/**
 * Limit rejections from graphql-armor arrive as plain validation errors, and the
 * parser's token limit as a syntax error; give each its own code.
 */
const LIMIT_MESSAGES: [RegExp, string][] = [
  [/depth limit/i, 'MAX_DEPTH_EXCEEDED'],
  [/aliases limit/i, 'MAX_ALIASES_EXCEEDED'],
  [/document contains more th(?:an|at) \d+ tokens/i, 'MAX_TOKENS_EXCEEDED'],
  [/directives limit/i, 'MAX_DIRECTIVES_EXCEEDED'],
];

/**
 * The last word on every error that leaves the server: known codes pass, limit
 * rejections get their code, anything unexpected becomes a bare
 * INTERNAL_SERVER_ERROR (its details go to the log, never to the client).
 */
export function formatError(formatted: GraphQLFormattedError, original: unknown, exposeStack: boolean, hideSuggestions = false): GraphQLFormattedError {
  if (hideSuggestions) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
  const code = String(formatted.extensions?.code ?? '');
  for (const [pattern, limitCode] of LIMIT_MESSAGES) {
    if (pattern.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: limitCode } };
    }
  }
  const extensions = { ...formatted.extensions };
  if (!exposeStack) delete extensions.stacktrace;
  if (KNOWN_CODES.has(code)) return { ...formatted, extensions };
  const originalError = original instanceof GraphQLError ? original.originalError : original;
  if (isCancelledStatement(originalError)) {
    return {
      message: 'A statement of the request ran past its time limit and was cancelled; nothing the request changed was saved',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'REQUEST_TIMEOUT' },
    };
  }
  if (originalError instanceof AccessError || originalError instanceof UserInputError) {
    const mapped = toGraphQLError(originalError) as GraphQLError;
    return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions, http: undefined } };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(exposeStack ? { stacktrace: extensions.stacktrace } : {}) },
  };
}

/** PostgreSQL's query_canceled: the statement timeout (or the request's deadline) stopped it. */
function isCancelledStatement(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '57014';
}

/**
 * "Did you mean …?" names fields, arguments, types and enum values: the schema,
 * piece by piece. Validation hides most of them in production, but not, for
 * example, those in the coercion errors of variables.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * The code a client is shown for this error, as formatError decides it: one
 * of a fixed set (the known codes, the limits' codes, INTERNAL_SERVER_ERROR),
 * whatever a resolver or a library put in the error. Metrics label outcomes
 * with it, so no error can create a series of its own.
 */
export function clientErrorCode(error: GraphQLError): string {
  return String(formatError(error.toJSON(), error, false).extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}
