import { Field, ID, InputType, Int } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { ComplaintSubject, ContactChannel } from '../../core/desk-enums';

@InputType({ description: 'Whom or what a complaint is about.' })
export class RecordComplaintSubjectInput {
  @Field(() => ID, { description: 'The complaint ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => Int, { nullable: true, description: "The ticket's `version` you read; if it changed since, nothing is saved (`STALE`)." })
  expectedVersion?: number | null;

  @Field(() => ComplaintSubject, { description: 'A staff member, the store, a product or the service.' })
  subject!: ComplaintSubject;

  @Field(() => ID, { nullable: true, description: 'The staff member complained about: required for STAFF, refused otherwise.' })
  @GlobalIdOf('StaffUser')
  staffId?: string | null;

  @Field({ description: 'Details of whom or what it is about.' })
  detail!: string;
}

@InputType({ description: 'What the investigation of a complaint found and what was done.' })
export class RecordComplaintInvestigationInput {
  @Field(() => ID, { description: 'The complaint ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => Int, { nullable: true, description: "The ticket's `version` you read; if it changed since, nothing is saved (`STALE`)." })
  expectedVersion?: number | null;

  @Field({ description: 'What the investigation found.' })
  findings!: string;

  @Field({ description: 'Whether the complaint was substantiated.' })
  substantiated!: boolean;

  @Field({ description: 'The action taken.' })
  actionTaken!: string;
}

@InputType({ description: 'The result of a complaint, as reported to the customer.' })
export class ReportComplaintResultInput {
  @Field(() => ID, { description: 'The complaint ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => Int, { nullable: true, description: "The ticket's `version` you read; if it changed since, nothing is saved (`STALE`)." })
  expectedVersion?: number | null;

  @Field(() => ContactChannel, { description: 'How the customer was told.' })
  via!: ContactChannel;

  @Field({ description: 'What the customer was told.' })
  message!: string;
}
