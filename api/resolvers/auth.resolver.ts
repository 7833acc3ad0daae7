import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { login, logout, refreshSession } from '../../domain/auth/session.service';
import { Permission } from '../../domain/permissions';
import { LoginInput, LogoutPayload, RefreshSessionInput, SessionPayload } from '../../schema/graphql/auth.types';
import type { ApiContext } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class AuthResolver {
  @Mutation(() => SessionPayload, {
    description:
      'Sign a staff user in: a short-lived access token and a refresh token. After repeated failures for one account or from one address, attempts wait (THROTTLED with retryAfterMs); one request may hold one login.',
  })
  @Requires(Permission.PUBLIC)
  @ReturnsUserErrors()
  async login(@Arg('input') input: LoginInput, @Ctx() ctx: ApiContext): Promise<Omit<SessionPayload, 'userErrors'>> {
    const origin = { throttle: ctx.loginThrottle, clientAddress: ctx.clientAddress };
    return { session: await login(ctx.deps, input, origin) };
  }

  @SavingMutation(() => SessionPayload, 'Exchange a refresh token for a new token pair (the old refresh token stops working).', Permission.PUBLIC)
  async refreshSession(@Arg('input') input: RefreshSessionInput, @Ctx() ctx: ApiContext): Promise<Omit<SessionPayload, 'userErrors'>> {
    return { session: await refreshSession(ctx.deps, input.refreshToken) };
  }

  @Mutation(() => LogoutPayload, {
    description: 'End the session a refresh token belongs to: its refresh token and the access tokens issued with it stop working at once.',
  })
  @Requires(Permission.PUBLIC)
  @ReturnsUserErrors({ ok: false })
  async logout(@Arg('input') input: RefreshSessionInput, @Ctx() ctx: ApiContext): Promise<Omit<LogoutPayload, 'userErrors'>> {
    await logout(ctx.deps, input.refreshToken);
    return { ok: true };
  }
}
