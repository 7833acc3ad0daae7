import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { createPaidService, findPaidService, listPaidServices, setPaidServiceActive, updatePaidService } from '../../domain/paid-services/paid-service.service';
import { availableServiceIds, priceListEntries, setServicePrice } from '../../domain/paid-services/price-list.service';
import { storeOffer } from '../../domain/paid-services/store-offer';
import { Permission } from '../../domain/permissions';
import { PaidService } from '../../schema/entities';
import { TenantKind } from '../../core/enums';
import type { ConnectionShape } from '../../schema/graphql/connection';
import {
  CreatePaidServiceInput,
  PaidServiceActivationInput,
  PaidServiceConnection,
  PaidServicePayload,
  PaidServicesArgs,
  SetServicePriceInput,
  SetServicePricePayload,
  StoreOffer,
  UpdatePaidServiceInput,
} from '../../schema/graphql/paid-service.types';
import { ApiContext, tenantOf } from '../context';
import { requestLoader } from '../request-loader';
import { Requires } from '../graphql/guard';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class PaidServiceResolver {
  @PermittedQuery(
    () => PaidServiceConnection,
    "HQ's catalogue of paid services (an HQ's own; a store's or partner's HQ's), newest first.",
    Permission.CATALOGUE_READ,
  )
  async paidServices(@Args() args: PaidServicesArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<PaidService>> {
    const tenant = tenantOf(ctx);
    const ids = args.availableOnly ? await availableServiceIds(tenant) : null;
    return toConnection(await listPaidServices(tenant, { includeInactive: args.includeInactive, ids }, args));
  }

  @PermittedQuery(() => PaidService, 'One paid service of the catalogue.', Permission.CATALOGUE_READ)
  paidService(@GlobalIdArg('id', 'PaidService') id: string, @Ctx() ctx: ApiContext): Promise<PaidService> {
    return findPaidService(tenantOf(ctx), id);
  }

  @SavingMutation(() => PaidServicePayload, 'HQ adds a paid service with the price range its stores must stay inside.', Permission.CATALOGUE_MANAGE)
  async createPaidService(@Arg('input') input: CreatePaidServiceInput, @Ctx() ctx: ApiContext): Promise<Omit<PaidServicePayload, 'userErrors'>> {
    return { paidService: await createPaidService(tenantOf(ctx), input) };
  }

  @Mutation(() => PaidServicePayload, {
    description: "HQ changes a paid service; stores' prices are kept, and one outside a new range cannot be sold until fixed.",
  })
  @Requires(Permission.CATALOGUE_MANAGE)
  @ReturnsUserErrors()
  async updatePaidService(@Arg('input') input: UpdatePaidServiceInput, @Ctx() ctx: ApiContext): Promise<Omit<PaidServicePayload, 'userErrors'>> {
    const { id, ...fields } = input;
    return { paidService: await updatePaidService(tenantOf(ctx), id, fields) };
  }

  @SavingMutation(
    () => PaidServicePayload,
    'HQ withdraws a paid service from sale in every store; stores keep their prices for when it returns.',
    Permission.CATALOGUE_MANAGE,
  )
  async deactivatePaidService(@Arg('input') input: PaidServiceActivationInput, @Ctx() ctx: ApiContext): Promise<Omit<PaidServicePayload, 'userErrors'>> {
    return { paidService: await setPaidServiceActive(tenantOf(ctx), { ...input, active: false }) };
  }

  @SavingMutation(() => PaidServicePayload, 'HQ puts a withdrawn paid service back on sale.', Permission.CATALOGUE_MANAGE)
  async reactivatePaidService(@Arg('input') input: PaidServiceActivationInput, @Ctx() ctx: ApiContext): Promise<Omit<PaidServicePayload, 'userErrors'>> {
    return { paidService: await setPaidServiceActive(tenantOf(ctx), { ...input, active: true }) };
  }

  @SavingMutation(
    () => SetServicePricePayload,
    "A store sets its price for a service (inside HQ's range) and whether it offers it.",
    Permission.PRICE_LIST_MANAGE,
  )
  async setServicePrice(@Arg('input') input: SetServicePriceInput, @Ctx() ctx: ApiContext): Promise<Omit<SetServicePricePayload, 'userErrors'>> {
    const { service, offer } = await setServicePrice(tenantOf(ctx), input);
    requestLoader(ctx, 'priceListEntry', priceListEntries).clear(service.id);
    return { paidService: service, storeOffer: StoreOffer.of(offer) };
  }
}

@Resolver(() => PaidService)
export class PaidServiceFieldsResolver {
  @FieldResolver(() => StoreOffer, {
    nullable: true,
    description: "The caller store's price and whether it can sell the service; null for an HQ or a partner.",
  })
  async storeOffer(@Root() service: PaidService, @Ctx() ctx: ApiContext): Promise<StoreOffer | null> {
    if (tenantOf(ctx).tenantKind !== TenantKind.STORE) return null;
    return StoreOffer.of(storeOffer(service, await requestLoader(ctx, 'priceListEntry', priceListEntries).load(service.id)));
  }
}
