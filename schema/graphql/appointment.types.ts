import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput } from './versioned-input';
import { Appointment, Ticket } from '../entities';
import { PayloadWith } from './payload';

@InputType({ description: 'An on-site visit to schedule for a ticket.' })
export class ScheduleAppointmentInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.') {
  @Field({ description: 'Start of the promised window.' }) windowStart!: Date;
  @Field({ description: 'End of the promised window; after its start, and not over yet.' }) windowEnd!: Date;

  @Field(() => ID, { description: 'A technician of the store.' })
  @GlobalIdOf('StaffUser')
  technicianId!: string;

  @Field(() => String, { nullable: true, description: "Where to go; defaults to the ticket's contact address." }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'Notes for the technician.' }) notes?: string | null;
}

@InputType({ description: 'Move a scheduled visit to another window (and technician, or address).' })
export class RescheduleAppointmentInput extends VersionedInput('appointmentId', 'Appointment', 'The appointment.') {
  @Field({ description: 'Start of the new window.' }) windowStart!: Date;
  @Field({ description: 'End of the new window.' }) windowEnd!: Date;

  @Field(() => ID, { nullable: true, description: 'Another technician; the same one when omitted.' })
  @GlobalIdOf('StaffUser')
  technicianId?: string | null;

  @Field(() => String, { nullable: true, description: 'Another address; the same one when omitted.' }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it moved (internal).' }) reason?: string | null;
}

@InputType({ description: 'A scheduled visit took place.' })
export class CompleteAppointmentInput extends VersionedInput('appointmentId', 'Appointment', 'The appointment.') {
  @Field(() => String, { nullable: true, description: 'What was done on site.' }) notes?: string | null;
}

@InputType({ description: 'Call off a scheduled visit.' })
export class CancelAppointmentInput extends VersionedInput('appointmentId', 'Appointment', 'The appointment.') {
  @Field({ description: 'Why (internal; the customer is told the visit is cancelled).' }) reason!: string;
}

@InputType({ description: 'A scheduled visit did not happen (once its window has begun).' })
export class MarkAppointmentMissedInput extends VersionedInput('appointmentId', 'Appointment', 'The appointment.') {
  @Field(() => String, { nullable: true, description: 'What happened, e.g. nobody at home.' }) reason?: string | null;
}

@ObjectType({ description: 'Result of an appointment mutation.' })
export class AppointmentPayload extends PayloadWith('appointment', () => Appointment, 'The appointment as saved.') {
  @Field(() => Ticket, { nullable: true, description: 'Its ticket, with the new `version`.' }) ticket!: Ticket | null;
}
