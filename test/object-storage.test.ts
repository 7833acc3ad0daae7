import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { ObjectStorage } from '../domain/ports/object-storage';
import { LocalObjectStorage } from '../infra/storage/local-object-storage';
import { S3ObjectStorage } from '../infra/storage/s3-object-storage';
import { S3TestServer, startS3Server } from './support/s3-server';

/**
 * The two adapters of the object storage port keep the same promise: an
 * object is there whole or not at all, and reads back byte for byte. The S3
 * adapter runs the real AWS SDK against a local server speaking S3's wire
 * protocol, which checks every request's SigV4 signature.
 */
let s3: S3TestServer;
let directory: string;

beforeAll(async () => {
  s3 = await startS3Server();
  directory = await mkdtemp(join(tmpdir(), 'aftersales-storage-'));
});

afterAll(async () => {
  await s3?.stop();
  await rm(directory, { recursive: true, force: true });
});

const key = () => `${randomUUID()}/${randomUUID()}`;
const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

const adapters: [string, () => Promise<ObjectStorage>][] = [
  ['local directory', () => LocalObjectStorage.open(directory)],
  [
    'S3-compatible',
    async () =>
      new S3ObjectStorage({
        bucket: s3.bucket,
        region: s3.region,
        endpoint: s3.url,
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      }),
  ],
];

describe.each(adapters)('%s', (_name, open) => {
  test('stores a streamed object, reads it back byte for byte, deletes it', async () => {
    const storage = await open();
    const k = key();
    await storage.put(k, chunks('%PDF-1.7 ', 'second chunk ', '维修单'), { contentType: 'application/pdf', size: 9 + 13 + 9 });
    const stored = await storage.get(k);
    expect(stored?.size).toBe(31);
    expect(await text(stored!.body)).toBe('%PDF-1.7 second chunk 维修单');
    await storage.delete(k);
    expect(await storage.get(k)).toBeNull();
    // Deleting what is not there is not an error.
    await storage.delete(k);
  });

  test('a body shorter or longer than announced leaves nothing under the key', async () => {
    const storage = await open();
    const short = key();
    await expect(storage.put(short, chunks('abc'), { contentType: 'image/png', size: 4 })).rejects.toThrow(/ended after 3 of the 4 bytes/);
    expect(await storage.get(short)).toBeNull();
    const long = key();
    await expect(storage.put(long, chunks('abc', 'de'), { contentType: 'image/png', size: 4 })).rejects.toThrow(/longer than the 4 bytes/);
    expect(await storage.get(long)).toBeNull();
  });

  test('a key the product does not make is refused before it reaches a path or a URL', async () => {
    const storage = await open();
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not an object key/);
  });
});

test('the local directory keeps no partial file after a failed write, and the object under its key only', async () => {
  const storage = await LocalObjectStorage.open(directory);
  const [tenant, upload] = [randomUUID(), randomUUID()];
  await expect(storage.put(`${tenant}/${upload}`, chunks('12'), { contentType: 'image/png', size: 3 })).rejects.toThrow();
  expect(await readdir(join(directory, tenant))).toEqual([]);
  await storage.put(`${tenant}/${upload}`, chunks('123'), { contentType: 'image/png', size: 3 });
  expect(await readdir(join(directory, tenant))).toEqual([upload]);
});

test('a local directory that cannot be used fails when it is opened, naming STORAGE_DIR', async () => {
  const file = join(directory, 'a-file');
  await writeFile(file, 'not a directory');
  await expect(LocalObjectStorage.open(join(file, 'uploads'))).rejects.toThrow(/^STORAGE_DIR .*a-file\/uploads cannot be used for uploads/);
});

test('the S3 server takes only requests signed with the right secret, and the adapter signs every one', async () => {
  const wrong = new S3ObjectStorage({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: 'not-the-secret' },
  });
  const k = key();
  await expect(wrong.put(k, chunks('abcd'), { contentType: 'image/png', size: 4 })).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  expect(s3.objects.has(k)).toBe(false);
  const before = s3.requests.length;
  const right = (await adapters[1][1]()) as S3ObjectStorage;
  await right.put(k, chunks('abcd'), { contentType: 'image/png', size: 4 });
  expect(s3.objects.get(k)).toEqual({ body: Buffer.from('abcd'), contentType: 'image/png' });
  expect(s3.requests.slice(before)).toEqual([{ method: 'PUT', key: k, status: 200, payloadHash: expect.any(String) }]);
  wrong.close();
  right.close();
});
