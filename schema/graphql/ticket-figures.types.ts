import { ArgsType, ClassType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { BacklogAge, TicketFigure } from '../../core/sla-enums';
import { Connection } from './connection';
import { FigureRowsArgs, FiguresArgs, FigureTicketColumns, PeriodFigures } from './figure-bases';
import { ServiceFigureFilter } from './figures.types';
import { GlobalIdOf } from './global-id-of';

registerEnumType(TicketFigure, {
  name: 'TicketFigure',
  description:
    'A ticket-volume figure whose rows can be listed: REGISTERED, BACKLOG, ESCALATED (ladder levels reached), PARTS_ORDERED, PARTS_LATE, PARTS_ARRIVED_LATE, PARTS_SLIPPED, SLIPS, SLIPS_TOLD, SLIPS_NOT_TOLD.',
});
registerEnumType(BacklogAge, {
  name: 'BacklogAge',
  description: 'How long a ticket of the backlog has waited since it was registered, in calendar days: under 1, 1 to 3, 3 to 7, 7 or more.',
});

@InputType({ description: 'Which tickets a ticket-volume figure counts: the service figures’ filter, and the product models.' })
export class TicketFigureFilter extends ServiceFigureFilter {
  @Field(() => [ID], { nullable: true, description: "Global ids of ProductModels of the HQ's catalogue: only tickets whose device is of one of them." })
  @GlobalIdOf('ProductModel')
  productModels?: string[] | null;
}

/** Tickets registered of one value (a type, a channel, a priority) under `key`; each count type names itself. */
function RegisteredCount<K extends string, V>(key: K, type: object, description: string): ClassType<{ [P in K]: V } & { count: number }> {
  // Registered so the count types inherit its fields; never reached from a resolver, so never in the schema itself.
  @ObjectType()
  abstract class Count {
    @Field(() => Int, { description: 'Tickets registered.' }) count!: number;
  }
  Field(() => type, { description })(Count.prototype, key);
  return Count as unknown as ClassType<{ [P in K]: V } & { count: number }>;
}

@ObjectType({ description: 'Tickets registered of one ticket type.' })
export class TicketTypeCount extends RegisteredCount<'type', TicketType>('type', TicketType, 'The type.') {}

@ObjectType({ description: 'Tickets registered through one channel.' })
export class TicketChannelCount extends RegisteredCount<'channel', TicketChannel>('channel', TicketChannel, 'The channel.') {}

@ObjectType({ description: 'Tickets registered of one priority (as it is now).' })
export class TicketPriorityCount extends RegisteredCount<'priority', TicketPriority>('priority', TicketPriority, 'The priority.') {}

@ObjectType({ description: 'Tickets registered for devices of one product model.' })
export class TicketModelCount {
  @Field(() => ID, { nullable: true, description: "The ProductModel's global id; null for tickets without a device." }) modelId!: string | null;
  @Field(() => String, { nullable: true, description: "The model's name." }) name!: string | null;
  @Field(() => Int, { description: 'Tickets registered.' }) count!: number;
}

@ObjectType({ description: 'Tickets of the backlog of one age.' })
export class BacklogAgeCount {
  @Field(() => BacklogAge, { description: 'The age bucket.' }) age!: BacklogAge;
  @Field(() => Int, { description: 'Tickets.' }) count!: number;
}

@ObjectType({ description: 'The tickets open at the end of the period, by how long they had waited.' })
export class BacklogFigures {
  @Field(() => Int, {
    description: "Tickets registered and not resolved, closed or cancelled at the end of the period's last day (now, for a period not ended yet).",
  })
  total!: number;

  @Field(() => [BacklogAgeCount], { description: 'Every age bucket, in order, zeros included.' }) ages!: BacklogAgeCount[];
}

@ObjectType({ description: 'One level of the escalation ladder reached in the period.' })
export class EscalationLevelCount {
  @Field(() => Int, { description: 'The level (1: the responsible person reminded, up to HQ service quality).' }) level!: number;
  @Field({ description: "The level's name in the ladder." }) name!: string;
  @Field(() => Int, { description: 'Times it was reached (a ticket reaches it at most once per run of a clock).' }) count!: number;
  @Field(() => Int, { description: 'Tickets that reached it.' }) tickets!: number;
}

@ObjectType({ description: 'Parts ordered in the period, how many came late, and whether customers were told when a date slipped.' })
export class PartsFigures {
  @Field(() => Int, { description: 'Parts ordered in the period (on the day they were ordered).' }) ordered!: number;
  @Field(() => Int, { description: "Of those, still awaited past their expected day (as of now, in the store's time zone)." }) late!: number;
  @Field(() => Int, { description: 'Of those, arrived after their expected day.' }) arrivedLate!: number;
  @Field(() => Int, { description: 'Of those, whose expected date moved later at least once.' }) slipped!: number;
  @Field(() => Int, { description: "The later moves of those orders' dates, all counted." }) slips!: number;
  @Field(() => Float, { nullable: true, description: 'slips / ordered (two decimals); null without orders.' }) slipsPerOrder!: number | null;
  @Field(() => Int, { description: "Slips of a part's date made in the period (on the day of the change)." }) slipNotices!: number;
  @Field(() => Int, { description: 'Of those, told to the customer within the standard (the PART_DELAYED message went out within an hour).' }) told!: number;
  @Field(() => Float, { nullable: true, description: 'told / slipNotices in percent (two decimals); null without slips.' }) toldPercent!: number | null;
}

@ObjectType({ description: 'The ticket-volume figures of one interval of the period.' })
export class VolumeBucket {
  @Field({ description: 'First day of the interval (YYYY-MM-DD); it may fall before the period, whose days alone count.' }) start!: string;
  @Field({ description: "The interval's last day within the period: the backlog is taken at its end." }) end!: string;
  @Field(() => Int, { description: 'Tickets registered.' }) registered!: number;
  @Field(() => Int, { description: 'Tickets open at the end of `end` (now, if that is still to come).' }) backlog!: number;
  @Field(() => Int, { description: 'Ladder levels reached.' }) escalated!: number;
  @Field(() => Int, { description: 'Parts ordered.' }) partsOrdered!: number;
  @Field(() => Int, { description: "Slips of a part's date." }) slipNotices!: number;
}

@ObjectType({ description: 'Ticket volumes, backlog, escalations and parts of a store, some stores or a network over a period, counted from stored facts.' })
export class TicketFigures extends PeriodFigures(VolumeBucket) {
  @Field(() => Int, { description: 'Tickets registered in the period.' }) registered!: number;
  @Field(() => [TicketTypeCount], { description: 'Registered, per ticket type that has any, most first.' }) byType!: TicketTypeCount[];
  @Field(() => [TicketChannelCount], { description: 'Registered, per channel that has any, most first.' }) byChannel!: TicketChannelCount[];
  @Field(() => [TicketPriorityCount], { description: 'Registered, per priority that has any, most first.' }) byPriority!: TicketPriorityCount[];

  @Field(() => [TicketModelCount], { description: 'Registered, per product model that has any (and without a device), most first.' })
  byModel!: TicketModelCount[];

  @Field(() => BacklogFigures, { description: 'The backlog at the end of the period.' }) backlog!: BacklogFigures;
  @Field(() => [EscalationLevelCount], { description: 'Each ladder level reached in the period, by level.' }) escalations!: EscalationLevelCount[];
  @Field(() => PartsFigures, { description: 'Parts ordered, late and slipped, and the customers told.' }) parts!: PartsFigures;
}

@ArgsType()
export class TicketFiguresArgs extends FiguresArgs(TicketFigureFilter, 'Which stores, which days, which tickets.') {}

@ObjectType({ description: 'One row behind a ticket-volume figure: a ticket, a ladder level it reached, a part ordered or a slip of its date.' })
export class TicketFigureTicket extends FigureTicketColumns {
  @Field(() => ID, { description: 'The id of what the row counts: the ticket, the timeline entry, the parts order or the date change.' }) itemId!: string;
  @Field(() => TicketFigure, { description: 'The figure it is behind.' }) figure!: TicketFigure;
  @Field(() => String, { nullable: true, description: "The device's product model." }) modelName!: string | null;
  @Field({ description: 'When it was registered, the level reached, the part ordered or its date slipped.' }) occurredAt!: Date;
  @Field({ description: "That day, in the store's time zone (YYYY-MM-DD)." }) localDate!: string;
  @Field(() => BacklogAge, { nullable: true, description: 'BACKLOG: how long it had waited at the end of the period.' }) backlogAge!: BacklogAge | null;
  @Field(() => Int, { nullable: true, description: 'ESCALATED: the level reached.' }) level!: number | null;
  @Field(() => String, { nullable: true, description: "ESCALATED: the level's name." }) levelName!: string | null;
  @Field(() => String, { nullable: true, description: 'Parts: the part number.' }) partNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'Parts: the expected day now (a slip: the day it moved to).' }) expectedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Parts ordered: the day it arrived.' }) arrivedOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Parts ordered: how many times its date moved later.' }) slips!: number | null;
  @Field(() => Date, { nullable: true, description: 'Slips: when the customer was told, if within the standard.' }) toldAt!: Date | null;
}

export const TicketFigureTicketConnection = Connection(TicketFigureTicket, 'TicketFigureTicket');

@ArgsType()
export class TicketFigureTicketsArgs extends FigureRowsArgs(TicketFigureFilter) {
  @Field(() => TicketFigure, { description: 'The figure.' }) figure!: TicketFigure;
  @Field(() => BacklogAge, { nullable: true, description: 'BACKLOG: only the tickets of this age.' }) backlogAge?: BacklogAge | null;
  @Field(() => Int, { nullable: true, description: 'ESCALATED: only this level.' }) level?: number | null;
}
