import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { adviseOn, WarrantyAdvice } from '../warranty/warranty-advice';
import { decideWarranty, WarrantyDecision } from '../warranty/warranty-decision';
import { catalogueModel, findDevice, warrantyOf } from './device.service';
import { checkedExtension, checkedInvoice, checkedPurchase, localDate } from './purchase-facts';
import type { WarrantyPreviewInput } from '../../schema/graphql/warranty.types';

/**
 * The warranty decision the desk will record at registration, before it
 * saves anything: for an existing device exactly `device { warranty }`, for a
 * new one the same rules on the facts as typed, checked as registering the
 * device would check them, on today's date in the store's time zone.
 */
export async function previewWarranty(ctx: TenantContext, input: WarrantyPreviewInput): Promise<{ decision: WarrantyDecision; advice: WarrantyAdvice }> {
  if (input.deviceId && input.modelId) throw new UserInputError('DEVICE_AMBIGUOUS', 'Give either deviceId or the new device (modelId), not both', ['deviceId']);
  let decision: WarrantyDecision;
  if (input.deviceId) {
    decision = await warrantyOf(ctx, await findDevice(ctx, input.deviceId));
  } else {
    if (!input.modelId) throw new UserInputError('DEVICE_REQUIRED', 'Give deviceId, or modelId and the purchase facts of a new device', ['modelId']);
    if (!input.purchaseSource) throw new UserInputError('PURCHASE_SOURCE_REQUIRED', 'Say where the device was bought', ['purchaseSource']);
    const model = await catalogueModel(ctx, input.modelId);
    const purchase = await checkedPurchase(ctx, {
      purchaseDate: input.purchaseDate,
      purchaseSource: input.purchaseSource,
      purchaseStoreId: input.purchaseStoreId,
    });
    checkedInvoice(input.invoiceNumber);
    const extendedWarrantyUntil = checkedExtension(input.extendedWarrantyUntil, purchase.purchaseDate);
    decision = decideWarranty(model, { ...purchase, extendedWarrantyUntil }, await localDate(ctx, ctx.clock.now()));
  }
  return { decision, advice: adviseOn(decision, input.ticketType) };
}
