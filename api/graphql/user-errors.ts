import { getNamedType, GraphQLField, isObjectType } from 'graphql';
import { Extensions, MiddlewareFn } from 'type-graphql';
import { UserInputError } from '../../domain/errors';
import type { UserError } from '../../schema/graphql/user-error';

interface UserErrorsDeclaration {
  /** What the payload's other fields answer when nothing was saved; a field not named answers null. */
  empty: Readonly<Record<string, unknown>>;
}

/**
 * Declares that an operation answers expected failures in its payload: a
 * UserInputError from the domain becomes `userErrors`, with every other field
 * of the payload null (or the value given in `empty`). Anything else (access
 * errors above all) stays a GraphQL error. The domain's `atomically` has
 * already rolled its savepoint back when the error reaches here, so nothing
 * of the failed operation is committed with the request.
 */
export function ReturnsUserErrors(empty: Readonly<Record<string, unknown>> = {}): MethodDecorator {
  const declaration: UserErrorsDeclaration = { empty };
  return Extensions({ userErrors: declaration }) as MethodDecorator;
}

export function toUserError(error: UserInputError): UserError {
  return { field: error.field, code: error.code, message: error.message };
}

const emptyPayloads = new WeakMap<GraphQLField<unknown, unknown>, Record<string, unknown>>();

/**
 * Gives the payload of an operation declared with `ReturnsUserErrors` its
 * `userErrors`: none when the resolver returns (unless it answered some
 * itself), the domain's UserInputError when it throws one.
 */
export const answerUserErrors: MiddlewareFn = async ({ info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  const declaration = field.extensions?.userErrors as UserErrorsDeclaration | undefined;
  if (!declaration) return next();
  try {
    return { userErrors: [], ...(await next()) };
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    return { ...emptyPayloadOf(field, declaration), userErrors: [toUserError(error)] };
  }
};

function emptyPayloadOf(field: GraphQLField<unknown, unknown>, declaration: UserErrorsDeclaration): Record<string, unknown> {
  let empty = emptyPayloads.get(field);
  if (!empty) {
    const payload = getNamedType(field.type);
    if (!isObjectType(payload)) throw new Error(`${field.name} declares userErrors but does not answer a payload`);
    empty = Object.fromEntries(Object.keys(payload.getFields()).map((name) => [name, null]));
    Object.assign(empty, declaration.empty);
    emptyPayloads.set(field, empty);
  }
  return empty;
}
