import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Locale } from '../../core/enums';
import { storeCommitments } from '../../domain/commitments/store-commitments';
import { Permission } from '../../domain/permissions';
import { StoreCommitments } from '../../schema/graphql/commitments.types';
import type { ApiContext } from '../context';
import { Requires } from '../graphql/guard';

@Resolver()
export class CommitmentsResolver {
  @Query(() => StoreCommitments, {
    description:
      "A store's published service commitments (`/console/commitments/<store code>`), worded from the standard in force for it; no login. An unknown code, or one that is not an active store's, answers NOT_FOUND; guesses from one address are slowed down like the status page's (THROTTLED with retryAfterMs).",
  })
  @Requires(Permission.PUBLIC)
  storeCommitments(
    @Arg('store', { description: "The store's code, e.g. `bj-zgc`." }) store: string,
    @Arg('locale', () => Locale, { defaultValue: Locale.ZH_CN, description: 'The language of the words.' }) locale: Locale,
    @Ctx() ctx: ApiContext,
  ): Promise<StoreCommitments> {
    return storeCommitments(ctx.deps, { throttle: ctx.statusLookups, clientAddress: ctx.clientAddress }, store, locale);
  }
}
