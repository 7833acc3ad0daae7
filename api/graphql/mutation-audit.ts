import { GraphQLArgument, GraphQLID, GraphQLInputType, getNamedType, getNullableType, isInputObjectType, isListType } from 'graphql';
import { MiddlewareFn } from 'type-graphql';
import { fromGlobalId } from '../../core/global-id';
import { recordOperation } from '../../domain/audit-trail/record-operation';
import type { ApiContext } from '../context';

/**
 * Every change made through the API leaves one entry in the audit trail, in
 * the request's transaction: it is committed with the change, or the change is
 * not committed at all (a failed insert aborts the transaction, and the
 * request answers that nothing was saved).
 *
 * What is kept is names and ids only: the operation, the global ids sent in
 * its input (arguments declared as ID) and answered in its payload, and how it
 * ended. No value sent is copied, so a password, a token or a secret can never
 * land in the trail.
 *
 * An operation refused with `userErrors` changed nothing, yet it is kept (as
 * USER_ERRORS, with the codes): who tried what, and was refused, is part of
 * "who did that". An operation that failed with an error (access denied, not
 * found) is not: nothing happened, and the error went to the caller.
 * Anonymous operations (signing in, a customer's survey answer) act for no
 * tenant yet and are left to the domain's own entries.
 *
 * It runs before the ids are decoded, so it sees them as the client sent them.
 */
export const auditMutations: MiddlewareFn<ApiContext> = async ({ args, context, info }, next) => {
  if (info.parentType !== info.schema.getMutationType() || !context.tenant) return next();
  const field = info.parentType.getFields()[info.fieldName];
  const sent = idsInArguments(field.args, args);
  const payload: unknown = await next();
  const userErrorCodes = userErrorCodesOf(payload);
  await recordOperation(context.tenant, {
    operation: info.fieldName,
    objectIds: [...sent, ...idsInPayload(payload)],
    outcome: userErrorCodes.length > 0 ? 'USER_ERRORS' : 'OK',
    userErrorCodes,
    requestId: context.requestId,
  });
  return payload;
};

function idsInArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const definition of definitions) collectIds(definition.type, args[definition.name], ids);
  return ids;
}

/** The values of ID-typed inputs that are well-formed global ids, nested inputs and lists included. */
function collectIds(type: GraphQLInputType, value: unknown, ids: string[]): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (Array.isArray(value)) for (const item of value) collectIds(inner.ofType, item, ids);
    else collectIds(inner.ofType, value, ids);
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(inner.getFields())) collectIds(field.type, (value as Record<string, unknown>)[field.name], ids);
    return;
  }
  if (getNamedType(inner) === GraphQLID && typeof value === 'string' && fromGlobalId(value)) ids.push(value);
}

/** The global ids of the objects the payload answers (its fields that are nodes, or lists of nodes). */
function idsInPayload(payload: unknown): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const ids: string[] = [];
  for (const value of Object.values(payload)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = nodeIdOf(item);
      if (id) ids.push(id);
    }
  }
  return ids;
}

function nodeIdOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const candidate = (value as { nodeId?: unknown }).nodeId ?? (value as { id?: unknown }).id;
  return typeof candidate === 'string' && fromGlobalId(candidate) ? candidate : null;
}

function userErrorCodesOf(payload: unknown): string[] {
  const errors = (payload as { userErrors?: unknown } | null)?.userErrors;
  return Array.isArray(errors) ? errors.map((error: { code?: unknown }) => String(error.code)) : [];
}
