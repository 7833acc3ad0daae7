import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { UploadContentType } from '../../core/upload-enums';
import { Upload } from '../../schema/entities';
import { storageKeyOf } from '../../schema/entities/upload.entity';
import { recordAudit } from '../audit';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import type { Orm } from '../ports/database';
import type { ObjectStorage } from '../ports/object-storage';
import { inTenantTransaction } from '../tenant-transaction';
import { PURPOSE_RULES, purposeOf } from './upload-purposes';
import { SNIFF_BYTES, sniffContentType } from './sniff-content-type';
import { UploadRefused } from './upload-refused';

/** Who uploads: a tenant's caller, known before any transaction is opened for the row. */
export type Uploader = Omit<TenantContext, 'em'>;

/** An upload as it arrives: the route's query parameters and headers, and the body still unread. */
export interface IncomingUpload {
  purpose: string | undefined;
  filename: string | undefined;
  /** The Content-Type the client sent: a claim, checked against the file's own bytes. */
  declaredType: string | undefined;
  /** The Content-Length the client sent; null when it sent none. */
  declaredSize: number | null;
  body: Readable;
}

const MAX_FILENAME = 200;

/**
 * Takes an upload: checks what can be checked before reading (purpose,
 * permission, name, announced size and type), then the file's first bytes,
 * streams it to object storage with its exact length, and only then records
 * it, in a transaction of its own. If that transaction fails, the stored
 * object is removed again: no row without its file, no file without its row.
 * No transaction is held while the bytes travel.
 */
export async function receiveUpload(deps: { orm: Orm; storage: ObjectStorage }, uploader: Uploader, incoming: IncomingUpload): Promise<Upload> {
  const purpose = purposeOf(incoming.purpose);
  if (!purpose) throw new UploadRefused('INVALID_PURPOSE', 'purpose must be INSPECTION_EVIDENCE or TICKET_ATTACHMENT');
  const rules = PURPOSE_RULES[purpose];
  if (!uploader.principal.permissions.has(rules.upload)) throw forbidden(`Your role may not upload ${purpose} (needs ${rules.upload})`);
  const declaredType = mediaTypeOf(incoming.declaredType);
  const filename = cleanFilename(incoming.filename);
  const size = incoming.declaredSize;
  if (size === null) throw new UploadRefused('LENGTH_REQUIRED', 'Send the file with a Content-Length header');
  if (size === 0) throw new UploadRefused('EMPTY', 'The file is empty');
  if (size > rules.maxBytes) throw new UploadRefused('TOO_LARGE', `${purpose} files may be at most ${rules.maxBytes} bytes; this one has ${size}`);
  if (declaredType !== null && !rules.types.includes(declaredType as UploadContentType)) {
    throw new UploadRefused('UNSUPPORTED_TYPE', `${purpose} accepts ${rules.types.join(', ')}; not ${declaredType}`);
  }

  const body = withHead(incoming.body, SNIFF_BYTES);
  const type = sniffContentType(
    await body.head.catch(() => Promise.reject(new UploadRefused('INCOMPLETE', 'The file did not arrive whole; nothing was kept'))),
  );
  if (type === null || !rules.types.includes(type)) {
    throw new UploadRefused('UNSUPPORTED_TYPE', `${purpose} accepts ${rules.types.join(', ')}; the file is none of them`);
  }
  if (declaredType !== null && declaredType !== type) {
    throw new UploadRefused('TYPE_MISMATCH', `The file was sent as ${declaredType} but is ${type}`);
  }

  const id = randomUUID();
  const key = storageKeyOf(uploader.tenantId, id);
  try {
    await deps.storage.put(key, body.stream, { contentType: type, size });
  } catch (error) {
    if (body.failed()) throw new UploadRefused('INCOMPLETE', 'The file did not arrive whole; nothing was kept');
    throw error;
  }
  try {
    return await inTenantTransaction(deps.orm, uploader.tenantId, async (em) => {
      const upload = em.create(Upload, {
        tenantId: uploader.tenantId,
        id,
        purpose,
        filename: filename ?? `upload.${EXTENSIONS[type]}`,
        contentType: type,
        sizeBytes: size,
        uploadedById: uploader.principal.kind === 'USER' ? uploader.principal.id : null,
        createdAt: uploader.clock.now(),
      });
      recordAudit({ ...uploader, em }, 'UPLOAD_STORED', { uploadId: id, purpose, contentType: type, sizeBytes: size });
      await em.flush();
      return upload;
    });
  } catch (error) {
    // The row did not commit: its object goes too (a failure to remove it is the smaller harm, and is not hidden behind the first error).
    await deps.storage.delete(key).catch(() => undefined);
    throw error;
  }
}

const EXTENSIONS: Readonly<Record<UploadContentType, string>> = {
  [UploadContentType.JPEG]: 'jpg',
  [UploadContentType.PNG]: 'png',
  [UploadContentType.WEBP]: 'webp',
  [UploadContentType.PDF]: 'pdf',
};

/** The media type of a Content-Type header, lower case and without parameters; null for none or a generic one (application/octet-stream). */
function mediaTypeOf(header: string | undefined): string | null {
  const type = header?.split(';')[0].trim().toLowerCase();
  return !type || type === 'application/octet-stream' ? null : type;
}

/**
 * The file's own name, without any folder a client put before it and
 * without control characters; null when none was given. It is only ever
 * shown and offered back as a download name, never used as a path.
 */
function cleanFilename(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new UploadRefused('INVALID_FILENAME', 'filename must name a file');
  if ([...name].length > MAX_FILENAME) throw new UploadRefused('INVALID_FILENAME', `filename may be at most ${MAX_FILENAME} characters`);
  return name;
}

/**
 * The body's first `bytes` bytes, read ahead, and a stream of the whole body
 * (those bytes included) for storage. `failed()` says whether the body itself
 * broke off (the client went away) rather than the storage.
 */
function withHead(source: Readable, bytes: number): { head: Promise<Buffer>; stream: Readable; failed(): boolean } {
  const reader = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let broken = false;
  const next = async () => {
    try {
      return await reader.next();
    } catch (error) {
      broken = true;
      throw error;
    }
  };
  const head = (async () => {
    const chunks: Buffer[] = [];
    let length = 0;
    let ended = false;
    while (length < bytes) {
      const step = await next();
      if (step.done) {
        ended = true;
        break;
      }
      chunks.push(step.value);
      length += step.value.length;
    }
    return { buffer: Buffer.concat(chunks), ended };
  })();
  const stream = Readable.from(
    (async function* () {
      const { buffer, ended } = await head;
      yield buffer;
      if (ended) return;
      for (;;) {
        const step = await next();
        if (step.done) return;
        yield step.value;
      }
    })(),
    { objectMode: false },
  );
  return { head: head.then(({ buffer }) => buffer.subarray(0, bytes)), stream, failed: () => broken };
}
