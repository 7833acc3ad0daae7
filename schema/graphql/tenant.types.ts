import { ArgsType, Field } from 'type-graphql';
import { Tenant } from '../entities';
import { TenantKind } from '../../core/enums';
import { Connection, PageArgs } from './connection';

export const TenantConnection = Connection(Tenant, 'Tenant');

@ArgsType()
export class NetworkTenantsArgs extends PageArgs {
  @Field(() => TenantKind, { nullable: true, description: 'Only stores, or only partners.' }) kind?: TenantKind | null;
}
