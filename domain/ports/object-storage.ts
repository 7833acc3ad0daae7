import type { Readable } from 'node:stream';

/**
 * Where uploaded files (evidence photos, ticket attachments) are kept: an
 * object store addressed by key. Production speaks to an S3-compatible
 * service (infra/storage/s3-object-storage.ts); the demo and a single machine
 * keep files in a local directory (infra/storage/local-object-storage.ts).
 * Tests run the same adapters against a directory of their own and a local
 * server speaking the S3 wire protocol.
 */
export interface ObjectStorage {
  /**
   * Stores `size` bytes read from `body` under `key`. The object exists only
   * once every byte has arrived: a body that ends early, runs long or fails
   * leaves nothing behind under the key and rejects.
   */
  put(key: string, body: Readable, object: { contentType: string; size: number }): Promise<void>;
  /** The object's bytes as a stream, or null when there is no object under the key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredObject {
  body: Readable;
  size: number;
}
