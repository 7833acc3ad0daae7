import type { ObjectStorage } from '../../domain/ports/object-storage';
import type { Config } from '../config';
import { LocalObjectStorage } from './local-object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** The storage the configuration names (STORAGE_DRIVER), ready to use: a local directory that cannot be written fails here, at start. */
export async function openObjectStorage(config: Config): Promise<ObjectStorage & { close?(): void }> {
  if (config.STORAGE_DRIVER === 'local') return LocalObjectStorage.open(config.STORAGE_DIR);
  return new S3ObjectStorage({
    bucket: config.STORAGE_S3_BUCKET!,
    region: config.STORAGE_S3_REGION,
    endpoint: config.STORAGE_S3_ENDPOINT,
    forcePathStyle: config.STORAGE_S3_FORCE_PATH_STYLE,
    credentials:
      config.STORAGE_S3_ACCESS_KEY_ID && config.STORAGE_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: config.STORAGE_S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}
