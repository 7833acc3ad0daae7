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

interface Position {
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
