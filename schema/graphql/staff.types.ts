import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { ApiKey, StaffUser } from '../entities';
import { Role, StaffStatus } from '../../core/enums';
import { Connection } from './connection';
import { PayloadWith } from './payload';

export const StaffUserConnection = Connection(StaffUser, 'StaffUser');
export const ApiKeyConnection = Connection(ApiKey, 'ApiKey');

@InputType({ description: "A new staff user of the caller's tenant." })
export class CreateStaffUserInput {
  @Field({ description: 'Login e-mail, unique within the tenant.' }) email!: string;
  @Field({ description: 'Full name.' }) name!: string;
  @Field(() => Role, { description: "Must be a role of the tenant's kind." }) role!: Role;
  @Field(() => String, { nullable: true, description: 'Initial password, at least 10 characters.' }) password?: string | null;
}

@InputType({ description: 'Changes to a staff user; omitted fields stay as they are.' })
export class UpdateStaffUserInput {
  @Field(() => ID, { description: 'The staff user.' })
  @GlobalIdOf('StaffUser')
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => Role, { nullable: true, description: 'New role.' }) role?: Role | null;
  @Field(() => StaffStatus, { nullable: true, description: 'Disable or re-enable.' }) status?: StaffStatus | null;
  @Field(() => String, { nullable: true, description: 'New password.' }) password?: string | null;
}

@ObjectType({ description: 'Result of creating or updating a staff user.' })
export class StaffUserPayload extends PayloadWith('staffUser', () => StaffUser, 'The staff user as saved.') {}

@InputType({ description: "A new API key for a system of the caller's tenant." })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for.' }) name!: string;
  @Field(() => Role, { description: 'The role the key acts with.' }) role!: Role;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The API key.' })
  @GlobalIdOf('ApiKey')
  id!: string;
}

@ObjectType({ description: 'Result of `createApiKey`: the secret is shown here once.' })
export class CreateApiKeyPayload extends PayloadWith('apiKey', () => ApiKey, "The key's record.", 'Why no key was created.') {
  @Field(() => String, { nullable: true, description: 'The full key. It is not stored and cannot be shown again.' }) secret!: string | null;
}

@ObjectType({ description: 'Result of `revokeApiKey`.' })
export class RevokeApiKeyPayload extends PayloadWith('apiKey', () => ApiKey, 'The revoked key.', 'Why it was not revoked.') {}
