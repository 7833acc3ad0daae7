import { GraphQLError } from 'graphql';
import { Extensions, MiddlewareFn } from 'type-graphql';
import { requireWritable } from '../../domain/billing/entitlements';
import { Permission } from '../../domain/permissions';
import type { ApiContext } from '../context';

/**
 * Declares the permission an operation or field needs. The declaration lives in
 * the schema itself (field extensions), so the guard and the permission
 * snapshot test read the very same thing.
 */
export function Requires(permission: Permission): MethodDecorator & PropertyDecorator {
  return Extensions({ permission });
}

/**
 * Marks a mutation a store may still call while it is read-only for an
 * overdue payment: the ones it needs to pay. Every other mutation of such a
 * store answers PAYMENT_REQUIRED (queries are never refused for billing).
 */
export function AllowedWhilePaymentDue(): MethodDecorator & PropertyDecorator {
  return Extensions({ allowedWhilePaymentDue: true });
}

export function declaredPermission(extensions: Record<string, unknown> | undefined | null): Permission | undefined {
  return extensions?.permission as Permission | undefined;
}

/**
 * Deny by default: a root operation without a declared permission is refused,
 * even for an HQ admin. Other fields are open to whoever reached them, unless
 * they declare a permission of their own.
 */
export const permissionGuard: MiddlewareFn<ApiContext> = async ({ context, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  const permission = declaredPermission(field.extensions);
  const isRoot = info.parentType === info.schema.getQueryType() || info.parentType === info.schema.getMutationType();
  if (!permission) {
    if (isRoot) throw new GraphQLError(`${info.fieldName} declares no permission`, { extensions: { code: 'FORBIDDEN' } });
    return next();
  }
  if (permission === Permission.PUBLIC) return next();
  if (!context.caller) {
    throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  if (!context.caller.principal.permissions.has(permission)) {
    throw new GraphQLError(`Your role may not do this (needs ${permission})`, {
      extensions: { code: 'FORBIDDEN', requiredPermission: permission },
    });
  }
  // One place for the read-only rule of billing: every change a store makes passes here first.
  if (context.tenant && info.parentType === info.schema.getMutationType() && !field.extensions?.allowedWhilePaymentDue) {
    await requireWritable(context.tenant);
  }
  return next();
};
