import { Arg, Args, Ctx, Resolver } from 'type-graphql';
import { createProductModel, findProductModel, listProductModels, updateProductModel } from '../../domain/catalogue/product-model.service';
import { Permission } from '../../domain/permissions';
import { ProductModel } from '../../schema/entities';
import {
  ProductModelConnection,
  ProductModelInput,
  ProductModelPayload,
  ProductModelsArgs,
  UpdateProductModelInput,
} from '../../schema/graphql/catalogue.types';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class CatalogueResolver {
  @PermittedQuery(() => ProductModelConnection, "HQ's product catalogue (an HQ's own; a store's or partner's HQ's).", Permission.CATALOGUE_READ)
  async productModels(@Args() args: ProductModelsArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<ProductModel>> {
    return toConnection(await listProductModels(tenantOf(ctx), { category: args.category }, args));
  }

  @PermittedQuery(() => ProductModel, 'One product model of the catalogue.', Permission.CATALOGUE_READ)
  productModel(@GlobalIdArg('id', 'ProductModel') id: string, @Ctx() ctx: ApiContext): Promise<ProductModel> {
    return findProductModel(tenantOf(ctx), id);
  }

  @SavingMutation(() => ProductModelPayload, 'HQ adds a product model with its warranty terms.', Permission.CATALOGUE_MANAGE)
  async createProductModel(@Arg('input') input: ProductModelInput, @Ctx() ctx: ApiContext): Promise<Omit<ProductModelPayload, 'userErrors'>> {
    return { productModel: await createProductModel(tenantOf(ctx), input) };
  }

  @SavingMutation(() => ProductModelPayload, "HQ changes a model's terms; decisions already given stay as told.", Permission.CATALOGUE_MANAGE)
  async updateProductModel(@Arg('input') input: UpdateProductModelInput, @Ctx() ctx: ApiContext): Promise<Omit<ProductModelPayload, 'userErrors'>> {
    const { id, ...fields } = input;
    return { productModel: await updateProductModel(tenantOf(ctx), id, fields) };
  }
}
