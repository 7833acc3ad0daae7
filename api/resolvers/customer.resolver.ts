import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { createCustomer, findCustomer, listCustomers, updateCustomer } from '../../domain/customers/customer.service';
import { Permission } from '../../domain/permissions';
import { Customer } from '../../schema/entities';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { CreateCustomerInput, CustomerConnection, CustomerPayload, CustomersArgs, UpdateCustomerInput } from '../../schema/graphql/customer.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { idOf, toConnection, withUserErrors } from '../graphql/relay';

@Resolver()
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: "The store's customers, newest first; filter by phone to find a returning one." })
  @Requires(Permission.CUSTOMER_READ)
  async customers(@Args() args: CustomersArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<Customer>> {
    const { phone, phoneStartsWith, tier, nameContains } = args;
    return toConnection(await listCustomers(tenantOf(ctx), { phone, phoneStartsWith, tier, nameContains }, args));
  }

  @Query(() => Customer, { description: "One customer of the caller's store." })
  @Requires(Permission.CUSTOMER_READ)
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Customer> {
    return findCustomer(tenantOf(ctx), idOf(id, 'Customer'));
  }

  @Mutation(() => CustomerPayload, { description: 'Register a customer.' })
  @Requires(Permission.CUSTOMER_WRITE)
  createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: ApiContext): Promise<CustomerPayload> {
    return withUserErrors<CustomerPayload>(async () => ({ customer: await createCustomer(tenantOf(ctx), input) }), { customer: null });
  }

  @Mutation(() => CustomerPayload, { description: 'Change a customer; pass `expectedVersion` to refuse overwriting a colleague.' })
  @Requires(Permission.CUSTOMER_WRITE)
  updateCustomer(@Arg('input') input: UpdateCustomerInput, @Ctx() ctx: ApiContext): Promise<CustomerPayload> {
    return withUserErrors<CustomerPayload>(async () => ({ customer: await updateCustomer(tenantOf(ctx), { ...input, id: idOf(input.id, 'Customer') }) }), {
      customer: null,
    });
  }
}
