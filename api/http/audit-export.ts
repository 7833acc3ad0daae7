import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { fromGlobalId } from '../../core/global-id';
import { readAuditTrail } from '../../domain/audit-trail/list-entries';
import { AccessError } from '../../domain/errors';
import { Permission } from '../../domain/permissions';
import { AuditEntry, toAuditEntry } from '../../schema/graphql/audit.types';
import { auditFilterOf } from '../audit-filter';
import type { ApiContext, ApiDeps } from '../context';
import { createRequestContext, finishRequestTransaction } from '../graphql/request-context';
import type { EdgeLimits } from '../limits/edge-limits';

/** Rows read per keyset page: the most an export holds in memory at once. */
const EXPORT_PAGE_SIZE = 500;

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

type Format = 'csv' | 'json';

/**
 * GET /exports/audit-entries.csv and .json: the audit trail with the filters
 * of the `auditEntries` query as query parameters (actor, objectId, operation,
 * from, to, tenantIds, comma-separated), authenticated like the API (a bearer
 * API key or access token) and allowed to the same roles. The entries are
 * streamed page by page, newest first, so an export of any size holds one page.
 */
export function registerAuditExport(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits): void {
  for (const format of ['csv', 'json'] as const) {
    app.get(`/exports/audit-entries.${format}`, (request, reply) => exportAuditEntries(deps, limits, format, request, reply));
  }
}

async function exportAuditEntries(deps: ApiDeps, limits: EdgeLimits, format: Format, request: FastifyRequest, reply: FastifyReply) {
  let context: ApiContext;
  try {
    context = await createRequestContext(deps, limits, request);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return refuse(reply, 401, 'UNAUTHENTICATED', error.message);
    throw error;
  }
  const tenant = context.tenant;
  if (!tenant) return refuse(reply, 401, 'UNAUTHENTICATED', 'Authentication required');
  if (!tenant.principal.permissions.has(Permission.AUDIT_READ)) {
    return refuse(reply, 403, 'FORBIDDEN', `Your role may not do this (needs ${Permission.AUDIT_READ})`);
  }
  let filter;
  try {
    filter = auditFilterOf(sentFilterOf(request.query as Record<string, string | undefined>));
  } catch (error) {
    if (error instanceof AccessError) return refuse(reply, 404, error.code, error.message);
    if (error instanceof BadParameter) return refuse(reply, 400, 'BAD_REQUEST', error.message);
    throw error;
  }

  const out = new PassThrough();
  reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="audit-entries.${format}"`)
    .header('cache-control', 'no-store')
    .send(out);
  // A client that goes away mid-export stops the reading, and its transaction ends with it.
  const write = async (chunk: string) => {
    if (out.destroyed) throw new Error('the client went away');
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    if (out.destroyed) throw new Error('the client went away');
  };
  void (async () => {
    let first = true;
    await write(format === 'csv' ? `\uFEFF${CSV_COLUMNS.join(',')}\r\n` : '[');
    await readAuditTrail(tenant, filter, { pageSize: EXPORT_PAGE_SIZE }, async (rows) => {
      for (const row of rows) {
        const entry = toAuditEntry(row);
        if (format === 'csv') await write(`${csvLineOf(entry)}\r\n`);
        else await write(`${first ? '\n' : ',\n'}${JSON.stringify(entry)}`);
        first = false;
      }
    });
    if (format === 'json') await write('\n]\n');
    // An HQ's read of its network is itself written to the trail: committed before the export ends.
    await finishRequestTransaction(context, 'commit');
    out.end();
  })().catch(async (error: unknown) => {
    if (!out.destroyed) request.log.error({ err: error }, 'audit export failed');
    // A cut-off body, never one that looks complete.
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    await finishRequestTransaction(context, 'rollback').catch(() => undefined);
  });
  return reply;
}

class BadParameter extends Error {}

function sentFilterOf(query: Record<string, string | undefined>) {
  return {
    actor: query.actor || null,
    objectId: query.objectId || null,
    operation: query.operation || null,
    from: instantOf(query.from, 'from'),
    to: instantOf(query.to, 'to'),
    tenantIds: query.tenantIds ? query.tenantIds.split(',').map(tenantUuidOf) : null,
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

/**
 * RFC 4180: a field holding a comma, a quote or a line break is quoted, its
 * quotes doubled. A text a spreadsheet would run as a formula (it starts with
 * =, +, -, @, a tab or a carriage return) is kept as text by a leading
 * apostrophe, so an entry's free text cannot act on the reader's machine.
 */
export function csvFieldOf(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : Array.isArray(value)
          ? value.join(' ')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function csvLineOf(entry: AuditEntry): string {
  return CSV_COLUMNS.map((column) => csvFieldOf(entry[column])).join(',');
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
}
