import { Transform } from 'node:stream';

/**
 * Passes `size` bytes through and fails the stream on a byte more or a byte
 * less, so a storage adapter never keeps an object that is not exactly what
 * was announced (a client that went away mid-upload, a body longer than its
 * Content-Length).
 */
export function exactLength(size: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) done(new Error(`the body is longer than the ${size} bytes announced`));
      else done(null, chunk);
    },
    flush(done) {
      done(seen === size ? null : new Error(`the body ended after ${seen} of the ${size} bytes announced`));
    },
  });
}

/** Keys are made by the product (`<tenant id>/<upload id>`): anything else is refused before it reaches a path or a URL. */
export function checkedKey(key: string): string {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`not an object key of this product: ${JSON.stringify(key)}`);
  return key;
}
