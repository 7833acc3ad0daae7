import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../../core/describe-enum';
import { NextStepKind, PromiseChangeKind, PromiseState } from '../../core/customer-status-enums';
import { SlaMetric } from '../../core/sla-enums';
import { AppointmentStatus, PartsOrderStatus, TicketStatus, TicketType } from '../../core/desk-enums';

/**
 * The customer's status page: what a customer without an account sees of
 * their own ticket, through the link in their messages or the ticket number
 * and the last 4 digits of their phone. Codes and instants only: the page
 * words them in the customer's language.
 */
describeEnum(PromiseState, 'CustomerPromiseState', 'Where a promise to the customer stands.', {
  PENDING: 'Still to be kept, by its due time.',
  PAUSED: 'On hold while the store waits (for the customer, or for a part within its date).',
  KEPT: 'Kept on time.',
  MISSED: 'Its due time passed before it was kept.',
});

describeEnum(PromiseChangeKind, 'CustomerPromiseChangeKind', 'What happened to a promised date.', {
  PART_ORDERED: 'A part was ordered, expected on `date`.',
  PART_DATE_CHANGED: "A part's date moved from `previousDate` to `date`, for `reason`.",
  PART_LATE: "A part's `date` passed and no new one is known; the store writes again by `nextUpdateBy`.",
  PART_ARRIVED: 'A part arrived.',
  PART_CANCELLED: 'A part is no longer awaited.',
  VISIT_BOOKED: 'An on-site visit was booked for the window.',
  VISIT_MOVED: 'An on-site visit moved from the previous window to the new one.',
  VISIT_CANCELLED: 'An on-site visit was called off.',
});

describeEnum(NextStepKind, 'CustomerNextStepKind', 'What happens next on a ticket, as its customer sees it.', {
  STORE_CONTACTS_YOU: 'Someone from the store contacts the customer, by `dueAt`.',
  VISIT: 'An on-site visit, in the window starting at `dueAt`.',
  PART_ARRIVAL: 'The work waits for a part, expected on `expectedOn`.',
  PART_LATE: 'A part is late and the supplier has not given a new date yet; the store chases it.',
  WAITING_FOR_YOU: 'The store waits for the customer (an answer, the device).',
  REPAIR: 'The store works on it, to be done by `dueAt`.',
  RESOLVED: 'The work is done.',
  NONE: 'Closed or cancelled: nothing more will happen.',
});

@ObjectType({ description: 'Opening hours of one day of the week.' })
export class CustomerStoreHours {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }) weekday!: number;
  @Field(() => [String], { description: 'Open intervals in the store\'s local time, e.g. "09:00-12:00".' }) intervals!: string[];
}

@ObjectType({ description: 'How the customer reaches the store that has the ticket.' })
export class CustomerStore {
  @Field({ description: "The store's name." }) name!: string;
  @Field(() => String, { nullable: true, description: "The store's phone number, when it has given one." }) phone!: string | null;
  @Field(() => String, { nullable: true, description: "The store's address, when it has given one." }) address!: string | null;
  @Field({ description: 'IANA time zone of the store: its hours and local times are in it.' }) timeZone!: string;

  @Field(() => [CustomerStoreHours], { description: 'Weekly opening hours; days without hours are closed (public holidays close too).' })
  hours!: CustomerStoreHours[];
}

@ObjectType({ description: "A promise of the store's service standard the customer cares about: being contacted, the work being done." })
export class CustomerPromise {
  @Field(() => SlaMetric, { description: 'FIRST_CONTACT (someone contacts the customer) or RESOLUTION (the work is done).' }) metric!: SlaMetric;
  @Field(() => PromiseState, { description: 'Pending, paused, kept or missed.' }) state!: PromiseState;
  @Field(() => Date, { nullable: true, description: 'When it is (or was) due; none while paused.' }) dueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the promised thing happened, on time or late.' }) doneAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When its due time passed with the promise not kept.' }) missedAt!: Date | null;
  @Field({ description: 'Counted on a national holiday calendar not published yet: the due time may still move.' }) provisional!: boolean;
}

@ObjectType({ description: "A change of a promised date: a part's expected date, an on-site visit's window." })
export class CustomerPromiseChange {
  @Field(() => PromiseChangeKind, { description: 'What happened.' }) kind!: PromiseChangeKind;
  @Field({ description: 'When it happened.' }) at!: Date;
  @Field(() => String, { nullable: true, description: 'The part it is about.' }) partDescription!: string | null;
  @Field(() => String, { nullable: true, description: 'The date expected before (YYYY-MM-DD).' }) previousDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The date expected (YYYY-MM-DD).' }) date!: string | null;
  @Field(() => String, { nullable: true, description: "Why a part's date moved, as the supplier said." }) reason!: string | null;
  @Field(() => Date, { nullable: true, description: "A moved visit's previous window, start." }) previousWindowStart!: Date | null;
  @Field(() => Date, { nullable: true, description: "A moved visit's previous window, end." }) previousWindowEnd!: Date | null;
  @Field(() => Date, { nullable: true, description: "A visit's window, start." }) windowStart!: Date | null;
  @Field(() => Date, { nullable: true, description: "A visit's window, end." }) windowEnd!: Date | null;
  @Field(() => Date, { nullable: true, description: 'For a late part: when the store promised to write again at the latest.' }) nextUpdateBy!: Date | null;
}

