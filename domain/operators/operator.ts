/**
 * A platform operator: a person who runs the deployment itself, across every
 * brand (the queue dashboard). Operators stand outside the tenant tree: they
 * have no tenant and no tenant role, tenants never see them, and only the
 * `tenants` CLI creates or disables them, over the admin connection.
 */
export interface PlatformOperator {
  id: string;
  email: string;
  name: string;
}

export enum OperatorStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** An e-mail as operators are stored: trimmed and lower-case; null when it is not one. */
export function normalizeOperatorEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}
