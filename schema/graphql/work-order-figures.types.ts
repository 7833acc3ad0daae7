import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FigureInterval, WorkOrderFigure } from '../../core/sla-enums';
import { PageArgs } from './connection';
import { FigurePeriodInput } from './figures.types';

registerEnumType(WorkOrderFigure, {
  name: 'WorkOrderFigure',
  description:
    "A partner's work-order figure whose orders can be listed: RECEIVED, REPAIRED, REPAIRED_ON_TIME, REPAIRED_LATE, REPAIRED_WITHOUT_DEADLINE, REWORKED, RETURNED_UNREPAIRED, CANCELLED, OPEN, OVERDUE.",
});

@ObjectType({ description: 'How long the repairs done in the period took, from receipt to the repair reported done (calendar hours, one decimal).' })
export class WorkOrderTurnaround {
  @Field(() => Float, { nullable: true, description: 'Average; null without repairs.' })
  averageHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median (interpolated); null without repairs.' })
  medianHours!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile (interpolated); null without repairs.' })
  p90Hours!: number | null;
}

@ObjectType({ description: 'One interval of the series: orders received, and repairs done, on its days.' })
export class WorkOrderFigureBucket {
  @Field({ description: 'First day of the interval, YYYY-MM-DD (a Monday for a week); it may fall before the period, whose days alone count.' })
  start!: string;

  @Field(() => Int, { description: 'Orders received.' })
  received!: number;

  @Field(() => Int, { description: 'Repairs reported done.' })
  repaired!: number;

  @Field(() => Int, { description: "Of those, by the store's deadline." })
  repairedOnTime!: number;

  @Field(() => Int, { description: "Of those, after the store's deadline." })
  repairedLate!: number;
}

@ObjectType({
  description:
    "A partner's work orders over a period, in its own time zone: received, repaired by the store's deadline or late, returned, cancelled, and still on its bench at the period's end.",
})
export class WorkOrderFigures {
  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from!: string;

  @Field({ description: 'Last day of the period (YYYY-MM-DD), included.' })
  to!: string;

  @Field(() => Int, { description: 'Orders received in the period.' })
  received!: number;

  @Field(() => Int, { description: 'Repairs reported done in the period (the last report, after any rework).' })
  repaired!: number;

  @Field(() => Int, { description: "Of those, done by the store's deadline (`storeDueAt`)." })
  repairedOnTime!: number;

  @Field(() => Int, { description: "Of those, done after the store's deadline." })
  repairedLate!: number;

  @Field(() => Int, { description: 'Of those, handed over without a deadline.' })
  repairedWithoutDeadline!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'repairedOnTime / (repairedOnTime + repairedLate), in percent (two decimals); null when none had a deadline.',
  })
  onTimePercent!: number | null;

  @Field(() => Int, { description: 'Of the repairs, those taken back into repair at least once before.' })
  reworked!: number;

  @Field(() => Int, { description: 'Orders returned to the store in the period without a repair.' })
  returnedUnrepaired!: number;

  @Field(() => Int, { description: 'Orders cancelled in the period.' })
  cancelled!: number;

  @Field(() => Int, { description: "Orders neither repaired, returned nor cancelled at the end of the period's last day (now, for a period not ended)." })
  open!: number;

  @Field(() => Int, { description: "Of those, past the store's deadline then." })
  overdue!: number;

  @Field(() => WorkOrderTurnaround, { description: 'Time from receipt to repair, of the repairs done in the period.' })
  turnaround!: WorkOrderTurnaround;

  @Field(() => [WorkOrderFigureBucket], { description: 'Every interval of the period in order, empty ones included, when `groupBy` is given; else empty.' })
  series!: WorkOrderFigureBucket[];
}

@ArgsType()
export class WorkOrderFiguresArgs {
  @Field(() => FigurePeriodInput, { description: "The days counted, in the partner's time zone." })
  period!: FigurePeriodInput;

  @Field(() => FigureInterval, { nullable: true, description: 'Also cut the period into days, weeks or months (the series).' })
  groupBy?: FigureInterval | null;
}

@ArgsType()
export class WorkOrderFigureOrdersArgs extends PageArgs {
  @Field(() => FigurePeriodInput, { description: 'The same period as the figure drilled into.' })
  period!: FigurePeriodInput;

  @Field(() => WorkOrderFigure, { description: 'The figure.' })
  figure!: WorkOrderFigure;
}
