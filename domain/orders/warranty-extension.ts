import { DateTime } from 'luxon';
import { TimelineVisibility } from '../../core/desk-enums';
import type { ServiceOrder, ServiceOrderLine } from '../../schema/entities';
import type { TenantContext } from '../context';
import { findDevice, warrantyOf } from '../devices/device.service';
import { appendTimeline } from '../ticket-records/timeline';
import { lastCoveredDay } from '../warranty/warranty-decision';

/**
 * A paid extended warranty moves the device's extended warranty end. It runs
 * on from the later of today and the end of the cover the device has now
 * (its whole-machine warranty, or an extension bought earlier), so a customer
 * who buys it while still under warranty loses no day of what they paid for,
 * and one who buys it later is covered from today. The warranty decision
 * then reads EXTENDED once the whole-machine period is over.
 *
 * Applied once per line (the line records the end it set); undone only by a
 * refund of the whole order, and only while the device still has the end
 * this order set (a later extension or a correction by staff is left alone).
 */

/** The new last covered day (inclusive) of `months` more, bought on `today`, with cover until `currentEnd` (inclusive) or none. */
export function extendedWarrantyEnd(today: string, currentEnd: string | null, months: number): string {
  const start = currentEnd && currentEnd >= today ? DateTime.fromISO(currentEnd, { zone: 'utc' }).plus({ days: 1 }).toISODate()! : today;
  return lastCoveredDay(start, months);
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** Extends the order's device by each paid extension line not applied yet; returns the new end, if any. */
export async function applyWarrantyExtensions(ctx: TenantContext, order: ServiceOrder, lines: ServiceOrderLine[]): Promise<string | null> {
  const pending = lines.filter((line) => line.warrantyExtensionMonths && !line.warrantyExtendedUntil);
  if (pending.length === 0 || !order.deviceId) return null;
  const device = await findDevice(ctx, order.deviceId);
  let until: string | null = null;
  for (const line of pending) {
    const decision = await warrantyOf(ctx, device);
    until = extendedWarrantyEnd(decision.on, later(decision.wholeMachineUntil, decision.extendedUntil), line.warrantyExtensionMonths!);
    line.warrantyPreviousUntil = device.extendedWarrantyUntil ?? null;
    line.warrantyExtendedUntil = until;
    device.extendedWarrantyUntil = until;
  }
  device.updatedAt = ctx.clock.now();
  appendTimeline(ctx, order.ticketId, {
    kind: 'WARRANTY_EXTENDED',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Extended warranty of device ${device.serialNumber} now runs until ${until}`,
    data: { orderId: order.id, deviceId: device.id, extendedWarrantyUntil: until, codes: pending.map((line) => line.code) },
  });
  return until;
}

/** A whole refund takes the extension back, newest line first, where the device still has the end this order set. */
export async function withdrawWarrantyExtensions(ctx: TenantContext, order: ServiceOrder, lines: ServiceOrderLine[]): Promise<void> {
  const applied = lines.filter((line) => line.warrantyExtendedUntil).reverse();
  if (applied.length === 0 || !order.deviceId) return;
  const device = await findDevice(ctx, order.deviceId);
  const before = device.extendedWarrantyUntil ?? null;
  for (const line of applied) {
    if (device.extendedWarrantyUntil === line.warrantyExtendedUntil) device.extendedWarrantyUntil = line.warrantyPreviousUntil ?? null;
  }
  const after = device.extendedWarrantyUntil ?? null;
  if (after === before) {
    appendTimeline(ctx, order.ticketId, {
      kind: 'WARRANTY_EXTENSION_KEPT',
      summary: `The order was refunded, but device ${device.serialNumber}'s extended warranty (until ${before}) was changed since; check it by hand`,
      data: { orderId: order.id, deviceId: device.id, extendedWarrantyUntil: before },
    });
    return;
  }
  device.updatedAt = ctx.clock.now();
  appendTimeline(ctx, order.ticketId, {
    kind: 'WARRANTY_EXTENSION_WITHDRAWN',
    visibility: TimelineVisibility.CUSTOMER,
    summary: `Extended warranty of device ${device.serialNumber} refunded: ${after ? `it now runs until ${after}` : 'the device has no extended warranty any more'}`,
    data: { orderId: order.id, deviceId: device.id, from: before, to: after },
  });
}
