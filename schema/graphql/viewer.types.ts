import { Field, ObjectType } from 'type-graphql';
import { ApiKey, StaffUser, Tenant } from '../entities';
import { PrincipalKind, Role } from '../enums';

@ObjectType({ description: 'Who is calling: the principal, its tenant and what it may do.' })
export class Viewer {
  @Field(() => PrincipalKind, { description: 'A staff user or an API key.' })
  kind!: PrincipalKind;

  @Field(() => Role, { description: 'The role the caller acts with.' })
  role!: Role;

  @Field(() => [String], { description: 'Every permission the role grants.' })
  permissions!: string[];

  @Field(() => Tenant, { description: 'The tenant the caller belongs to.' })
  tenant!: Tenant;

  @Field(() => StaffUser, { nullable: true, description: 'The staff user, when the caller is one.' })
  user!: StaffUser | null;

  @Field(() => ApiKey, { nullable: true, description: 'The API key, when the caller is a system.' })
  apiKey!: ApiKey | null;
}
