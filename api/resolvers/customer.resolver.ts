import { Arg, Args, Ctx, Resolver } from 'type-graphql';
import { createCustomer, findCustomer, listCustomers, updateCustomer } from '../../domain/customers/customer.service';
import { Permission } from '../../domain/permissions';
import { Customer } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { CreateCustomerInput, CustomerConnection, CustomerPayload, CustomersArgs, UpdateCustomerInput } from '../../schema/graphql/customer.types';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class CustomerResolver {
  @PermittedQuery(() => CustomerConnection, "The store's customers, newest first; filter by phone to find a returning one.", Permission.CUSTOMER_READ)
  async customers(@Args() args: CustomersArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Customer>> {
    const { phone, phoneStartsWith, tier, nameContains } = args;
    return toConnection(await listCustomers(tenantOf(ctx), { phone, phoneStartsWith, tier, nameContains }, args));
  }

  @PermittedQuery(() => Customer, "One customer of the caller's store.", Permission.CUSTOMER_READ)
  customer(@GlobalIdArg('id', 'Customer') id: string, @Ctx() ctx: ApiContext): Promise<Customer> {
    return findCustomer(tenantOf(ctx), id);
  }

  @SavingMutation(() => CustomerPayload, 'Register a customer.', Permission.CUSTOMER_WRITE)
  async createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: ApiContext): Promise<Omit<CustomerPayload, 'userErrors'>> {
    return { customer: await createCustomer(tenantOf(ctx), input) };
  }

  @SavingMutation(() => CustomerPayload, 'Change a customer; pass `expectedVersion` to refuse overwriting a colleague.', Permission.CUSTOMER_WRITE)
  async updateCustomer(@Arg('input') input: UpdateCustomerInput, @Ctx() ctx: ApiContext): Promise<Omit<CustomerPayload, 'userErrors'>> {
    return { customer: await updateCustomer(tenantOf(ctx), input) };
  }
}
