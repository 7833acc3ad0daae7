import { registerEnumType } from 'type-graphql';

export enum TenantKind {
  HQ = 'HQ',
  STORE = 'STORE',
  PARTNER = 'PARTNER',
}
export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
export enum Locale {
  ZH_CN = 'zh-CN',
  EN = 'en',
}
export enum Role {
  HQ_ADMIN = 'HQ_ADMIN',
  HQ_SUPERVISOR = 'HQ_SUPERVISOR',
  STORE_MANAGER = 'STORE_MANAGER',
  STORE_AGENT = 'STORE_AGENT',
  TECHNICIAN = 'TECHNICIAN',
  PARTNER_SYSTEM = 'PARTNER_SYSTEM',
}
export enum StaffStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
export enum CustomerTier {
  STANDARD = 'STANDARD',
  VIP = 'VIP',
}
export enum PrincipalKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}

/**
 * Who did what a ticket's timeline or the audit trail records. Not a GraphQL
 * enum: the API shows it as text.
 */
export enum ActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
  /** A partner acting on a ticket handed to it: only ever on a ticket's timeline. */
  PARTNER = 'PARTNER',
}
/** The audit trail's actors: a partner never writes to another tenant's audit trail. */
export const AUDIT_ACTOR_KINDS: readonly ActorKind[] = [ActorKind.USER, ActorKind.API_KEY, ActorKind.SYSTEM];

/** How an operation made through the API ended: done, or refused with userErrors (and nothing changed). */
export const AUDIT_OUTCOMES = ['OK', 'USER_ERRORS'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

registerEnumType(TenantKind, { name: 'TenantKind', description: 'The place of a tenant in the network.' });
registerEnumType(TenantStatus, { name: 'TenantStatus', description: 'Whether a tenant may use the platform.' });
registerEnumType(Locale, { name: 'Locale', description: 'Language of messages: zh-CN or en.' });
registerEnumType(Role, {
  name: 'Role',
  description: 'What a staff user or API key may do; each role grants a fixed set of permissions.',
});
registerEnumType(StaffStatus, { name: 'StaffStatus', description: 'A disabled staff user cannot log in.' });
registerEnumType(CustomerTier, { name: 'CustomerTier', description: 'VIP customers may have stricter service targets.' });
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'Who is calling: a staff user or a system.' });
