import { ApiKey } from './api-key.entity';
import { AuditEvent } from './audit-event.entity';
import { Customer } from './customer.entity';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { Tenant } from './tenant.entity';

export { ApiKey, AuditEvent, Customer, StaffSession, StaffUser, Tenant };

/** Every entity MikroORM must know; the list is explicit so start-up does no folder scanning. */
export const ENTITIES = [Tenant, StaffUser, StaffSession, ApiKey, AuditEvent, Customer];
