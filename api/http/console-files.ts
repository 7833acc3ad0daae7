import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The built console (dist/console), read once at start: a fixed set of files
 * held in memory, so a request names one of them or gets nothing (no path
 * reaches outside the folder). Each compressible file is gzipped the first
 * time a browser asks for it and kept: never per request, and not at start,
 * where compressing the few megabytes of the bundle at the best level took a
 * tenth of a second of every api's start-up, pages asked for or not.
 */
export interface ConsoleFile {
  body: Buffer;
  /** The gzip form, made on the first call; null for a file not worth compressing. */
  gzipped(): Buffer | null;
  contentType: string;
  /** A file under assets/ carries its content hash in its name: it never changes. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

export function readConsoleFiles(dir: string): Map<string, ConsoleFile> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, ConsoleFile>();
  for (const path of walk(dir)) {
    const name = relative(dir, path).split(sep).join('/');
    const extension = extname(name);
    const body = readFileSync(path);
    const compressible = COMPRESSIBLE.has(extension) && body.length > 1024;
    let gzipped: Buffer | undefined;
    files.set(name, {
      body,
      gzipped: () => (compressible ? (gzipped ??= gzipSync(body, { level: 9 })) : null),
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      immutable: name.startsWith('assets/'),
    });
  }
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
