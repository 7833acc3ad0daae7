import { fromGlobalId } from '../core/global-id';
import type { AuditFilter } from '../domain/audit-trail/list-entries';
import { notFound } from '../domain/errors';

/** The audit trail's filter as a client sends it: global ids, instants. */
export interface SentAuditFilter {
  actor?: string | null;
  objectId?: string | null;
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Already decoded to uuids by the caller (GraphQL decodes them before the resolver runs). */
  tenantIds?: string[] | null;
}

/**
 * The filter the domain reads. An actor that is not a user's or a key's
 * global id is NOT_FOUND, like any malformed id. An object id stays the
 * global id it is: that is how the trail keeps it.
 */
export function auditFilterOf(filter: SentAuditFilter | null | undefined): AuditFilter {
  if (!filter) return {};
  let actorId: string | null = null;
  if (filter.actor) {
    const actor = fromGlobalId(filter.actor, 'StaffUser', 'ApiKey');
    if (!actor) throw notFound('Actor');
    actorId = actor.id;
  }
  return {
    actorId,
    objectId: filter.objectId || null,
    operation: filter.operation || null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    tenantIds: filter.tenantIds ?? null,
  };
}
