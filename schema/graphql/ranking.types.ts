import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RankingFigure, TargetComparison } from '../../core/ranking-enums';
import { PayloadWith } from './payload';

registerEnumType(RankingFigure, {
  name: 'RankingFigure',
  description:
    "A store's monthly figure HQ can target and weigh: each metric's compliance (percent), first contact within 24 hours (percent), the first contact's average calendar minutes (lower is better), or the mean total of HQ's inspections submitted in the month (percent).",
});
registerEnumType(TargetComparison, {
  name: 'TargetComparison',
  description: 'AT_LEAST: the figure must be the value or more; AT_MOST: the value or less.',
});

@ObjectType({ description: "One of HQ's targets for its network." })
@InputType('NetworkTargetInput', { description: 'One target: a figure, which side of the value keeps it, and the value.' })
export class NetworkTarget {
  @Field(() => RankingFigure, { description: 'The figure targeted.' }) figure!: RankingFigure;
  @Field(() => TargetComparison, { description: 'Which side of the value keeps the target.' }) comparison!: TargetComparison;
  @Field(() => Float, { description: 'Percent (0-100) or minutes, with at most two decimals.' }) value!: number;
}

@ObjectType({ description: "HQ's targets as they stand." })
export class NetworkTargets {
  @Field(() => Int, { description: 'Changes with every new set; 0 before the first. Give it as `expectedVersion` to replace the set.' }) version!: number;
  @Field(() => [NetworkTarget], { description: 'The targets, by figure.' }) targets!: NetworkTarget[];
}

@InputType({ description: "Replaces HQ's whole set of targets." })
export class SetNetworkTargetsInput {
  @Field(() => [NetworkTarget], { description: 'Every target of the network, at most one per figure; an empty list removes them all.' })
  targets!: NetworkTarget[];

  @Field(() => Int, { description: 'The version read (0 for the first set): the set is not replaced if someone changed it since.' }) expectedVersion!: number;
}

@ObjectType({ description: 'Result of setting the targets.' })
export class NetworkTargetsPayload extends PayloadWith(
  'targets',
  () => NetworkTargets,
  'The targets as they now stand.',
  'Why nothing was saved: INVALID_TARGET_VALUE, DUPLICATE_FIGURE, STALE.',
) {}

@ObjectType({ description: "A figure's weight in the ranking's score." })
@InputType('RankingWeightInput', { description: "A figure and its weight in the ranking's score." })
export class RankingWeight {
  @Field(() => RankingFigure, { description: 'The figure weighed.' }) figure!: RankingFigure;
  @Field(() => Float, { description: 'Percent of the score, above 0, at most two decimals; the weights add up to 100.' }) weight!: number;
}

@ObjectType({ description: "The ranking's weights as they stand." })
export class RankingWeights {
  @Field(() => Int, { description: 'Changes with every new set; 0 before the first. Give it as `expectedVersion` to replace the weights.' }) version!: number;
  @Field(() => [RankingWeight], { description: 'The figures weighed; none before HQ set any.' }) weights!: RankingWeight[];
}

@InputType({ description: "Sets the figures the ranking's score weighs." })
export class SetRankingWeightsInput {
  @Field(() => [RankingWeight], { description: 'At least one figure, each once; the weights add up to exactly 100.' }) weights!: RankingWeight[];
  @Field(() => Int, { description: 'The version read (0 for the first weights).' }) expectedVersion!: number;
}

@ObjectType({ description: 'Result of setting the weights.' })
export class RankingWeightsPayload extends PayloadWith(
  'weights',
  () => RankingWeights,
  'The weights as they now stand.',
  'Why nothing was saved: NO_WEIGHTS, INVALID_WEIGHT, DUPLICATE_FIGURE, WEIGHTS_NOT_100, STALE.',
) {}

@InputType({ description: "Shows a month's whole ranking to HQ's stores, or takes it back." })
export class PublishRankingInput {
  @Field({ description: 'The month, YYYY-MM.' }) month!: string;

  @Field(() => Boolean, { defaultValue: true, description: 'false takes the ranking back: stores see their own rank and the medians only.' })
  published!: boolean;
}

@ObjectType({ description: "Whether a month's whole ranking is shown to the stores." })
export class RankingPublication {
  @Field({ description: 'The month, YYYY-MM.' }) month!: string;
  @Field({ description: 'Shown to the stores.' }) published!: boolean;
  @Field(() => Date, { nullable: true, description: 'Since when.' }) publishedAt!: Date | null;
}

