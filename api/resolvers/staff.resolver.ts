import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/auth/api-key.service';
import { Permission } from '../../domain/permissions';
import { createStaffUser, findStaffUser, listStaffUsers, updateStaffUser } from '../../domain/staff/staff.service';
import { ApiKey, StaffUser } from '../../schema/entities';
import { PageArgs, type ConnectionShape } from '../../schema/graphql/connection';
import {
  ApiKeyConnection,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  CreateStaffUserInput,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
  StaffUserConnection,
  StaffUserPayload,
  UpdateStaffUserInput,
} from '../../schema/graphql/staff.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class StaffResolver {
  @PermittedQuery(() => StaffUserConnection, "Staff users of the caller's tenant.", Permission.STAFF_READ)
  async staffUsers(@Args() args: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<StaffUser>> {
    return toConnection(await listStaffUsers(tenantOf(ctx), args));
  }

  @PermittedQuery(() => StaffUser, "One staff user of the caller's tenant.", Permission.STAFF_READ)
  staffUser(@GlobalIdArg('id', 'StaffUser') id: string, @Ctx() ctx: ApiContext): Promise<StaffUser> {
    return findStaffUser(tenantOf(ctx), id);
  }

  @SavingMutation(() => StaffUserPayload, "Add a staff user to the caller's tenant.", Permission.STAFF_MANAGE)
  async createStaffUser(@Arg('input') input: CreateStaffUserInput, @Ctx() ctx: ApiContext): Promise<Omit<StaffUserPayload, 'userErrors'>> {
    return { staffUser: await createStaffUser(tenantOf(ctx), input) };
  }

  @SavingMutation(() => StaffUserPayload, 'Rename, change the role of, disable or reset the password of a staff user.', Permission.STAFF_MANAGE)
  async updateStaffUser(@Arg('input') input: UpdateStaffUserInput, @Ctx() ctx: ApiContext): Promise<Omit<StaffUserPayload, 'userErrors'>> {
    return { staffUser: await updateStaffUser(tenantOf(ctx), input) };
  }

  @PermittedQuery(() => ApiKeyConnection, "API keys of the caller's tenant (never their secrets).", Permission.API_KEY_MANAGE)
  async apiKeys(@Args() args: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<ApiKey>> {
    return toConnection(await listApiKeys(tenantOf(ctx), args));
  }

  @SavingMutation(() => CreateApiKeyPayload, 'Create an API key; its secret is in the payload, once.', Permission.API_KEY_MANAGE)
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: ApiContext): Promise<Omit<CreateApiKeyPayload, 'userErrors'>> {
    const created = await createApiKey(tenantOf(ctx), input);
    return { apiKey: created.apiKey, secret: created.plaintext };
  }

  @SavingMutation(() => RevokeApiKeyPayload, 'Revoke an API key at once.', Permission.API_KEY_MANAGE)
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: ApiContext): Promise<Omit<RevokeApiKeyPayload, 'userErrors'>> {
    return { apiKey: await revokeApiKey(tenantOf(ctx), input.id) };
  }
}

@Resolver(() => ApiKey)
export class ApiKeyFieldsResolver {
  @FieldResolver(() => StaffUser, { nullable: true, description: 'Who created the key, if a staff user did.' })
  createdBy(@Root() key: ApiKey, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return key.createdBy ? loadersOf(ctx).staffUser.load(key.createdBy) : Promise.resolve(null);
  }
}
