import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { ProductModel } from '../entities';
import { Connection, PageArgs } from './connection';
import { PayloadWith } from './payload';

export const ProductModelConnection = Connection(ProductModel, 'ProductModel');

@ArgsType()
export class ProductModelsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this category.' }) category?: string | null;
}

@InputType({ description: 'A product model and its warranty terms; on update, omitted fields stay.' })
export class ProductModelInput {
  @Field(() => String, { nullable: true, description: 'Model code, unique in the catalogue (required to create).' }) modelCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Name (required to create).' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Category, e.g. LAPTOP (required to create).' }) category?: string | null;
  @Field(() => Int, { nullable: true, description: 'Whole-machine warranty in months (required to create).' }) wholeMachineMonths?: number | null;
  @Field(() => Int, { nullable: true, description: 'Main-parts warranty in months (required to create).' }) mainPartsMonths?: number | null;
  @Field(() => [String], { nullable: true, description: 'Part categories counted as main parts.' }) mainPartCategories?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Return period in days (default 7).' }) returnDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Exchange period in days (default 15).' }) exchangeDays?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Returns also for products sold by other stores of the network.' }) networkReturns?: boolean | null;
}

@InputType({ description: 'Changes to a product model.' })
export class UpdateProductModelInput extends ProductModelInput {
  @Field(() => ID, { description: 'The product model.' })
  @GlobalIdOf('ProductModel')
  id!: string;
}

@ObjectType({ description: 'Result of creating or updating a product model.' })
export class ProductModelPayload extends PayloadWith('productModel', () => ProductModel, 'The model as saved.') {}
