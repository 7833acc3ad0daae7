import { DateTime } from 'luxon';
import { PurchaseSource } from '../../core/desk-enums';
import { Tenant } from '../../schema/entities';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';

/**
 * The purchase facts of a device as the desk types them, checked: a date
 * that exists and is not in the future, the network store that sold it, an
 * invoice number, an extended warranty ending after the purchase. Registering
 * a device and previewing its warranty decision check them alike, so the
 * preview refuses exactly what registration would.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function localDate(ctx: TenantContext, at: Date): Promise<string> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  return DateTime.fromJSDate(at, { zone: tenant.timeZone }).toISODate()!;
}

export async function checkedPurchase(
  ctx: TenantContext,
  input: { purchaseDate?: string | null; purchaseSource: PurchaseSource; purchaseStoreId?: string | null },
): Promise<{ purchaseDate: string | null; purchaseSource: PurchaseSource; purchaseStoreId: string | null }> {
  const purchaseDate = checkedDate(input.purchaseDate, 'purchaseDate');
  if (purchaseDate && purchaseDate > (await localDate(ctx, ctx.clock.now()))) {
    throw new UserInputError('PURCHASE_IN_FUTURE', 'The purchase date is in the future', ['purchaseDate']);
  }
  let purchaseStoreId: string | null = null;
  if (input.purchaseSource === PurchaseSource.NETWORK_STORE) {
    if (!input.purchaseStoreId) throw new UserInputError('STORE_REQUIRED', 'Say which store of the network sold it', ['purchaseStoreId']);
    const rows = await ctx.em.execute<{ ok: boolean }[]>('select is_network_store(?) as ok', [input.purchaseStoreId]);
    if (!rows[0]?.ok) throw new UserInputError('UNKNOWN_STORE', 'Not a store of this network', ['purchaseStoreId']);
    purchaseStoreId = input.purchaseStoreId;
  } else if (input.purchaseSource === PurchaseSource.THIS_STORE) {
    purchaseStoreId = ctx.tenantId;
  }
  // "Another store of the network" naming the caller itself is a sale of this store.
  const purchaseSource = purchaseStoreId === ctx.tenantId ? PurchaseSource.THIS_STORE : input.purchaseSource;
  return { purchaseDate, purchaseSource, purchaseStoreId };
}

export function checkedInvoice(value: string | null | undefined): string | null {
  const invoice = value?.trim() || null;
  if (invoice && invoice.length > 64) throw new UserInputError('INVALID_INVOICE', 'Invoice number must be at most 64 characters', ['invoiceNumber']);
  return invoice;
}

/** An extended warranty ends on a valid day, after the purchase when the purchase date is known. */
export function checkedExtension(value: string | null | undefined, purchaseDate: string | null): string | null {
  const until = checkedDate(value, 'extendedWarrantyUntil');
  if (until && purchaseDate && until < purchaseDate) {
    throw new UserInputError('INVALID_DATE', 'The extended warranty cannot end before the purchase date', ['extendedWarrantyUntil']);
  }
  return until;
}

export function checkedDate(value: string | null | undefined, field: string): string | null {
  if (value == null || value === '') return null;
  if (!ISO_DATE.test(value) || !DateTime.fromISO(value).isValid) {
    throw new UserInputError('INVALID_DATE', `${field} must be a date as YYYY-MM-DD`, [field]);
  }
  return value;
}
