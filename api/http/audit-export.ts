import type { FastifyInstance } from 'fastify';
import { fromGlobalId } from '../../core/global-id';
import { AuditFilter, readAuditTrail } from '../../domain/audit-trail/list-entries';
import { AccessError } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { AuditEntry, toAuditEntry } from '../../schema/graphql/audit.types';
import { auditFilterOf } from '../audit-filter';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { Query, registerExport } from './export-route';
import { BadParameter, EXPORT_PAGE_SIZE, listParameter } from './export-stream';

const CSV_COLUMNS: readonly (keyof AuditEntry)[] = [
  'occurredAt',
  'tenantId',
  'actorKind',
  'actorId',
  'operation',
  'outcome',
  'objectIds',
  'detail',
  'requestId',
  'traceId',
  'id',
];

/**
 * GET /exports/audit-entries.csv and .json: the audit trail with the filters
 * of the `auditEntries` query as query parameters (actor, objectId, operation,
 * from, to, tenantIds, comma-separated), authenticated like the API (a bearer
 * API key or access token) and allowed to the same roles. The entries are
 * streamed page by page, newest first, so an export of any size holds one page.
 */
export function registerAuditExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  registerExport<AuditFilter, AuditEntry>(app, deps, limits, {
    filename: 'audit-entries',
    permission: Permission.AUDIT_READ,
    columns: CSV_COLUMNS,
    parse: (query) => auditFilterOf(sentFilterOf(query)),
    async produce(tenant, filter, writer) {
      await readAuditTrail(tenant, filter, { pageSize: EXPORT_PAGE_SIZE }, async (rows) => {
        for (const row of rows) await writer.write(toAuditEntry(row));
      });
    },
  });
}

function sentFilterOf(query: Query) {
  return {
    actor: query.actor || null,
    objectId: query.objectId || null,
    operation: query.operation || null,
    from: instantOf(query.from, 'from'),
    to: instantOf(query.to, 'to'),
    tenantIds: listParameter(query.tenantIds)?.map(tenantUuidOf) ?? null,
  };
}

function instantOf(value: string | undefined, name: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadParameter(`\`${name}\` must be an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z`);
  return date;
}

/** A malformed tenant id is NOT_FOUND, exactly like another network's: ids reveal nothing. */
function tenantUuidOf(globalId: string): string {
  const decoded = fromGlobalId(globalId.trim(), 'Tenant');
  if (!decoded) throw new AccessError('NOT_FOUND', 'Tenant not found');
  return decoded.id;
}
