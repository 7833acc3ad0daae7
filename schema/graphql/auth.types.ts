import { Field, InputType, ObjectType } from 'type-graphql';
import { StaffUser } from '../entities';
import { UserError } from './user-error';
import { PayloadWith } from './payload';

@InputType({ description: 'Staff credentials.' })
export class LoginInput {
  @Field({ description: 'Slug of the tenant the user works in, e.g. `bj-zgc`.' }) tenantSlug!: string;
  @Field({ description: 'Login e-mail.' }) email!: string;
  @Field({ description: 'Password.' }) password!: string;
}

@InputType({ description: 'A refresh token from `login` or an earlier `refreshSession`.' })
export class RefreshSessionInput {
  @Field({ description: 'The refresh token; each works once.' }) refreshToken!: string;
}

@ObjectType({ description: 'Tokens of a signed-in staff user.' })
export class Session {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`; short-lived.' }) accessToken!: string;
  @Field({ description: 'When the access token stops working.' }) accessTokenExpiresAt!: Date;
  @Field({ description: 'Exchange for a new pair with `refreshSession` before it expires; works once.' }) refreshToken!: string;
  @Field({ description: 'When the refresh token stops working.' }) refreshTokenExpiresAt!: Date;
  @Field(() => StaffUser, { description: 'Who signed in.' }) user!: StaffUser;
}

@ObjectType({ description: 'Result of `login` or `refreshSession`.' })
export class SessionPayload extends PayloadWith(
  'session',
  () => Session,
  'The new session, unless userErrors say why not.',
  'Why the session was not issued.',
) {}

@ObjectType({ description: 'Result of `logout`.' })
export class LogoutPayload {
  @Field({ description: 'Whether the session was ended.' }) ok!: boolean;
  @Field(() => [UserError], { description: 'Why not.' }) userErrors!: UserError[];
}
