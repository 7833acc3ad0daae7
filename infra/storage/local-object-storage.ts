import { randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage, StoredObject } from '../../domain/ports/object-storage';
import { checkedKey, exactLength } from './exact-length';

/**
 * Objects as files under one directory (STORAGE_DIR): the demo's and a single
 * machine's storage. A file is written under a temporary name and renamed to
 * its key only once complete, so a reader never sees half a file and a
 * failed upload leaves nothing under the key.
 */
export class LocalObjectStorage implements ObjectStorage {
  private constructor(readonly directory: string) {}

  /** Creates the directory if needed and makes sure this process can write there: a wrong STORAGE_DIR fails the start, not the first upload. */
  static async open(directory: string): Promise<LocalObjectStorage> {
    const root = resolve(directory);
    try {
      await mkdir(root, { recursive: true });
      await access(root, constants.W_OK | constants.R_OK);
    } catch (error) {
      throw new Error(`STORAGE_DIR ${root} cannot be used for uploads: ${(error as Error).message}`);
    }
    return new LocalObjectStorage(root);
  }

  async put(key: string, body: Readable, object: { contentType: string; size: number }): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.part`;
    try {
      await pipeline(body, exactLength(object.size), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    try {
      const { size } = await stat(path);
      return { body: createReadStream(path), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return join(this.directory, checkedKey(key));
  }
}
