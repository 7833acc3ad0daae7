import { loadConfig } from '../infra/config';
import { signedQuery } from '../api/http/upload-links';

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

/** The signed links of Upload.url: their key and lifetime, checked at start-up. */
describe('UPLOAD_URL_*', () => {
  const base = { JWT_SECRET: 'a-production-secret-of-our-own-0123456789abcdef' };
  const linkOf = (config: ReturnType<typeof loadConfig>) =>
    signedQuery(config, { tenantId: '00000000-0000-4000-8000-000000000001', id: '00000000-0000-4000-8000-000000000002' }, new Date('2026-12-04T02:00:00Z'));

  test('by default a link lives ten minutes and is signed with a key derived from JWT_SECRET, not with JWT_SECRET itself', () => {
    const config = loadConfig(base);
    expect([config.UPLOAD_URL_SECRET, config.UPLOAD_URL_TTL_SECONDS]).toEqual([undefined, 600]);
    const signed = new URLSearchParams(linkOf(config));
    expect(signed.get('expires')).toBe(String(Date.parse('2026-12-04T02:10:00Z') / 1000));
    // Another JWT_SECRET, or a secret of its own, signs differently.
    expect(linkOf(loadConfig({ JWT_SECRET: 'another-production-secret-0123456789abcdef' }))).not.toBe(linkOf(config));
    expect(linkOf(loadConfig({ ...base, UPLOAD_URL_SECRET: 'x'.repeat(32) }))).not.toBe(linkOf(config));
    expect(linkOf(loadConfig({ ...base, UPLOAD_URL_SECRET: base.JWT_SECRET }))).not.toBe(linkOf(config));
    expect(linkOf(loadConfig({ ...base, UPLOAD_URL_TTL_SECONDS: '30' }))).toMatch(/expires=1796349660&/);
  });

  test.each([
    [{ UPLOAD_URL_SECRET: 'too-short' }, /UPLOAD_URL_SECRET: UPLOAD_URL_SECRET must be at least 32 characters/],
    [{ UPLOAD_URL_TTL_SECONDS: '5' }, /UPLOAD_URL_TTL_SECONDS/],
    [{ UPLOAD_URL_TTL_SECONDS: '86400' }, /UPLOAD_URL_TTL_SECONDS/],
    [{ NODE_ENV: 'production', UPLOAD_URL_SECRET: 'please-change-me-before-going-live-0000' }, /UPLOAD_URL_SECRET: UPLOAD_URL_SECRET is an example value/],
  ])('%j is refused at start-up', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  test('production takes a secret of its own, or none', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).UPLOAD_URL_SECRET).toBeUndefined();
    expect(loadConfig({ ...base, NODE_ENV: 'production', UPLOAD_URL_SECRET: 'k'.repeat(40) }).UPLOAD_URL_SECRET).toBe('k'.repeat(40));
  });
});
