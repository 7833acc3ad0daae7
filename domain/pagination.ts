import { UserInputError } from './errors';

/**
 * Keyset pagination over (createdAt, id), newest first: stable while rows are
 * being added, since a cursor names a position, not an offset.
 */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  cursorOf(item: T): string;
}

export interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new UserInputError('INVALID_CURSOR', 'The `after` cursor is not valid', ['after']);
  }
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserInputError('INVALID_PAGE_SIZE', `\`first\` must be between 1 and ${MAX_PAGE_SIZE}`, ['first']);
  }
}

/** The MikroORM condition for "strictly after this cursor" in newest-first order. */
export function afterCondition(after?: string | null): Record<string, unknown> {
  if (!after) return {};
  const position = decodeCursor(after);
  return {
    $or: [{ createdAt: { $lt: position.createdAt } }, { createdAt: position.createdAt, id: { $lt: position.id } }],
  };
}

export function toPage<T extends Position>(rows: T[], first: number): Page<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf: encodeCursor };
}

export const NEWEST_FIRST = { createdAt: 'desc', id: 'desc' } as const;

/** How a keyset reader reads: rows per page, the cursor to start after, and at most how many pages (none: to the end). */
export interface KeysetReading {
  pageSize: number;
  after?: string | null;
  maxPages?: number;
}

/** A reader that hands its rows over a page at a time, as an export streams them. */
export type KeysetReader<T> = (reading: KeysetReading, onPage: (rows: T[]) => Promise<void>) => Promise<void>;

/** A connection's page read with the reader an export streams with: one row more than asked says whether more follow. */
export async function firstPageOf<T>(page: PageRequest, reader: KeysetReader<T>, cursorOf: (item: T) => string): Promise<Page<T>> {
  checkPageSize(page.first);
  let items: T[] = [];
  await reader({ pageSize: page.first + 1, after: page.after, maxPages: 1 }, async (rows) => {
    items = rows;
  });
  return { items: items.slice(0, page.first), hasNextPage: items.length > page.first, cursorOf };
}

/**
 * Reads newest first, page after page, each handed over before the next is
 * read (so an export of any size holds one page), until a page comes back
 * short or `maxPages` are read. `readPage` reads up to `limit` rows strictly
 * after a position; `positionOf` says where a row stands.
 */
export async function readKeysetPages<R>(
  reading: KeysetReading,
  readPage: (after: Position | null, limit: number) => Promise<R[]>,
  positionOf: (row: R) => Position,
  onPage: (rows: R[]) => Promise<void>,
): Promise<void> {
  let after = reading.after ? decodeCursor(reading.after) : null;
  for (let read = 0; reading.maxPages === undefined || read < reading.maxPages; read++) {
    const rows = await readPage(after, reading.pageSize);
    await onPage(rows);
    if (rows.length < reading.pageSize) return;
    after = positionOf(rows[rows.length - 1]);
  }
}
