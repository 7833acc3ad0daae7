import type { Money } from '../../core/money';
import type { OfferStatus } from '../../core/paid-service-enums';

/** What a store can do with one service of its HQ's catalogue, as it reads it. */
export interface StoreOfferView {
  status: OfferStatus;
  /** The store's choice, as it set it (false when it never priced the service). */
  offered: boolean;
  price: Money | null;
  /** The entry's version, for `expectedVersion`; null before the store first sets anything. */
  version: number | null;
  updatedAt: Date | null;
}
