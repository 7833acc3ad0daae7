import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { networkFigures } from '../../domain/reports/network-figures';
import { NetworkFiguresArgs, StoreWeekFigures } from '../../schema/graphql/report.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';

@Resolver()
export class ReportResolver {
  @Query(() => [StoreWeekFigures], {
    description: 'HQ only: per store and ISO week, tickets opened, resolved on time and breached, for the last `weeks` weeks (zeros included), oldest first.',
  })
  @Requires(Permission.NETWORK_READ)
  async networkFigures(@Args() args: NetworkFiguresArgs, @Ctx() ctx: ApiContext): Promise<StoreWeekFigures[]> {
    const weeks = await networkFigures(tenantOf(ctx), args.weeks);
    return weeks.map(({ store, ...figures }) => ({ storeSlug: store.slug, storeName: store.name, ...figures }));
  }
}
