import { ArgsType, Field, InputType, ObjectType } from 'type-graphql';
import { VersionedInput, versionYouRead } from './versioned-input';
import { Customer } from '../entities';
import { CustomerTier, Locale } from '../../core/enums';
import { Connection, PageArgs } from './connection';
import { PayloadWith } from './payload';

export const CustomerConnection = Connection(Customer, 'Customer');

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Exact phone number, however it is formatted.' }) phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The first digits of the phone, as the desk types them (3 to 20 digits; spaces and dashes ignored): finds a returning customer as you type. Indexed.',
  })
  phoneStartsWith?: string | null;

  @Field(() => CustomerTier, { nullable: true, description: 'Only this tier.' }) tier?: CustomerTier | null;
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' }) nameContains?: string | null;
}

@InputType({ description: "A new customer of the caller's store." })
export class CreateCustomerInput {
  @Field({ description: 'Name.' }) name!: string;
  @Field({ description: 'Phone number; spaces and dashes are ignored.' }) phone!: string;
  @Field(() => String, { nullable: true, description: 'E-mail.' }) email?: string | null;
  @Field(() => CustomerTier, { nullable: true, description: 'Defaults to STANDARD.' }) tier?: CustomerTier | null;
  @Field(() => String, { nullable: true, description: 'Address.' }) address?: string | null;
  @Field(() => Locale, { nullable: true, description: 'Defaults to zh-CN.' }) locale?: Locale | null;
  @Field(() => String, { nullable: true, description: 'Internal notes.' }) notes?: string | null;
}

@InputType({ description: 'Changes to a customer; omitted fields stay as they are.' })
export class UpdateCustomerInput extends VersionedInput('id', 'Customer', 'The customer.', versionYouRead()) {
  @Field(() => String, { nullable: true, description: 'Name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail; empty string clears it.' }) email?: string | null;
  @Field(() => CustomerTier, { nullable: true, description: 'Tier.' }) tier?: CustomerTier | null;
  @Field(() => String, { nullable: true, description: 'Address.' }) address?: string | null;
  @Field(() => Locale, { nullable: true, description: 'Language.' }) locale?: Locale | null;
  @Field(() => String, { nullable: true, description: 'Internal notes.' }) notes?: string | null;
}

@ObjectType({ description: 'Result of creating or updating a customer.' })
export class CustomerPayload extends PayloadWith('customer', () => Customer, 'The customer as saved.') {}
