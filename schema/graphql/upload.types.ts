import { Field, ID, InputType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput } from './versioned-input';

@InputType({ description: 'Keep an uploaded file (POST /uploads?purpose=TICKET_ATTACHMENT) on a ticket.' })
export class AttachUploadToTicketInput extends VersionedInput('ticketId', 'Ticket', 'The ticket.') {
  @Field(() => ID, { description: 'The upload: a TICKET_ATTACHMENT of the same store, not yet kept on another ticket.' })
  @GlobalIdOf('Upload')
  uploadId!: string;
}