@ObjectType({ description: 'A part the repair needs, as its customer sees it.' })
export class CustomerPart {
  @Field({ description: 'What the part is.' }) description!: string;
  @Field(() => Int, { description: 'How many.' }) quantity!: number;
  @Field(() => PartsOrderStatus, { description: 'Ordered, arrived or cancelled.' }) status!: PartsOrderStatus;
  @Field({ description: 'The latest expected date (YYYY-MM-DD).' }) expectedOn!: string;
  @Field({ description: 'The date first promised (YYYY-MM-DD).' }) firstPromisedOn!: string;
  @Field(() => Date, { nullable: true, description: 'When it arrived.' }) arrivedAt!: Date | null;
  @Field({ description: 'Still awaited and its expected date has passed: it is late, and no new date is known.' }) late!: boolean;
}

@ObjectType({ description: 'An on-site visit, as its customer sees it.' })
export class CustomerVisit {
  @Field({ description: 'Start of the promised window.' }) windowStart!: Date;
  @Field({ description: 'End of the promised window.' }) windowEnd!: Date;
  @Field(() => AppointmentStatus, { description: 'Scheduled, completed, cancelled or missed.' }) status!: AppointmentStatus;
  @Field(() => String, { nullable: true, description: "The technician's given name." }) technicianFirstName!: string | null;
}

@ObjectType({ description: 'What happens next, and when the customer hears from the store next.' })
export class CustomerNextStep {
  @Field(() => NextStepKind, { description: 'What happens next.' }) kind!: NextStepKind;

  @Field(() => Date, { nullable: true, description: 'When it is promised by (a contact, a visit window, the work done), when a time is promised.' })
  dueAt!: Date | null;

  @Field(() => String, { nullable: true, description: "A part's expected date (YYYY-MM-DD), for PART_ARRIVAL." }) expectedOn!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the customer hears from the store next at the latest (the progress standard), while the work goes on.',
  })
  nextUpdateBy!: Date | null;
}

@ObjectType({ description: "An entry of the ticket's timeline that the customer was told of, in words safe for the customer." })
export class CustomerTimelineEntry {
  @Field({ description: 'What happened: STATUS_CHANGED, PART_ORDERED, PART_DELAYED, PART_ARRIVED, APPOINTMENT_SCHEDULED, NOTIFICATION_SENT...' }) kind!: string;
  @Field({ description: 'When it happened.' }) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'One line in English; the fields below let the page word it in any language.' }) summary!: string | null;
  @Field(() => TicketStatus, { nullable: true, description: 'A status change: the new status.' }) status!: TicketStatus | null;
  @Field(() => TicketStatus, { nullable: true, description: 'A status change: the status before.' }) previousStatus!: TicketStatus | null;

  @Field(() => String, { nullable: true, description: 'Words the store addressed to the customer (a message, a status note, the result of a complaint).' })
  text!: string | null;

  @Field(() => String, { nullable: true, description: 'The part it is about.' }) partDescription!: string | null;
  @Field(() => String, { nullable: true, description: 'A date before the change (YYYY-MM-DD).' }) previousDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The date (YYYY-MM-DD): when a part is expected, until when a warranty runs.' }) date!: string | null;
  @Field(() => String, { nullable: true, description: "Why a part's date moved, as the supplier said." }) reason!: string | null;
  @Field(() => Date, { nullable: true, description: "A visit's window, start." }) windowStart!: Date | null;
  @Field(() => Date, { nullable: true, description: "A visit's window, end." }) windowEnd!: Date | null;
  @Field(() => Date, { nullable: true, description: "A moved visit's previous window, start." }) previousWindowStart!: Date | null;
  @Field(() => Date, { nullable: true, description: "A moved visit's previous window, end." }) previousWindowEnd!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the customer was reached: EMAIL or SMS for a message; PHONE, SMS, EMAIL, IN_PERSON or LETTER for a contact.',
  })
  channel!: string | null;

  @Field(() => String, { nullable: true, description: 'Which message was sent: TICKET_RECEIVED, STATUS_CHANGED, PART_DELAYED...' }) message!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A contact: whether the customer was reached.' }) reached!: boolean | null;
}

@ObjectType({ description: "The customer's view of their ticket: where it stands, every promise and its changes, what happens next, how to reach the store." })
export class CustomerTicketStatus {
  @Field({ description: 'The number the customer quotes, e.g. `ZGC-2026-000123`.' }) ticketNumber!: string;
  @Field(() => TicketType, { description: 'What the customer came for.' }) type!: TicketType;
  @Field(() => TicketStatus, { description: 'Where the ticket stands.' }) status!: TicketStatus;
  @Field({ description: 'Since when it stands there.' }) statusSince!: Date;
  @Field({ description: 'When the request was registered.' }) registeredAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the work was done.' }) resolvedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the ticket was closed.' }) closedAt!: Date | null;
  @Field(() => CustomerStore, { description: 'The store: its name, phone, address and hours.' }) store!: CustomerStore;
  @Field(() => String, { nullable: true, description: 'The given name of the colleague responsible for the ticket.' }) assigneeFirstName!: string | null;

  @Field(() => [CustomerPromise], { description: "The service standard's promises: being contacted, the work done; with their due times." })
  promises!: CustomerPromise[];
  @Field(() => [CustomerPromiseChange], { description: 'Every promised date and every change of it, with its reason, oldest first.' })
  promiseHistory!: CustomerPromiseChange[];

  @Field(() => [CustomerPart], { description: 'The parts ordered for the repair, with their latest dates; a late one says so.' }) parts!: CustomerPart[];
  @Field(() => [CustomerVisit], { description: 'On-site visits, earliest first.' }) visits!: CustomerVisit[];
  @Field(() => CustomerNextStep, { description: 'What happens next, and when the customer hears from the store next.' }) nextStep!: CustomerNextStep;
  @Field(() => [CustomerTimelineEntry], { description: 'What the customer was told, oldest first.' }) timeline!: CustomerTimelineEntry[];
}
