import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { login, logout, refreshSession } from '../../domain/auth/session.service';
import { Permission } from '../../domain/permissions';
import { LoginInput, LogoutPayload, RefreshSessionInput, SessionPayload } from '../../schema/graphql/auth.types';
import type { ApiContext } from '../context';
import { Requires } from '../graphql/guard';
import { withUserErrors } from '../graphql/relay';

@Resolver()
export class AuthResolver {
  @Mutation(() => SessionPayload, {
    description:
      'Sign a staff user in: a short-lived access token and a refresh token. After repeated failures for one account or from one address, attempts wait (THROTTLED with retryAfterMs); one request may hold one login.',
  })
  @Requires(Permission.PUBLIC)
  login(@Arg('input') input: LoginInput, @Ctx() ctx: ApiContext): Promise<SessionPayload> {
    const origin = { throttle: ctx.loginThrottle, clientAddress: ctx.clientAddress };
    return withUserErrors<SessionPayload>(async () => ({ session: await login(ctx.deps, input, origin) }), { session: null });
  }

  @Mutation(() => SessionPayload, { description: 'Exchange a refresh token for a new token pair (the old refresh token stops working).' })
  @Requires(Permission.PUBLIC)
  refreshSession(@Arg('input') input: RefreshSessionInput, @Ctx() ctx: ApiContext): Promise<SessionPayload> {
    return withUserErrors<SessionPayload>(async () => ({ session: await refreshSession(ctx.deps, input.refreshToken) }), { session: null });
  }

  @Mutation(() => LogoutPayload, {
    description: 'End the session a refresh token belongs to: its refresh token and the access tokens issued with it stop working at once.',
  })
  @Requires(Permission.PUBLIC)
  logout(@Arg('input') input: RefreshSessionInput, @Ctx() ctx: ApiContext): Promise<LogoutPayload> {
    return withUserErrors<LogoutPayload>(
      async () => {
        await logout(ctx.deps, input.refreshToken);
        return { ok: true };
      },
      { ok: false },
    );
  }
}
