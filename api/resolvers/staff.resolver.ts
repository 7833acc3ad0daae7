import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
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
import { Requires } from '../graphql/guard';
import { idOf, toConnection, withUserErrors } from '../graphql/relay';

@Resolver()
export class StaffResolver {
  @Query(() => StaffUserConnection, { description: "Staff users of the caller's tenant." })
  @Requires(Permission.STAFF_READ)
  async staffUsers(@Args() args: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<StaffUser>> {
    return toConnection(await listStaffUsers(tenantOf(ctx), args));
  }

  @Query(() => StaffUser, { description: "One staff user of the caller's tenant." })
  @Requires(Permission.STAFF_READ)
  staffUser(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<StaffUser> {
    return findStaffUser(tenantOf(ctx), idOf(id, 'StaffUser'));
  }

  @Mutation(() => StaffUserPayload, { description: "Add a staff user to the caller's tenant." })
  @Requires(Permission.STAFF_MANAGE)
  createStaffUser(@Arg('input') input: CreateStaffUserInput, @Ctx() ctx: ApiContext): Promise<StaffUserPayload> {
    return withUserErrors<StaffUserPayload>(async () => ({ staffUser: await createStaffUser(tenantOf(ctx), input) }), { staffUser: null });
  }

  @Mutation(() => StaffUserPayload, { description: 'Rename, change the role of, disable or reset the password of a staff user.' })
  @Requires(Permission.STAFF_MANAGE)
  updateStaffUser(@Arg('input') input: UpdateStaffUserInput, @Ctx() ctx: ApiContext): Promise<StaffUserPayload> {
    return withUserErrors<StaffUserPayload>(async () => ({ staffUser: await updateStaffUser(tenantOf(ctx), { ...input, id: idOf(input.id, 'StaffUser') }) }), {
      staffUser: null,
    });
  }

  @Query(() => ApiKeyConnection, { description: "API keys of the caller's tenant (never their secrets)." })
  @Requires(Permission.API_KEY_MANAGE)
  async apiKeys(@Args() args: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<ApiKey>> {
    return toConnection(await listApiKeys(tenantOf(ctx), args));
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Create an API key; its secret is in the payload, once.' })
  @Requires(Permission.API_KEY_MANAGE)
  createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: ApiContext): Promise<CreateApiKeyPayload> {
    return withUserErrors<CreateApiKeyPayload>(
      async () => {
        const created = await createApiKey(tenantOf(ctx), input);
        return { apiKey: created.apiKey, secret: created.plaintext };
      },
      { apiKey: null, secret: null },
    );
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revoke an API key at once.' })
  @Requires(Permission.API_KEY_MANAGE)
  revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: ApiContext): Promise<RevokeApiKeyPayload> {
    return withUserErrors<RevokeApiKeyPayload>(async () => ({ apiKey: await revokeApiKey(tenantOf(ctx), idOf(input.id, 'ApiKey')) }), {
      apiKey: null,
    });
  }
}

@Resolver(() => ApiKey)
export class ApiKeyFieldsResolver {
  @FieldResolver(() => StaffUser, { nullable: true, description: 'Who created the key, if a staff user did.' })
  createdBy(@Root() key: ApiKey, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return key.createdBy ? loadersOf(ctx).staffUser.load(key.createdBy) : Promise.resolve(null);
  }
}
