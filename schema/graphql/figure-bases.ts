import { ArgsType, ClassType, Field, ID, Int, ObjectType } from 'type-graphql';
import { TicketChannel, TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { FigureInterval } from '../../core/sla-enums';
import { PageArgs } from './connection';

/*
 * What the service figures, the customer-care figures and the ticket volumes
 * declare alike: the period and its series, the arguments of a figures query
 * and of its drill-down, and the ticket a drill-down row names. Each base is
 * registered so the figures' types inherit its fields, and never reached from
 * a resolver itself, so never in the schema.
 */

/** A figures query's result: the period counted, its stores and its series of `bucket`. */
export type PeriodFiguresShape<B> = { from: string; to: string; storeCount: number; series: B[] };

export function PeriodFigures<B extends object>(bucket: ClassType<B>): ClassType<PeriodFiguresShape<B>> {
  @ObjectType()
  abstract class Period {
    @Field({ description: 'First day of the period (YYYY-MM-DD).' }) from!: string;
    @Field({ description: 'Last day of the period (YYYY-MM-DD), included.' }) to!: string;
    @Field(() => Int, { description: 'How many stores were counted.' }) storeCount!: number;
  }
  const series = 'Every interval of the period in order, empty ones included, when `groupBy` is given; else empty.';
  Field(() => [bucket], { description: series })(Period.prototype, 'series');
  return Period as unknown as ClassType<PeriodFiguresShape<B>>;
}

/** A figures query's arguments: which runs or tickets count, and how the series is cut. */
export type FiguresArgsShape<F> = { filter: F; groupBy?: FigureInterval | null };

export function FiguresArgs<F extends object>(filter: ClassType<F>, description: string): ClassType<FiguresArgsShape<F>> {
  @ArgsType()
  abstract class Grouped {
    @Field(() => FigureInterval, { nullable: true, description: 'Also cut the period into days, weeks or months (the series).' })
    groupBy?: FigureInterval | null;
  }
  Field(() => filter, { description })(Grouped.prototype, 'filter');
  return Grouped as unknown as ClassType<FiguresArgsShape<F>>;
}

/** A drill-down's arguments: a page of what one figure counts, under the figure's own filter. */
export function FigureRowsArgs<F extends object>(filter: ClassType<F>): ClassType<PageArgs & { filter: F }> {
  @ArgsType()
  abstract class Rows extends PageArgs {}
  Field(() => filter, { description: 'The same filter as the figure drilled into.' })(Rows.prototype, 'filter');
  return Rows as unknown as ClassType<PageArgs & { filter: F }>;
}

/** The ticket a drill-down row is about, as a list shows it. */
@ObjectType()
export abstract class FigureTicketColumns {
  @Field(() => ID, { description: "The ticket's global id (readable by its store)." }) ticketId!: string;
  @Field({ description: 'Ticket number.' }) number!: string;
  @Field(() => TicketType, { description: 'Type.' }) type!: TicketType;
  @Field(() => TicketStatus, { description: 'Status now.' }) status!: TicketStatus;
  @Field(() => TicketPriority, { description: 'Priority now.' }) priority!: TicketPriority;
  @Field(() => TicketChannel, { description: 'How the request arrived.' }) channel!: TicketChannel;
  @Field({ description: 'The store it belongs to (slug).' }) storeSlug!: string;
  @Field({ description: 'The store it belongs to (name).' }) storeName!: string;
}
