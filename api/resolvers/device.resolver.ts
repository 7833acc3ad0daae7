import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findDevice, findDeviceBySerial, listDevices, registerDeviceAtomically, updateDevice, warrantiesOf } from '../../domain/devices/device.service';
import { Permission } from '../../domain/permissions';
import { Customer, Device, ProductModel, Ticket } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { DeviceConnection, DevicePayload, DevicesArgs, RegisterDeviceInput, UpdateDeviceInput } from '../../schema/graphql/device.types';
import { WarrantyDecision, WarrantyPreview, WarrantyPreviewInput } from '../../schema/graphql/warranty.types';
import { previewWarranty } from '../../domain/devices/warranty-preview.service';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { PermittedQuery } from '../graphql/permitted-query';
import { requestLoader } from '../request-loader';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver(() => Device)
export class DeviceResolver {
  @PermittedQuery(() => Device, 'One device of the store.', Permission.DEVICE_READ)
  device(@GlobalIdArg('id', 'Device') id: string, @Ctx() ctx: ApiContext): Promise<Device> {
    return findDevice(tenantOf(ctx), id);
  }

  @Query(() => Device, { nullable: true, description: 'Find a device by its serial number.' })
  @Requires(Permission.DEVICE_READ)
  deviceBySerial(@Arg('serialNumber') serialNumber: string, @Ctx() ctx: ApiContext): Promise<Device | null> {
    return findDeviceBySerial(tenantOf(ctx), serialNumber);
  }

  @Query(() => WarrantyPreview, {
    description:
      "The warranty decision `registerTicket` would record, before saving: for a device of the store, or a new one's model and purchase facts. Nothing is written.",
  })
  @Requires(Permission.DEVICE_READ)
  @ReturnsUserErrors({ returnOrExchangeAllowed: false, overrideNeeded: false })
  async warrantyPreview(@Arg('input') input: WarrantyPreviewInput, @Ctx() ctx: ApiContext): Promise<Omit<WarrantyPreview, 'userErrors'>> {
    const { decision, advice } = await previewWarranty(tenantOf(ctx), input);
    return { decision, ...advice };
  }

  @PermittedQuery(() => DeviceConnection, "The store's registered devices.", Permission.DEVICE_READ)
  async devices(@Args() args: DevicesArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Device>> {
    return toConnection(await listDevices(tenantOf(ctx), { customerId: args.customerId, serialStartsWith: args.serialStartsWith }, args));
  }

  @SavingMutation(() => DevicePayload, "Register a customer's device.", Permission.DEVICE_WRITE)
  async registerDevice(@Arg('input') input: RegisterDeviceInput, @Ctx() ctx: ApiContext): Promise<Omit<DevicePayload, 'userErrors'>> {
    return { device: await registerDeviceAtomically(tenantOf(ctx), input) };
  }

  @SavingMutation(() => DevicePayload, "Correct a device's purchase data or record an extended warranty.", Permission.DEVICE_WRITE)
  async updateDevice(@Arg('input') input: UpdateDeviceInput, @Ctx() ctx: ApiContext): Promise<Omit<DevicePayload, 'userErrors'>> {
    // An absent purchaseStoreId stays absent ("keep"); null clears it.
    return { device: await updateDevice(tenantOf(ctx), input) };
  }

  @FieldResolver(() => ProductModel, { description: 'The product model.' })
  async model(@Root() device: Device, @Ctx() ctx: ApiContext): Promise<ProductModel> {
    return (await loadersOf(ctx).productModel.load(device.modelId))!;
  }

  @FieldResolver(() => Customer, { description: 'The owner.' })
  async customer(@Root() device: Device, @Ctx() ctx: ApiContext): Promise<Customer> {
    return (await loadersOf(ctx).customer.load(device.customerId))!;
  }

  @FieldResolver(() => WarrantyDecision, { description: 'The warranty decision on a day (YYYY-MM-DD; today by default).' })
  warranty(
    @Root() device: Device,
    @Arg('on', () => String, { nullable: true, description: 'The day, YYYY-MM-DD.' }) on: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<WarrantyDecision> {
    // One read for every device of a list that asks for the same day.
    const loader = requestLoader(ctx, `warranty:${on ?? ''}`, (tenant, deviceIds) => warrantiesOf(tenant, deviceIds, on ?? undefined));
    return loader.load(device.id) as Promise<WarrantyDecision>;
  }
}

@Resolver(() => Ticket)
export class TicketWarrantyResolver {
  @FieldResolver(() => WarrantyDecision, { nullable: true, description: 'The warranty decision given at registration, as the customer was told it.' })
  warrantyAtRegistration(@Root() ticket: Ticket): WarrantyDecision | null {
    return (ticket.warranty as WarrantyDecision | null | undefined) ?? null;
  }
}
