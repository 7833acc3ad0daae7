import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput, versionYouRead } from './versioned-input';
import type { StoreOfferView } from '../views/store-offer';
import { PaidService } from '../entities';
import { OfferStatus } from '../../core/paid-service-enums';
import { Connection, PageArgs } from './connection';
import { MoneyInput, MoneyObject } from './money.types';
import { PayloadWith } from './payload';

export const PaidServiceConnection = Connection(PaidService, 'PaidService');

@ArgsType()
export class PaidServicesArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Also list services HQ has deactivated.' }) includeInactive!: boolean;
  @Field({ defaultValue: false, description: 'A store: only the services it can sell now (storeOffer.status AVAILABLE).' }) availableOnly!: boolean;
}

@ObjectType({ description: "A store's price for a service and whether it can sell it, as of HQ's catalogue now." })
export class StoreOffer {
  @Field(() => OfferStatus, { description: 'Whether the store can sell the service now, and if not, why.' }) status!: OfferStatus;
  @Field({ description: 'The store can sell the service now (status AVAILABLE).' }) available!: boolean;
  @Field({ description: "The store's choice to offer the service (false when it never priced it)." }) offered!: boolean;
  @Field(() => MoneyObject, { nullable: true, description: "The store's price; null when it never priced the service." }) price!: MoneyObject | null;

  @Field(() => Int, {
    nullable: true,
    description: "Version of the store's price; pass it back as `expectedVersion`. Null before the store first sets anything.",
  })
  version!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the store last changed its price or offer.' }) updatedAt!: Date | null;

  static of(view: StoreOfferView): StoreOffer {
    return Object.assign(new StoreOffer(), {
      status: view.status,
      available: view.status === OfferStatus.AVAILABLE,
      offered: view.offered,
      price: view.price ? MoneyObject.of(view.price) : null,
      version: view.version,
      updatedAt: view.updatedAt,
    });
  }
}

@InputType({ description: 'A new paid service for the catalogue.' })
export class CreatePaidServiceInput {
  @Field({ description: 'Code, unique in the catalogue: upper-case letters, digits, `_` and `-` (lower case is raised).' }) code!: string;
  @Field({ description: 'Name in Simplified Chinese (zh-CN), 1 to 200 characters.' }) nameZhCn!: string;
  @Field({ description: 'Name in English (en), 1 to 200 characters.' }) nameEn!: string;
  @Field({ description: 'What the service is, 1 to 2000 characters.' }) description!: string;
  @Field(() => [String], { nullable: true, description: 'What the customer gets, one line each (at most 20).' }) includes?: string[] | null;
  @Field(() => MoneyInput, { description: 'The lowest price a store may charge; at least one minor unit.' }) minPrice!: MoneyInput;
  @Field(() => MoneyInput, { description: 'The highest price a store may charge; not below `minPrice`, same currency.' }) maxPrice!: MoneyInput;
  @Field({ description: 'Whether the service is done on a device of the customer.' }) requiresDevice!: boolean;

  @Field({ defaultValue: false, description: "Whether buying it extends the device's warranty (then `requiresDevice` must be true)." })
  extendsWarranty!: boolean;
  @Field(() => Int, { nullable: true, description: 'By how many months the warranty is extended, 1 to 60; required exactly when `extendsWarranty`.' })
  warrantyExtensionMonths?: number | null;
}

@InputType({ description: 'Changes to a paid service; omitted fields stay.' })
export class UpdatePaidServiceInput extends VersionedInput('id', 'PaidService', 'The paid service.', versionYouRead()) {
  @Field(() => String, { nullable: true, description: 'New code.' }) code?: string | null;
  @Field(() => String, { nullable: true, description: 'New name in Simplified Chinese.' }) nameZhCn?: string | null;
  @Field(() => String, { nullable: true, description: 'New name in English.' }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'New description.' }) description?: string | null;
  @Field(() => [String], { nullable: true, description: 'The whole new list of what the customer gets.' }) includes?: string[] | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "New lowest price. Stores' prices are kept; one now outside the range cannot be sold until the store changes it.",
  })
  minPrice?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: 'New highest price (same rule as `minPrice`).' }) maxPrice?: MoneyInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the service is done on a device.' }) requiresDevice?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it extends the warranty; false also clears the months.' }) extendsWarranty?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Months of warranty extension, 1 to 60.' }) warrantyExtensionMonths?: number | null;
}

@InputType({ description: 'A paid service to withdraw from sale, or to put back on sale.' })
export class PaidServiceActivationInput extends VersionedInput('id', 'PaidService', 'The paid service.', versionYouRead()) {}

@ObjectType({ description: 'Result of a change to the catalogue of paid services.' })
export class PaidServicePayload extends PayloadWith('paidService', () => PaidService, 'The service as saved.') {}

@InputType({ description: "A store's price for a service of its HQ's catalogue, and whether it offers it." })
export class SetServicePriceInput {
  @Field(() => ID, { description: 'The paid service.' })
  @GlobalIdOf('PaidService')
  serviceId!: string;

  @Field(() => MoneyInput, {
    nullable: true,
    description: "The store's price, inside HQ's range (else `PRICE_OUT_OF_RANGE`); omitted keeps the current price.",
  })
  price?: MoneyInput | null;

  @Field({ description: 'Whether the store offers the service from now on; offering needs a price inside the range.' }) offered!: boolean;
  @Field(() => Int, { nullable: true, description: '`storeOffer.version` as you read it; if it changed since, nothing is saved (`STALE`).' }) expectedVersion?:
    number | null;
}

@ObjectType({ description: "Result of setting a store's price." })
export class SetServicePricePayload extends PayloadWith('paidService', () => PaidService, 'The service.') {
  @Field(() => StoreOffer, { nullable: true, description: "The store's price and offer as saved." }) storeOffer!: StoreOffer | null;
}
