import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * What package.json declares about Node is what the locked dependencies
 * accept: every locked package (dev tools included, since `npm ci` installs
 * them) must run on the oldest Node the project says it supports, and the
 * images build on that same line.
 */
const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; version?: string }>;
};

describe('declared Node version', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;

  it('is accepted by every locked dependency', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
        return range && !semver.satisfies(oldest, range) ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('is the line the images are built on', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((match) => Number(match[1]));
    expect(images.length).toBeGreaterThan(0);
    for (const major of images) expect(major).toBe(semver.major(oldest));
  });
});
