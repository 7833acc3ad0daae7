import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { StaffUser } from '../../schema/entities';
import { Role, StaffStatus } from '../../core/enums';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { recordAudit } from '../audit';
import { requireStaffSeats } from '../billing/entitlements';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { roleFitsTenant } from '../permissions';
import type { CreateStaffUserInput, UpdateStaffUserInput } from '../../schema/graphql/staff.types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function listStaffUsers(ctx: TenantContext, page: PageRequest): Promise<Page<StaffUser>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(StaffUser, { tenantId: ctx.tenantId, ...afterCondition(page.after) }, { orderBy: NEWEST_FIRST, limit: page.first + 1 });
  return toPage(rows, page.first);
}

export async function findStaffUser(ctx: TenantContext, id: string): Promise<StaffUser> {
  const user = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id });
  if (!user) throw notFound('Staff user');
  return user;
}

/** HQ admins and store managers manage the staff of their own tenant only. */
export async function createStaffUser(ctx: TenantContext, input: CreateStaffUserInput): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new UserInputError('INVALID_EMAIL', 'E-mail address is not valid', ['email']);
  checkName(input.name);
  checkRole(ctx, input.role);
  if (input.password != null) checkPassword(input.password);
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  try {
    return await atomically(ctx, async () => {
      await requireStaffSeats(ctx);
      const user = ctx.em.create(StaffUser, {
        tenantId: ctx.tenantId,
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        createdAt: ctx.clock.now(),
      });
      recordAudit(ctx, 'STAFF_USER_CREATED', { userId: user.id, role: user.role });
      return user;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserInputError('EMAIL_TAKEN', `A staff user with e-mail ${email} already exists`, ['email']);
    }
    throw error;
  }
}

export async function updateStaffUser(ctx: TenantContext, input: UpdateStaffUserInput): Promise<StaffUser> {
  if (input.name != null) checkName(input.name);
  if (input.role != null) checkRole(ctx, input.role);
  if (input.password != null) checkPassword(input.password);
  if (input.id === ctx.principal.id && (input.status === StaffStatus.DISABLED || (input.role && input.role !== ctx.principal.role))) {
    throw new UserInputError('CANNOT_CHANGE_SELF', 'You cannot disable yourself or change your own role', ['id']);
  }
  const passwordHash = input.password != null ? await hashPassword(input.password) : undefined;
  return atomically(ctx, async () => {
    const user = await findStaffUser(ctx, input.id);
    // Enabling a disabled colleague takes a seat again.
    if (input.status === StaffStatus.ACTIVE && user.status !== StaffStatus.ACTIVE) await requireStaffSeats(ctx);
    if (input.name != null) user.name = input.name.trim();
    if (input.role != null) user.role = input.role;
    if (input.status != null) user.status = input.status;
    if (passwordHash !== undefined) user.passwordHash = passwordHash;
    recordAudit(ctx, 'STAFF_USER_UPDATED', {
      userId: user.id,
      changed: Object.keys(input).filter((k) => k !== 'id' && k !== 'password' && input[k as keyof UpdateStaffUserInput] != null),
      passwordChanged: passwordHash !== undefined,
    });
    return user;
  });
}

function checkName(name: string): void {
  if (name.trim().length === 0 || name.length > 200) {
    throw new UserInputError('INVALID_NAME', 'Name must be 1 to 200 characters', ['name']);
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError('WEAK_PASSWORD', `Password must be at least ${MIN_PASSWORD_LENGTH} characters`, ['password']);
  }
}

function checkRole(ctx: TenantContext, role: Role): void {
  if (!roleFitsTenant(role, ctx.tenantKind)) {
    throw new UserInputError('ROLE_NOT_ALLOWED', `Role ${role} does not exist in a ${ctx.tenantKind} tenant`, ['role']);
  }
}
