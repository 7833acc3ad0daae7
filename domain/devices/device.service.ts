import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Customer, Device, ProductModel } from '../../schema/entities';
import { catalogueOwner, findProductModel } from '../catalogue/product-model.service';
import { atomically, TenantContext } from '../context';
import { AccessError, notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { decideWarranty, WarrantyDecision } from '../warranty/warranty-decision';
import { checkedDate, checkedExtension, checkedInvoice, checkedPurchase, localDate } from './purchase-facts';
import type { RegisterDeviceInput, UpdateDeviceInput } from '../../schema/graphql/device.types';
import type { RegisterTicketInput } from '../../schema/graphql/ticket.types';

/**
 * Registers a customer's device. Written in the caller's unit of work (a
 * ticket registration adds it in the same step); a duplicate serial is refused.
 */
export async function registerDevice(ctx: TenantContext, input: RegisterDeviceInput): Promise<Device> {
  const serialNumber = input.serialNumber.trim();
  if (!serialNumber || serialNumber.length > 64) throw new UserInputError('INVALID_SERIAL', 'Serial number must be 1 to 64 characters', ['serialNumber']);
  const customer = await ctx.em.findOne(Customer, { tenantId: ctx.tenantId, id: input.customerId });
  if (!customer) throw notFound('Customer');
  await catalogueModel(ctx, input.modelId);
  // A serial already registered is refused by the unique key when the row is written (see serialTaken), not looked up first.
  const purchase = await checkedPurchase(ctx, input);
  return ctx.em.create(Device, {
    tenantId: ctx.tenantId,
    customerId: customer.id,
    modelId: input.modelId,
    serialNumber,
    ...purchase,
    invoiceNumber: checkedInvoice(input.invoiceNumber),
    extendedWarrantyUntil: checkedExtension(input.extendedWarrantyUntil, purchase.purchaseDate),
    createdAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  });
}

/** A model of HQ's catalogue for a device; one the catalogue does not hold is the caller's mistake. */
export async function catalogueModel(ctx: TenantContext, modelId: string): Promise<ProductModel> {
  return findProductModel(ctx, modelId).catch((error: unknown) => {
    if (error instanceof AccessError && error.code === 'NOT_FOUND') {
      throw new UserInputError('UNKNOWN_MODEL', "The model is not in HQ's catalogue", ['modelId']);
    }
    throw error;
  });
}

/** The GraphQL mutation's unit: a device registered on its own. */
export async function registerDeviceAtomically(ctx: TenantContext, input: RegisterDeviceInput): Promise<Device> {
  return atomically(ctx, () => writeDevice(ctx, input));
}

/**
 * The device a ticket is registered for: a new one, written at once so that a serial the store
 * already has is refused here; the customer's own existing one; or none.
 */
export async function deviceOfRegistration(ctx: TenantContext, input: RegisterTicketInput, customer: Customer): Promise<Device | null> {
  if (input.newDevice) return writeDevice(ctx, { ...input.newDevice, customerId: customer.id });
  if (!input.deviceId) return null;
  const device = await findDevice(ctx, input.deviceId);
  if (device.customerId !== customer.id) {
    throw new UserInputError('DEVICE_NOT_CUSTOMERS', 'The device belongs to another customer', ['deviceId']);
  }
  return device;
}

/** Registers the device and writes it with what the unit of work holds; the unique key answers for a serial taken. */
async function writeDevice(ctx: TenantContext, input: RegisterDeviceInput): Promise<Device> {
  const device = await registerDevice(ctx, input);
  try {
    await ctx.em.flush();
  } catch (error) {
    throw serialTaken(error, input.serialNumber) ?? error;
  }
  return device;
}

/** The store's unique key on serial numbers refused a write: the user error to answer with, else undefined. */
function serialTaken(error: unknown, serialNumber: string): UserInputError | undefined {
  if (!(error instanceof UniqueConstraintViolationException)) return undefined;
  const constraint = (error as { constraint?: string }).constraint;
  if (constraint !== undefined && constraint !== 'devices_tenant_id_serial_number_key') return undefined;
  return new UserInputError('SERIAL_TAKEN', `A device with serial ${serialNumber.trim()} is already registered`, ['serialNumber']);
}

export async function updateDevice(ctx: TenantContext, input: UpdateDeviceInput): Promise<Device> {
  return atomically(ctx, async () => {
    const device = await findDevice(ctx, input.id);
    if (input.purchaseDate !== undefined || input.purchaseSource || input.purchaseStoreId !== undefined) {
      Object.assign(
        device,
        await checkedPurchase(ctx, {
          purchaseDate: input.purchaseDate !== undefined ? input.purchaseDate : device.purchaseDate,
          purchaseSource: input.purchaseSource ?? device.purchaseSource,
          purchaseStoreId: input.purchaseStoreId !== undefined ? input.purchaseStoreId : device.purchaseStoreId,
        }),
      );
    }
    if (input.invoiceNumber !== undefined) device.invoiceNumber = checkedInvoice(input.invoiceNumber);
    const extension = input.extendedWarrantyUntil !== undefined ? input.extendedWarrantyUntil : device.extendedWarrantyUntil;
    device.extendedWarrantyUntil = checkedExtension(extension, device.purchaseDate ?? null);
    device.updatedAt = ctx.clock.now();
    return device;
  });
}

export async function findDevice(ctx: TenantContext, id: string): Promise<Device> {
  const device = await ctx.em.findOne(Device, { tenantId: ctx.tenantId, id });
  if (!device) throw notFound('Device');
  return device;
}

export async function findDeviceBySerial(ctx: TenantContext, serial: string): Promise<Device | null> {
  return ctx.em.findOne(Device, { tenantId: ctx.tenantId, serialNumber: serial.trim() });
}

export interface DeviceFilter {
  customerId?: string | null;
  /** The first characters of the serial number, any case (at least 3). */
  serialStartsWith?: string | null;
}

export async function listDevices(ctx: TenantContext, filter: DeviceFilter, page: PageRequest): Promise<Page<Device>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(
    Device,
    {
      tenantId: ctx.tenantId,
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      // serial_key is upper(serial_number), kept by the database. starts_with, not LIKE (or upper() here): under
      // Row Level Security only a leakproof condition may use an index (devices_serial_prefix_idx).
      ...(filter.serialStartsWith ? { [raw('starts_with(serial_key, ?)', [serialPrefix(filter.serialStartsWith)])]: true } : {}),
      ...afterCondition(page.after),
    },
    { orderBy: NEWEST_FIRST, limit: page.first + 1 },
  );
  return toPage(rows, page.first);
}

