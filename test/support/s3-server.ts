import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking the S3 wire protocol for what object storage
 * uses: PUT, GET and DELETE of an object, path-style (`/bucket/key`), with
 * S3's XML errors (NoSuchKey, NoSuchBucket, SignatureDoesNotMatch,
 * InvalidAccessKeyId, BadDigest, IncompleteBody). Every request must carry a
 * valid AWS Signature Version 4 Authorization header for the one key pair it
 * knows, checked as S3 checks it: the canonical request rebuilt from what
 * arrived, signed with the secret, compared with the signature sent; and a
 * signed payload hash compared with the body's. So the tests run the real
 * AWS SDK through the same adapter production uses; only the endpoint differs.
 */
export interface S3TestServer {
  /** The endpoint: http://127.0.0.1:<port> */
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Stored objects by key. */
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  requests: { method: string; key: string; status: number; payloadHash: string | undefined }[];
  /** The adapter's settings for this server, as the STORAGE_* environment. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server(options: { bucket?: string; region?: string } = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'evidence-test';
  const region = options.region ?? 'cn-north-1';
  const accessKeyId = 'AKIATESTLOCALS3SERVER';
  const secretAccessKey = 'local-s3-test-secret/wJalrXUtnFEMI+K7MDENG';
  const objects: S3TestServer['objects'] = new Map();
  const requests: S3TestServer['requests'] = [];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(request.url ?? '/', 'http://s3.local');
      const [, bucketName, ...rest] = url.pathname.split('/');
      const key = rest.map(decodeURIComponent).join('/');
      const payloadHash = header(request, 'x-amz-content-sha256');
      const answer = (status: number, code?: string, message?: string) => {
        requests.push({ method: request.method ?? '', key, status, payloadHash });
        if (code) sendError(response, status, code, message ?? code);
        else response.writeHead(status).end();
      };
      const signature = checkSignature(request, url, { accessKeyId, secretAccessKey, region });
      if (signature) return answer(403, signature.code, signature.message);
      if (payloadHash && payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) {
        return answer(400, 'BadDigest', 'The payload hash does not match the body');
      }
      if (bucketName !== bucket) return answer(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (request.method === 'PUT') {
        const length = Number(header(request, 'content-length'));
        if (!Number.isInteger(length) || length !== body.length) return answer(400, 'IncompleteBody', 'The body is not the length announced');
        objects.set(key, { body, contentType: header(request, 'content-type') });
        requests.push({ method: 'PUT', key, status: 200, payloadHash });
        response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        return;
      }
      if (request.method === 'GET') {
        const object = objects.get(key);
        if (!object) return answer(404, 'NoSuchKey', 'The specified key does not exist.');
        requests.push({ method: 'GET', key, status: 200, payloadHash });
        response.writeHead(200, { 'content-type': object.contentType ?? 'binary/octet-stream', 'content-length': object.body.length }).end(object.body);
        return;
      }
      if (request.method === 'DELETE') {
        objects.delete(key);
        return answer(204);
      }
      return answer(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    env: () => ({
      STORAGE_DRIVER: 's3',
      STORAGE_S3_ENDPOINT: url,
      STORAGE_S3_BUCKET: bucket,
      STORAGE_S3_REGION: region,
      STORAGE_S3_ACCESS_KEY_ID: accessKeyId,
      STORAGE_S3_SECRET_ACCESS_KEY: secretAccessKey,
      STORAGE_S3_FORCE_PATH_STYLE: 'true',
    }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Checks AWS Signature Version 4 as S3 does; null when it holds, else S3's error. */
function checkSignature(
  request: IncomingMessage,
  url: URL,
  keys: { accessKeyId: string; secretAccessKey: string; region: string },
): { code: string; message: string } | null {
  const authorization = header(request, 'authorization') ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return { code: 'AccessDenied', message: 'An AWS4-HMAC-SHA256 Authorization header is required' };
  const [, accessKeyId, day, region, signedHeaderList, signature] = match;
  if (accessKeyId !== keys.accessKeyId) return { code: 'InvalidAccessKeyId', message: 'The AWS access key Id you provided does not exist in our records.' };
  const amzDate = header(request, 'x-amz-date') ?? '';
  if (!amzDate.startsWith(day) || region !== keys.region) return { code: 'AuthorizationHeaderMalformed', message: 'The credential scope does not match' };
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    return { code: 'AccessDenied', message: 'host and x-amz-date must be signed' };
  }
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaderList,
    header(request, 'x-amz-content-sha256') ?? sha256Hex(Buffer.alloc(0)),
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(Buffer.from(canonicalRequest))].join('\n');
  let signingKey = hmac(`AWS4${keys.secretAccessKey}`, day);
  for (const part of [region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return null;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
