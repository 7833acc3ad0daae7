import { loadConfig } from '../infra/config';

/** Object storage is configured by STORAGE_*: checked at start-up, each mistake named with its variable. */
describe('STORAGE_*', () => {
  test('by default, files go to var/uploads on this machine', () => {
    const config = loadConfig({});
    expect([config.STORAGE_DRIVER, config.STORAGE_DIR, config.STORAGE_S3_REGION, config.STORAGE_S3_FORCE_PATH_STYLE]).toEqual([
      'local',
      'var/uploads',
      'us-east-1',
      false,
    ]);
  });

  test('an S3-compatible service with a bucket, its keys and path-style addressing', () => {
    const config = loadConfig({
      STORAGE_DRIVER: 's3',
      STORAGE_S3_ENDPOINT: 'http://minio:9000',
      STORAGE_S3_BUCKET: 'aftersales-evidence',
      STORAGE_S3_ACCESS_KEY_ID: 'minio',
      STORAGE_S3_SECRET_ACCESS_KEY: 'minio-secret',
      STORAGE_S3_FORCE_PATH_STYLE: 'true',
    });
    expect([config.STORAGE_S3_ENDPOINT, config.STORAGE_S3_BUCKET, config.STORAGE_S3_FORCE_PATH_STYLE]).toEqual([
      'http://minio:9000',
      'aftersales-evidence',
      true,
    ]);
    // Without keys the SDK's default credentials (an instance or task role) are used.
    expect(loadConfig({ STORAGE_DRIVER: 's3', STORAGE_S3_BUCKET: 'aftersales-evidence', STORAGE_S3_ENDPOINT: '' }).STORAGE_S3_ENDPOINT).toBeUndefined();
  });

  test.each([
    [{ STORAGE_DRIVER: 'ftp' }, /STORAGE_DRIVER: Invalid (enum value|option)/],
    [{ STORAGE_DIR: '  ' }, /STORAGE_DIR: STORAGE_DIR must name a directory/],
    [{ STORAGE_DRIVER: 's3' }, /STORAGE_S3_BUCKET: STORAGE_S3_BUCKET is required when STORAGE_DRIVER=s3/],
    [{ STORAGE_S3_BUCKET: 'Evidence_Bucket' }, /STORAGE_S3_BUCKET: STORAGE_S3_BUCKET must be a bucket name/],
    [{ STORAGE_S3_ENDPOINT: 'minio:9000' }, /STORAGE_S3_ENDPOINT: STORAGE_S3_ENDPOINT must be an http or https URL/],
    [{ STORAGE_S3_ACCESS_KEY_ID: 'minio' }, /STORAGE_S3_SECRET_ACCESS_KEY: STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY go together/],
    [{ STORAGE_S3_SECRET_ACCESS_KEY: 'minio-secret' }, /STORAGE_S3_ACCESS_KEY_ID: STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY go together/],
    [{ STORAGE_S3_FORCE_PATH_STYLE: 'yes' }, /STORAGE_S3_FORCE_PATH_STYLE: STORAGE_S3_FORCE_PATH_STYLE must be true or false/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
