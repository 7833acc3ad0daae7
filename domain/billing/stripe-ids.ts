/** Reading ids out of Stripe objects, which give either an id or the expanded object. */
export function idOf(ref: string | { id?: string | null } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : (ref.id ?? null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}
