import { OptimisticLockError, raw } from '@mikro-orm/core';
import { Customer } from '../../schema/entities';
import { CustomerTier, Locale } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { normalizePhone } from './phone';
import type { CreateCustomerInput, UpdateCustomerInput } from '../../schema/graphql/customer.types';

/** The fields of a customer a caller gives, any of them. */
export type CustomerFields = Omit<UpdateCustomerInput, 'id' | 'expectedVersion'>;

export interface CustomerFilter {
  phone?: string | null;
  /** The first digits of the phone, as the desk types them (at least 3). */
  phoneStartsWith?: string | null;
  tier?: CustomerTier | null;
  /** Part of the name, any case. */
  nameContains?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createCustomer(ctx: TenantContext, input: CreateCustomerInput): Promise<Customer> {
  return atomically(ctx, async () => addCustomer(ctx, input));
}

/**
 * The customer a registration is for: a new one described in it, or one the
 * store already has. Called inside the registration's transaction.
 */
export async function customerOfRegistration(
  ctx: TenantContext,
  registration: { newCustomer?: CreateCustomerInput | null; customerId?: string | null },
): Promise<Customer> {
  if (!registration.newCustomer) return findCustomer(ctx, registration.customerId!);
  const customer = addCustomer(ctx, registration.newCustomer);
  // Its id comes from the database: the row must exist before the device and the ticket that point at it.
  await ctx.em.flush();
  return customer;
}

/** A new customer, in the caller's transaction. */
function addCustomer(ctx: TenantContext, input: CreateCustomerInput): Customer {
  const fields = validated(input);
  const now = ctx.clock.now();
  return ctx.em.create(Customer, {
    tenantId: ctx.tenantId,
    name: fields.name!,
    phone: fields.phone!,
    email: fields.email ?? null,
    tier: fields.tier ?? CustomerTier.STANDARD,
    address: fields.address ?? null,
    locale: fields.locale ?? Locale.ZH_CN,
    notes: fields.notes ?? null,
    createdAt: now,
    updatedAt: now,
  });
}

export async function updateCustomer(ctx: TenantContext, input: UpdateCustomerInput): Promise<Customer> {
  const fields = validated(input);
  try {
    return await saveCustomerChanges(ctx, input, fields);
  } catch (error) {
    // A colleague's save committed between our read and our write: the versioned update matched no row.
    if (error instanceof OptimisticLockError) {
      throw new UserInputError('STALE', 'Customer was changed by someone else meanwhile; reload and retry', ['expectedVersion']);
    }
    throw error;
  }
}

function saveCustomerChanges(ctx: TenantContext, input: UpdateCustomerInput, fields: CustomerFields): Promise<Customer> {
  return atomically(ctx, async () => {
    const customer = await findCustomer(ctx, input.id);
    if (input.expectedVersion != null && input.expectedVersion !== customer.version) {
      throw new UserInputError(
        'STALE',
        `Customer was changed by someone else (version ${customer.version}, you had ${input.expectedVersion}); reload and retry`,
        ['expectedVersion'],
      );
    }
    if (fields.name != null) customer.name = fields.name;
    if (fields.phone != null) customer.phone = fields.phone;
    if (input.email !== undefined) customer.email = fields.email ?? null;
    if (fields.tier != null) customer.tier = fields.tier;
    if (input.address !== undefined) customer.address = fields.address ?? null;
    if (fields.locale != null) customer.locale = fields.locale;
    if (input.notes !== undefined) customer.notes = fields.notes ?? null;
    return customer;
  });
}

export async function findCustomer(ctx: TenantContext, id: string): Promise<Customer> {
  const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id });
  if (!customer) throw notFound('Customer');
  return customer;
}

export async function listCustomers(ctx: TenantContext, filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>> {
  checkPageSize(page.first);
  const where: Record<string, unknown> = { tenantId: ctx.tenantId, ...afterCondition(page.after) };
  if (filter.phone) where.phone = normalizePhone(filter.phone) ?? filter.phone;
  // starts_with, not LIKE: under Row Level Security only a leakproof condition may use an index (customers_phone_prefix_idx).
  if (filter.phoneStartsWith) where[raw('starts_with(phone, ?)', [phonePrefix(filter.phoneStartsWith)])] = true;
  if (filter.tier) where.tier = filter.tier;
  // ~~*& is ILIKE declared leakproof (migration 0150), so that under Row Level Security it may use customers_name_trgm_idx.
  if (filter.nameContains) where[raw('name ~~*& ?', [`%${escapeLike(filter.nameContains)}%`])] = true;
  const rows = await ctx.em.find(Customer, where, { orderBy: NEWEST_FIRST, limit: page.first + 1 });
  return toPage(rows, page.first);
}

function validated(input: CustomerFields): CustomerFields {
  const out: CustomerFields = { ...input };
  if (input.name != null) {
    out.name = input.name.trim();
    if (out.name.length === 0 || out.name.length > 200) {
      throw new UserInputError('INVALID_NAME', 'Name must be 1 to 200 characters', ['name']);
    }
  }
  if (input.phone != null) {
    const phone = normalizePhone(input.phone);
    if (!phone) throw new UserInputError('INVALID_PHONE', 'Phone must have 5 to 20 digits', ['phone']);
    out.phone = phone;
  }
  if (input.email != null && input.email !== '') {
    out.email = input.email.trim().toLowerCase();
    if (!EMAIL.test(out.email)) throw new UserInputError('INVALID_EMAIL', 'E-mail address is not valid', ['email']);
  } else if (input.email === '') {
    out.email = null;
  }
  return out;
}

/**
 * The digits typed so far (spaces, dashes, brackets ignored, as for a whole
 * number). Fewer than 3 would match most of a store's customers, so they are
 * refused.
 */
function phonePrefix(raw: string): string {
  const prefix = raw.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?[0-9]{3,20}$/.test(prefix)) {
    throw new UserInputError('INVALID_PHONE_PREFIX', 'phoneStartsWith must be 3 to 20 digits', ['phoneStartsWith']);
  }
  return prefix;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
