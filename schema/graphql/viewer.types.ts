import { Field, ObjectType } from 'type-graphql';
import { PrincipalKind, Role } from '../../core/enums';

@ObjectType({ description: 'Who is calling: the principal, its tenant and what it may do.' })
export class Viewer {
  @Field(() => PrincipalKind, { description: 'A staff user or an API key.' }) kind!: PrincipalKind;
  @Field(() => Role, { description: 'The role the caller acts with.' }) role!: Role;
  @Field(() => [String], { description: 'Every permission the role grants.' }) permissions!: string[];

  /** The staff user's or API key's id; its fields resolve through ViewerResolver. */
  principalId!: string;
}
