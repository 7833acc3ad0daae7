import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { ObjectStorage, StoredObject } from '../../domain/ports/object-storage';
import { checkedKey, exactLength } from './exact-length';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Another S3-compatible service (MinIO, a cloud's S3 API); absent: AWS's own endpoint for the region. */
  endpoint?: string;
  /** Addresses the bucket in the path (`host/bucket/key`) instead of the host name, as MinIO and most compatible services want. */
  forcePathStyle: boolean;
  /** Absent: the SDK's default chain (environment, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Objects in a bucket of an S3-compatible service, through the AWS SDK (the
 * only module that imports it: a depcruise rule). Each upload is one PUT with
 * its exact length, so the service keeps either the whole object or nothing.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only where S3 demands them: compatible services differ on the newer trailing checksums, and each PUT is already length-checked.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A streamed body cannot be sent a second time: a failed upload is the client's to retry.
      maxAttempts: 1,
    });
  }

  async put(key: string, body: Readable, object: { contentType: string; size: number }): Promise<void> {
    const counted = body.pipe(exactLength(object.size));
    // A body that breaks off or runs long aborts the PUT (the service keeps nothing), instead of leaving it waiting for bytes.
    const abort = new AbortController();
    let broken: Error | null = null;
    const stop = (error: Error) => {
      broken ??= error;
      abort.abort(error);
    };
    body.once('error', stop);
    counted.once('error', stop);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key), Body: counted, ContentLength: object.size, ContentType: object.contentType }),
        { abortSignal: abort.signal },
      );
    } catch (error) {
      throw broken ?? error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key) }));
      if (!(answer.Body instanceof Readable)) throw new Error('the S3 client answered a body that is not a Node stream');
      return { body: answer.Body, size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: checkedKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }
}