/** What the desk typed of a serial, upper-cased: serials are matched in any case as they are typed. */
function serialPrefix(typed: string): string {
  const prefix = typed.trim().toUpperCase();
  if (prefix.length < 3 || prefix.length > 64) {
    throw new UserInputError('INVALID_SERIAL_PREFIX', 'serialStartsWith must be 3 to 64 characters', ['serialStartsWith']);
  }
  return prefix;
}

/**
 * The warranty decisions of several devices of the store on one day (today by
 * default), in the order of `deviceIds`: a fixed number of queries whatever
 * their number. A device or model the store cannot read answers NOT_FOUND for
 * that device alone, as `warrantyOf` would.
 */
export async function warrantiesOf(ctx: TenantContext, deviceIds: readonly string[], on?: string): Promise<(WarrantyDecision | Error)[]> {
  const day = on !== undefined ? checkedDate(on, 'on')! : await localDate(ctx, ctx.clock.now());
  const devices = await ctx.em.find(Device, { tenantId: ctx.tenantId, id: { $in: [...deviceIds] } });
  const owner = await catalogueOwner(ctx);
  const modelIds = [...new Set(devices.map((device) => device.modelId))];
  const models = modelIds.length ? await ctx.em.find(ProductModel, { tenantId: owner, id: { $in: modelIds } }) : [];
  const deviceById = new Map(devices.map((device) => [device.id, device]));
  const modelById = new Map(models.map((model) => [model.id, model]));
  return deviceIds.map((id) => {
    const device = deviceById.get(id);
    if (!device) return notFound('Device');
    const model = modelById.get(device.modelId);
    return model ? decideWarranty(model, device, day) : notFound('Product model');
  });
}

/** The warranty decision for a device on a day (today by default), in the store's time zone. */
export async function warrantyOf(ctx: TenantContext, device: Device, on?: Date | string): Promise<WarrantyDecision> {
  const model = await findProductModel(ctx, device.modelId);
  const day = typeof on === 'string' ? checkedDate(on, 'on')! : await localDate(ctx, on ?? ctx.clock.now());
  return decideWarranty(model, device, day);
}
