import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { AccessError, UserInputError } from '../../domain/errors';
import type { Permission } from '../../domain/permissions';
import type { ApiContext, ApiDeps } from '../context';
import { createRequestContext, finishRequestTransaction } from '../graphql/request-context';
import type { EdgeLimits } from '../limits/edge-limits';

/** Rows read per keyset page: the most an export holds in memory at once. */
export const EXPORT_PAGE_SIZE = 500;

export type ExportFormat = 'csv' | 'json';

/** A query parameter the route cannot read: answered 400 before anything is streamed. */
export class BadParameter extends Error {}

/**
 * The request's context when it is authenticated and its role holds
 * `permission`; otherwise the refusal is sent (401 or 403, in the API's error
 * shape) and null is answered.
 */
export async function exportContext(
  deps: ApiDeps,
  limits: EdgeLimits,
  permission: Permission,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ApiContext | null> {
  let context: ApiContext;
  try {
    context = await createRequestContext(deps, limits, request);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
      refuse(reply, 401, 'UNAUTHENTICATED', error.message);
      return null;
    }
    throw error;
  }
  if (!context.tenant) {
    refuse(reply, 401, 'UNAUTHENTICATED', 'Authentication required');
    return null;
  }
  if (!context.tenant.principal.permissions.has(permission)) {
    await finishRequestTransaction(context, 'rollback').catch(() => undefined);
    refuse(reply, 403, 'FORBIDDEN', `Your role may not do this (needs ${permission})`);
    return null;
  }
  return context;
}

/** Sends a refusal for an error thrown before anything was streamed; false for an error that is not a refusal. */
export function refuseFor(reply: FastifyReply, error: unknown): boolean {
  if (error instanceof AccessError) refuse(reply, error.code === 'FORBIDDEN' ? 403 : error.code === 'UNAUTHENTICATED' ? 401 : 404, error.code, error.message);
  else if (error instanceof UserInputError) refuse(reply, 400, 'BAD_USER_INPUT', error.message);
  else if (error instanceof BadParameter) refuse(reply, 400, 'BAD_REQUEST', error.message);
  else return false;
  return true;
}

export function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
}

/** Writes records as CSV lines or JSON array elements, as the export's format asks. */
export interface RecordWriter<T> {
  write(record: T): Promise<void>;
}

/**
 * Streams an export: `produce` hands records over (a page at a time, so the
 * body is never held whole) and they are written as they come, with the
 * stream's back-pressure. The response starts with the first record (or at
 * the end), so a refusal the reading raises first (a store that is not the
 * caller's, a malformed period) is still answered with its status instead of
 * an empty file. CSV is UTF-8 with a byte order mark, one header line, CRLF
 * line ends, RFC 4180 quoting and formula-inert cells; JSON is one array. The
 * request's transaction is committed when the body is complete (an HQ's
 * audited network read with it), and rolled back and the body cut off if
 * anything fails, so a broken export never looks complete.
 */
export async function streamExport<T>(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { format: ExportFormat; filename: string; columns: readonly (keyof T & string)[] },
  produce: (writer: RecordWriter<T>) => Promise<void>,
): Promise<FastifyReply> {
  const { format, filename, columns } = options;
  let out: PassThrough | null = null;
  let first = true;
  const send = async (chunk: string) => {
    if (!out) {
      out = new PassThrough();
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}.${format}"`)
        .header('cache-control', 'no-store')
        .send(out);
      chunk = (format === 'csv' ? `\uFEFF${columns.join(',')}\r\n` : '[') + chunk;
    }
    const stream = out;
    // A client that goes away mid-export stops the reading, and its transaction ends with it.
    if (stream.destroyed) throw new Error('the client went away');
    if (!stream.write(chunk)) {
      // The listener of whichever did not happen is taken off again, so a long export adds none per page.
      const settled = new AbortController();
      await Promise.race([once(stream, 'drain', { signal: settled.signal }), once(stream, 'close', { signal: settled.signal })]).finally(() => settled.abort());
    }
    if (stream.destroyed) throw new Error('the client went away');
  };
  const writer: RecordWriter<T> = {
    async write(record) {
      if (format === 'csv') await send(`${csvLineOf(columns, record)}\r\n`);
      else await send(`${first ? '\n' : ',\n'}${JSON.stringify(record)}`);
      first = false;
    },
  };
  try {
    await produce(writer);
    await send(format === 'json' ? `${first ? '' : '\n'}]\n` : '');
    await finishRequestTransaction(context, 'commit');
    (out as PassThrough | null)?.end();
  } catch (error) {
    await finishRequestTransaction(context, 'rollback').catch(() => undefined);
    const started = out as PassThrough | null;
    if (!started) {
      if (refuseFor(reply, error)) return reply;
      throw error;
    }
    if (!started.destroyed) request.log.error({ err: error }, `${filename} export failed`);
    // A cut-off body, never one that looks complete.
    started.destroy(error instanceof Error ? error : new Error(String(error)));
  }
  return reply;
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

function csvLineOf<T>(columns: readonly (keyof T & string)[], record: T): string {
  return columns.map((column) => csvFieldOf(record[column])).join(',');
}

/** A comma-separated query parameter; none when absent or empty. */
export function listParameter(value: string | undefined): string[] | null {
  if (!value) return null;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? items : null;
}
