import { isUuid } from '../../core/global-id';

/** Reading ids out of Stripe objects, which give either an id or the expanded object. */
export function idOf(ref: string | { id?: string | null } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : (ref.id ?? null);
}

export function uuidOrNull(value: unknown): string | null {
  return isUuid(value) ? value : null;
}
