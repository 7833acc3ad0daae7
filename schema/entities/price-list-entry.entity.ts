import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Currency } from '../../core/money';

/**
 * A store's price for one service of its HQ's catalogue. GraphQL shows it as
 * the `storeOffer` of the service, together with what the catalogue says now
 * (a price set inside the range may fall outside it once HQ narrows the range).
 */
@Entity({ tableName: 'price_list_entries' })
export class PriceListEntry extends TenantScopedEntity {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  // The key's tenant: the store.

  /** A service of the HQ's catalogue. */
  @Property({ type: 'uuid' }) serviceId!: string;

  /** The store's price in minor units; null when it never priced the service. */
  @Property({ type: 'integer', nullable: true }) priceMinor?: number | null;

  @Enum({ items: () => Currency }) currency!: Currency;

  /** The store's choice; whether the service can actually be sold also depends on the catalogue. */
  @Property({ type: 'boolean' }) offered!: boolean;

  @Property({ type: 'uuid', nullable: true }) updatedBy?: string | null;
  @Property({ type: 'integer', version: true }) version = 1;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
