import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { toGlobalId } from '../../core/global-id';
import type { RankingFigure } from '../../core/ranking-enums';
import { Permission } from '../../domain/permissions';
import { networkTargets, setNetworkTargets } from '../../domain/rankings/network-targets';
import { publishRanking } from '../../domain/rankings/ranking-publication';
import { rankingWeights, setRankingWeights } from '../../domain/rankings/ranking-weights';
import type { ScoredStore } from '../../domain/rankings/scores';
import { myRanking, storeRanking, targetFlags } from '../../domain/rankings/store-ranking';
import type { TargetFlag as Flag } from '../../domain/rankings/target-flags';
import {
  FigureValue,
  MyRanking,
  NetworkTargets,
  NetworkTargetsPayload,
  PublishRankingInput,
  RankedStore,
  RankingPublicationPayload,
  RankingWeights,
  RankingWeightsPayload,
  SetNetworkTargetsInput,
  SetRankingWeightsInput,
  StoreRanking,
  TargetFlag,
} from '../../schema/graphql/ranking.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class RankingResolver {
  @Query(() => NetworkTargets, { description: "The network's targets: an HQ its own, a store its HQ's." })
  @Requires(Permission.FIGURES_READ)
  networkTargets(@Ctx() ctx: ApiContext): Promise<NetworkTargets> {
    return networkTargets(tenantOf(ctx));
  }

  @Query(() => RankingWeights, { description: "How the monthly ranking's score weighs the figures: an HQ its own, a store its HQ's." })
  @Requires(Permission.FIGURES_READ)
  rankingWeights(@Ctx() ctx: ApiContext): Promise<RankingWeights> {
    return rankingWeights(tenantOf(ctx));
  }

  @Query(() => StoreRanking, {
    description:
      "HQ: a month's ranking of every store on its weights, with the figures, the network's medians and the targets missed two months running (an audited network read).",
  })
  @Requires(Permission.FIGURES_READ)
  async storeRanking(@Arg('month', { description: 'YYYY-MM' }) month: string, @Ctx() ctx: ApiContext): Promise<StoreRanking> {
    const ranking = await storeRanking(tenantOf(ctx), month);
    return {
      ...ranking,
      stores: ranking.stores.map((store) => ({ ...rankedStore(store), flags: store.flags.map(flagOf) })),
      medians: ranking.medians.map(({ figure, median }) => ({ figure, value: median })),
      flags: ranking.flags.map(flagOf),
    };
  }

  @Query(() => [TargetFlag], { description: 'HQ: the stores below a target in the month and in the month before it (an audited network read).' })
  @Requires(Permission.FIGURES_READ)
  async targetFlags(@Arg('month', { description: 'YYYY-MM' }) month: string, @Ctx() ctx: ApiContext): Promise<TargetFlag[]> {
    return (await targetFlags(tenantOf(ctx), month)).map(flagOf);
  }

  @Query(() => MyRanking, {
    description: "A store: its rank and score in the month, its figures and the network's medians; every store's only once HQ published the month.",
  })
  @Requires(Permission.FIGURES_READ)
  async myRanking(@Arg('month', { description: 'YYYY-MM' }) month: string, @Ctx() ctx: ApiContext): Promise<MyRanking> {
    const ranking = await myRanking(tenantOf(ctx), month);
    return {
      ...ranking,
      values: valuesOf(ranking.own),
      medians: ranking.medians.map(({ figure, median }) => ({ figure, value: median })),
      stores: ranking.stores?.map(rankedStore) ?? null,
    };
  }

  @SavingMutation(() => NetworkTargetsPayload, "HQ replaces its network's whole set of targets.", Permission.RANKING_MANAGE)
  async setNetworkTargets(@Arg('input') input: SetNetworkTargetsInput, @Ctx() ctx: ApiContext): Promise<Omit<NetworkTargetsPayload, 'userErrors'>> {
    return { targets: await setNetworkTargets(tenantOf(ctx), input.targets, input.expectedVersion) };
  }

  @SavingMutation(() => RankingWeightsPayload, "HQ sets the figures the monthly ranking's score weighs.", Permission.RANKING_MANAGE)
  async setRankingWeights(@Arg('input') input: SetRankingWeightsInput, @Ctx() ctx: ApiContext): Promise<Omit<RankingWeightsPayload, 'userErrors'>> {
    return { weights: await setRankingWeights(tenantOf(ctx), input.weights, input.expectedVersion) };
  }

  @SavingMutation(() => RankingPublicationPayload, "HQ shows a month's whole ranking to its stores, or takes it back.", Permission.RANKING_MANAGE)
  async publishRanking(@Arg('input') input: PublishRankingInput, @Ctx() ctx: ApiContext): Promise<Omit<RankingPublicationPayload, 'userErrors'>> {
    return { publication: await publishRanking(tenantOf(ctx), input.month, input.published) };
  }
}

const valuesOf = (values: Record<RankingFigure, number | null>): FigureValue[] =>
  Object.entries(values).map(([figure, value]) => ({ figure: figure as RankingFigure, value }));

function rankedStore(store: ScoredStore): RankedStore {
  return {
    storeId: toGlobalId('Tenant', store.storeId!),
    storeSlug: store.slug!,
    storeName: store.name!,
    score: store.score,
    rank: store.rank,
    values: valuesOf(store.values),
  };
}

function flagOf(flag: Flag): TargetFlag {
  return { ...flag, storeId: toGlobalId('Tenant', flag.storeId), storeSlug: flag.slug, storeName: flag.name };
}