@ObjectType({ description: 'Result of publishing or unpublishing a ranking.' })
export class RankingPublicationPayload extends PayloadWith(
  'publication',
  () => RankingPublication,
  'The month as it now stands.',
  'Why nothing was saved: INVALID_MONTH.',
) {}

@ObjectType({ description: "One figure's value; null when nothing of it was decided in the month." })
export class FigureValue {
  @Field(() => RankingFigure, { description: 'The figure.' }) figure!: RankingFigure;
  @Field(() => Float, { nullable: true, description: 'Percent or minutes, two decimals.' }) value!: number | null;
}

@ObjectType({ description: 'A store below a target in a month and in the month before it.' })
export class TargetFlag {
  @Field(() => ID, { description: 'Global id of the store (a Tenant).' }) storeId!: string;
  @Field({ description: "The store's slug." }) storeSlug!: string;
  @Field({ description: "The store's name." }) storeName!: string;
  @Field(() => RankingFigure, { description: 'The figure below its target.' }) figure!: RankingFigure;
  @Field(() => TargetComparison, { description: "The target's side." }) comparison!: TargetComparison;
  @Field(() => Float, { description: "The target's value." }) target!: number;
  @Field({ description: 'The month before, YYYY-MM.' }) previousMonth!: string;
  @Field(() => Float, { description: 'The figure in the month before.' }) previousValue!: number;
  @Field({ description: 'The month, YYYY-MM.' }) month!: string;
  @Field(() => Float, { description: 'The figure in the month.' }) value!: number;
}

@ObjectType({ description: "One store's place in a month's ranking." })
export class RankedStore {
  @Field(() => ID, { description: 'Global id of the store (a Tenant).' }) storeId!: string;
  @Field({ description: "The store's slug." }) storeSlug!: string;
  @Field({ description: "The store's name." }) storeName!: string;
  @Field(() => Float, { nullable: true, description: 'The weighted score, 0-100; null when the store has no value in any weighed figure.' }) score!:
    number | null;
  @Field(() => Int, { nullable: true, description: '1 is the best; equal scores share a rank; null when unranked.' }) rank!: number | null;
  @Field(() => [FigureValue], { description: 'Every figure of the store in the month.' }) values!: FigureValue[];
}

@ObjectType({ description: 'A store in HQ’s ranking, with its flags.' })
export class HqRankedStore extends RankedStore {
  @Field(() => [TargetFlag], { description: "The store's targets missed this month and the month before." }) flags!: TargetFlag[];
}

@ObjectType({ description: "HQ's ranking of its stores for a month, computed from the figures as they are now." })
export class StoreRanking {
  @Field({ description: 'The month, YYYY-MM.' }) month!: string;
  @Field({ description: 'Whether the stores see it whole.' }) published!: boolean;
  @Field(() => RankingWeights, { description: 'The weights the scores are computed with.' }) weights!: RankingWeights;
  @Field(() => [HqRankedStore], { description: 'Every store, best first; unranked ones last.' }) stores!: HqRankedStore[];
  @Field(() => [FigureValue], { description: "The network's median of every figure, over the stores that have it." }) medians!: FigureValue[];
  @Field(() => [TargetFlag], { description: 'Every store below a target this month and the month before.' }) flags!: TargetFlag[];
}

@ObjectType({ description: "A store's place in its network's month: its own figures and the medians; every store's only once HQ published the month." })
export class MyRanking {
  @Field({ description: 'The month, YYYY-MM.' }) month!: string;
  @Field({ description: 'Whether HQ published the whole ranking.' }) published!: boolean;
  @Field(() => RankingWeights, { description: 'How the score is weighed.' }) weights!: RankingWeights;
  @Field(() => Int, { nullable: true, description: "The store's rank; null when unranked." }) rank!: number | null;
  @Field(() => Float, { nullable: true, description: "The store's score, 0-100." }) score!: number | null;
  @Field(() => Int, { description: 'How many stores have a score this month.' }) rankedStores!: number;
  @Field(() => [FigureValue], { description: "The store's own figures." }) values!: FigureValue[];
  @Field(() => [FigureValue], { description: "The network's median of every figure." }) medians!: FigureValue[];
  @Field(() => [RankedStore], { nullable: true, description: 'Every store, when HQ published the month; null otherwise.' }) stores!: RankedStore[] | null;
}
