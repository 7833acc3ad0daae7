import { Role, TenantKind } from '../schema/enums';

/**
 * Everything a caller can be allowed to do. Each GraphQL operation declares one
 * of these (see api/guard.ts); an operation without a declaration is denied.
 */
export enum Permission {
  /** Log in and renew a session: the only operations open to anonymous callers. */
  PUBLIC = 'PUBLIC',
  VIEWER_READ = 'VIEWER_READ',
  TENANT_READ = 'TENANT_READ',
  /** HQ reads its stores and partners, through the audited network scope. */
  NETWORK_READ = 'NETWORK_READ',
  STAFF_READ = 'STAFF_READ',
  STAFF_MANAGE = 'STAFF_MANAGE',
  API_KEY_MANAGE = 'API_KEY_MANAGE',
  CUSTOMER_READ = 'CUSTOMER_READ',
  CUSTOMER_WRITE = 'CUSTOMER_WRITE',
}

const EVERYONE = [Permission.VIEWER_READ, Permission.TENANT_READ];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.HQ_ADMIN]: [
    ...EVERYONE,
    Permission.NETWORK_READ,
    Permission.STAFF_READ,
    Permission.STAFF_MANAGE,
    Permission.API_KEY_MANAGE,
  ],
  [Role.HQ_SUPERVISOR]: [...EVERYONE, Permission.NETWORK_READ, Permission.STAFF_READ],
  [Role.STORE_MANAGER]: [
    ...EVERYONE,
    Permission.STAFF_READ,
    Permission.STAFF_MANAGE,
    Permission.API_KEY_MANAGE,
    Permission.CUSTOMER_READ,
    Permission.CUSTOMER_WRITE,
  ],
  [Role.STORE_AGENT]: [...EVERYONE, Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE],
  [Role.TECHNICIAN]: [...EVERYONE, Permission.CUSTOMER_READ],
  // A partner's system sees only what is handed to it; customers are not.
  [Role.PARTNER_SYSTEM]: [...EVERYONE],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/**
 * Which roles exist in which kind of tenant. A partner repair centre works like
 * a small desk (manager, agents, technicians) and also connects its systems.
 */
export const ROLES_BY_TENANT_KIND: Record<TenantKind, readonly Role[]> = {
  [TenantKind.HQ]: [Role.HQ_ADMIN, Role.HQ_SUPERVISOR],
  [TenantKind.STORE]: [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN],
  [TenantKind.PARTNER]: [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN, Role.PARTNER_SYSTEM],
};

export function roleFitsTenant(role: Role, kind: TenantKind): boolean {
  return ROLES_BY_TENANT_KIND[kind].includes(role);
}
