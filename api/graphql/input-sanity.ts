import { GraphQLError } from 'graphql';
import { MiddlewareFn } from 'type-graphql';

/**
 * PostgreSQL cannot store a NUL character in text. Refusing it here gives the
 * caller a BAD_USER_INPUT naming the argument, instead of a database error
 * that would also abort the request's transaction.
 */
export const rejectUnstorableText: MiddlewareFn = async ({ args, info }, next) => {
  const bad = findNul(args, []);
  if (bad) {
    throw new GraphQLError(`Argument ${bad.join('.')} of ${info.fieldName} contains a NUL character`, {
      extensions: { code: 'BAD_USER_INPUT', field: bad },
    });
  }
  return next();
};

function findNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNul(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
