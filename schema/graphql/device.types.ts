import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { PurchaseSource } from '../../core/desk-enums';
import { Device } from '../entities';
import { Connection, PageArgs } from './connection';
import { PayloadWith } from './payload';

export const DeviceConnection = Connection(Device, 'Device');

@ArgsType()
export class DevicesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only devices of this customer.' })
  @GlobalIdOf('Customer')
  customerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The first characters of the serial number, any case (3 to 64): finds a device as you type. Indexed. `deviceBySerial` finds one by its whole serial.',
  })
  serialStartsWith?: string | null;
}

@InputType({ description: "A customer's device." })
export class RegisterDeviceInput {
  @Field(() => ID, { description: 'The owner.' })
  @GlobalIdOf('Customer')
  customerId!: string;

  @Field(() => ID, { description: "A model of HQ's catalogue." })
  @GlobalIdOf('ProductModel')
  modelId!: string;

  @Field({ description: 'Serial number, unique within the store.' }) serialNumber!: string;
  @Field(() => String, { nullable: true, description: 'Purchase date, YYYY-MM-DD.' }) purchaseDate?: string | null;
  @Field(() => PurchaseSource, { description: 'Where it was bought.' }) purchaseSource!: PurchaseSource;

  @Field(() => ID, { nullable: true, description: 'The store of the network that sold it (NETWORK_STORE).' })
  @GlobalIdOf('Tenant')
  purchaseStoreId?: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice number.' }) invoiceNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'End of a paid extended warranty, YYYY-MM-DD.' }) extendedWarrantyUntil?: string | null;
}

@InputType({ description: "Changes to a device's purchase data; omitted fields stay." })
export class UpdateDeviceInput {
  @Field(() => ID, { description: 'The device.' })
  @GlobalIdOf('Device')
  id!: string;

  @Field(() => String, { nullable: true, description: 'Purchase date, YYYY-MM-DD.' }) purchaseDate?: string | null;
  @Field(() => PurchaseSource, { nullable: true, description: 'Where it was bought.' }) purchaseSource?: PurchaseSource | null;

  @Field(() => ID, { nullable: true, description: 'The store of the network that sold it.' })
  @GlobalIdOf('Tenant')
  purchaseStoreId?: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice number.' }) invoiceNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'End of a paid extended warranty, YYYY-MM-DD.' }) extendedWarrantyUntil?: string | null;
}

@ObjectType({ description: 'Result of registering or updating a device.' })
export class DevicePayload extends PayloadWith('device', () => Device, 'The device as saved.') {}
