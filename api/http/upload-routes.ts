import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromGlobalId } from '../../core/global-id';
import { UploadContentType } from '../../core/upload-enums';
import { notFound } from '../../domain/errors';
import type { ObjectStorage } from '../../domain/ports/object-storage';
import { Permission } from '../../domain/permissions';
import { receiveUpload } from '../../domain/uploads/receive-upload';
import { findUpload } from '../../domain/uploads/upload-access';
import { PURPOSE_RULES } from '../../domain/uploads/upload-purposes';
import { REFUSAL_STATUS, UploadRefused } from '../../domain/uploads/upload-refused';
import { inTenantTransaction } from '../../domain/tenant-transaction';
import { Upload } from '../../schema/entities';
import type { ApiDeps } from '../context';
import { finishRequestTransaction } from '../graphql/request-context';
import type { EdgeLimits } from '../limits/edge-limits';
import { exportContext, refuse, refuseFor } from './export-stream';
import { checkSignedQuery, signedQuery } from './upload-links';

/** Where an upload's bytes are served: its global id, the same id GraphQL gives it. */
export function uploadPath(upload: Upload): string {
  return `/uploads/${upload.nodeId}`;
}

/** The largest body any purpose accepts: Fastify's own limit for the upload route, above which nothing is read. */
const LARGEST_UPLOAD = Math.max(...Object.values(PURPOSE_RULES).map((rules) => rules.maxBytes));

/**
 * POST /uploads?purpose=…&filename=… takes one file as the raw request body
 * (its Content-Type and Content-Length as sent by any HTTP client) and
 * answers 201 with the upload's id, usable in GraphQL (`node`, `upload`,
 * `attachUploadToTicket`). GET /uploads/<id> streams it back to whoever may
 * read it: the same tenant, and its HQ through the network scope. Both are
 * authenticated like the API (a bearer API key or access token).
 */
export async function registerUploadRoutes(app: FastifyInstance, deps: ApiDeps, limits: EdgeLimits, storage: ObjectStorage): Promise<void> {
  await app.register(async (scope) => {
    // The body is not parsed: the handler streams it to storage as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.post('/uploads', { bodyLimit: LARGEST_UPLOAD }, (request, reply) => postUpload(deps, limits, storage, request, reply));
  });
  app.get('/uploads/:id', (request, reply) => getUpload(deps, limits, storage, request, reply));
}

async function postUpload(deps: ApiDeps, limits: EdgeLimits, storage: ObjectStorage, request: FastifyRequest, reply: FastifyReply) {
  // The purpose's own permission is checked by receiveUpload; here only that the caller is someone.
  const context = await exportContext(deps, limits, Permission.VIEWER_READ, request, reply);
  if (!context?.tenant) return reply;
  const { tenantId, tenantKind, principal, clock } = context.tenant;
  const uploader = { tenantId, tenantKind, principal, clock };
  // Authentication is all this transaction was for: none is held while the bytes travel.
  await finishRequestTransaction(context, 'commit');
  const query = request.query as Record<string, string | undefined>;
  const length = request.headers['content-length'];
  try {
    const upload = await receiveUpload({ orm: deps.orm, storage }, uploader, {
      purpose: query.purpose,
      filename: query.filename,
      declaredType: request.headers['content-type'],
      declaredSize: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
      body: request.raw,
    });
    return reply
      .code(201)
      .header('location', uploadPath(upload))
      .send({
        upload: {
          id: upload.nodeId,
          purpose: upload.purpose,
          filename: upload.filename,
          contentType: upload.contentType,
          sizeBytes: upload.sizeBytes,
          createdAt: upload.createdAt.toISOString(),
          downloadUrl: `${deps.config.PUBLIC_BASE_URL}${uploadPath(upload)}`,
          // A signed link, as `Upload.url` gives: the console shows the photo at once.
          url: `${uploadPath(upload)}?${signedQuery(deps.config, upload, deps.clock.now())}`,
        },
      });
  } catch (error) {
    if (error instanceof UploadRefused) return refuse(reply, REFUSAL_STATUS[error.code], error.code, error.message);
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
}

async function getUpload(deps: ApiDeps, limits: EdgeLimits, storage: ObjectStorage, request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, string | undefined>;
  // A signed link (`Upload.url`) stands in for the credential: an <img> cannot send one.
  if (query.sig !== undefined) return getSignedUpload(deps, storage, request, reply, query);
  const context = await exportContext(deps, limits, Permission.VIEWER_READ, request, reply);
  if (!context?.tenant) return reply;
  let upload: Upload;
  try {
    const decoded = fromGlobalId((request.params as { id: string }).id, 'Upload');
    if (!decoded) throw notFound('Upload');
    upload = await findUpload(context.tenant, decoded.id);
    // Committed before streaming: an HQ's network read is recorded, and no transaction waits on a slow reader.
    await finishRequestTransaction(context, 'commit');
  } catch (error) {
    await finishRequestTransaction(context, 'rollback').catch(() => undefined);
    if (refuseFor(reply, error)) return reply;
    throw error;
  }
  return sendUpload(storage, request, reply, upload, 'private, no-store');
}

/**
 * GET /uploads/<id>?tenant=…&expires=…&sig=…: the link `Upload.url` gave to
 * someone who could read the upload. A wrong signature is 403
 * INVALID_SIGNATURE, a link past its time 403 LINK_EXPIRED; the browser may
 * keep the file until the link expires.
 */
async function getSignedUpload(deps: ApiDeps, storage: ObjectStorage, request: FastifyRequest, reply: FastifyReply, query: Record<string, string | undefined>) {
  const now = deps.clock.now();
  const decoded = fromGlobalId((request.params as { id: string }).id, 'Upload');
  const check = decoded ? checkSignedQuery(deps.config, decoded.id, query, now) : null;
  if (!check?.ok) {
    const code = check?.code ?? 'INVALID_SIGNATURE';
    return refuse(reply, 403, code, code === 'LINK_EXPIRED' ? 'The link has expired; read the upload again for a new one' : 'The link is not valid');
  }
  const upload = await inTenantTransaction(deps.orm, check.tenantId, (em) => em.findOne(Upload, { tenantId: check.tenantId, id: check.uploadId }));
  if (!upload) return refuse(reply, 404, 'NOT_FOUND', 'Upload not found');
  const seconds = Math.max(0, Math.floor((check.expiresAt.getTime() - now.getTime()) / 1000));
  return sendUpload(storage, request, reply, upload, `private, max-age=${seconds}`);
}

async function sendUpload(storage: ObjectStorage, request: FastifyRequest, reply: FastifyReply, upload: Upload, cacheControl: string) {
  const object = await storage.get(upload.storageKey);
  if (!object) {
    request.log.error({ uploadId: upload.id, tenantId: upload.tenantId }, 'an upload has no object in storage');
    return refuse(reply, 404, 'NOT_FOUND', 'Upload not found');
  }
  return reply
    .header('content-type', upload.contentType)
    .header('content-length', object.size)
    .header('content-disposition', contentDisposition(upload))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .send(object.body);
}

/**
 * Photos open in the browser; a PDF is saved, not rendered on this origin.
 * The name is given twice: plain ASCII for old clients, and UTF-8 (RFC 6266,
 * RFC 5987) so a Chinese file name comes back as it was.
 */
function contentDisposition(upload: Upload): string {
  const disposition = upload.contentType === UploadContentType.PDF ? 'attachment' : 'inline';
  const ascii = upload.filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const utf8 = encodeURIComponent(upload.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
