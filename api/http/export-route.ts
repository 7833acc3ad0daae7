import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantContext } from '../../domain/context';
import type { Permission } from '../../domain/permissions';
import type { ApiDeps } from '../context';
import type { EdgeLimits } from '../limits/edge-limits';
import { exportContext, ExportFormat, RecordWriter, refuseFor, streamExport } from './export-stream';

/** A route's query string, as Fastify parses it. */
export type Query = Record<string, string | undefined>;

/** What one export is: where it is, who may read it, how its query string reads and what it writes. */
export interface ExportRoute<P, T> {
  /** The file's name, also the route's: GET /exports/<filename>.csv and .json. */
  filename: string;
  permission: Permission;
  columns: readonly (keyof T & string)[];
  /** The query string read before anything is streamed; what it throws (a BadParameter, a store not found) is the refusal. */
  parse: (query: Query) => P;
  /** Hands the records to the writer, read as the caller in the request's transaction. */
  produce: (tenant: TenantContext, parameters: P, writer: RecordWriter<T>) => Promise<void>;
}

/**
 * Registers an export in both formats. Every export is authenticated and
 * allowed like the API (401 or 403 in its error shape), reads its query
 * string before the body starts (a bad value is answered 400, a store that is
 * not the caller's 404) and then streams what `produce` hands over.
 */
export function registerExport<P, T>(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits, route: ExportRoute<P, T>): void {
  for (const format of ['csv', 'json'] as const) {
    app.get(`/exports/${route.filename}.${format}`, (request, reply) => runExport(deps, limits, route, format, request, reply));
  }
}

async function runExport<P, T>(
  deps: ApiDeps,
  limits: EdgeLimits,
  route: ExportRoute<P, T>,
  format: ExportFormat,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const context = await exportContext(deps, limits, route.permission, request, reply);
  if (!context?.tenant) return reply;
  const tenant = context.tenant;
  let parameters: P;
  try {
    parameters = route.parse(request.query as Query);
  } catch (error) {
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  const { filename, columns } = route;
  return streamExport<T>(context, request, reply, { format, filename, columns }, (writer) => route.produce(tenant, parameters, writer));
}
