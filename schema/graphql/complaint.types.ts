import { Field, ID, InputType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput } from './versioned-input';
import { ComplaintSubject, ContactChannel } from '../../core/desk-enums';

@InputType({ description: 'Whom or what a complaint is about.' })
export class RecordComplaintSubjectInput extends VersionedInput('ticketId', 'Ticket', 'The complaint ticket.') {
  @Field(() => ComplaintSubject, { description: 'A staff member, the store, a product or the service.' }) subject!: ComplaintSubject;

  @Field(() => ID, { nullable: true, description: 'The staff member complained about: required for STAFF, refused otherwise.' })
  @GlobalIdOf('StaffUser')
  staffId?: string | null;

  @Field({ description: 'Details of whom or what it is about.' }) detail!: string;
}

@InputType({ description: 'What the investigation of a complaint found and what was done.' })
export class RecordComplaintInvestigationInput extends VersionedInput('ticketId', 'Ticket', 'The complaint ticket.') {
  @Field({ description: 'What the investigation found.' }) findings!: string;
  @Field({ description: 'Whether the complaint was substantiated.' }) substantiated!: boolean;
  @Field({ description: 'The action taken.' }) actionTaken!: string;
}

@InputType({ description: 'The result of a complaint, as reported to the customer.' })
export class ReportComplaintResultInput extends VersionedInput('ticketId', 'Ticket', 'The complaint ticket.') {
  @Field(() => ContactChannel, { description: 'How the customer was told.' }) via!: ContactChannel;
  @Field({ description: 'What the customer was told.' }) message!: string;
}
