import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { SlaMetric } from '../../core/sla-enums';
import { Ticket } from '../entities';
import { PayloadWith } from './payload';

@ObjectType({ description: 'A level of the escalation ladder for one clock of a ticket: when it falls due, and whether it has.' })
export class EscalationStep {
  @Field(() => SlaMetric, { description: 'The clock it follows.' }) metric!: SlaMetric;
  @Field(() => Int, { description: 'Level number, 1 first.' }) level!: number;
  @Field({ description: 'Who it is, e.g. "store manager".' }) name!: string;
  @Field({ description: 'When it triggers, e.g. "75% of the target" or "240 minutes after the breach".' }) trigger!: string;
  @Field(() => Date, { nullable: true, description: 'When it falls due (waiting for working hours where the level says so).' }) dueAt!: Date | null;
  @Field({ description: 'Whether it is due now.' }) reached!: boolean;
}

@InputType({ description: 'Escalate a ticket by hand.' })
export class EscalateTicketInput {
  @Field(() => ID, { description: 'The ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field({ description: 'Why it goes up.' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'The level; by default the next one not yet reached.' }) level?: number | null;
}

@ObjectType({ description: 'Result of an escalation.' })
export class EscalationPayload extends PayloadWith('ticket', () => Ticket, 'The ticket.', 'Why nothing was recorded.') {
  @Field(() => Int, { nullable: true, description: 'The level reached.' }) level!: number | null;
  @Field(() => String, { nullable: true, description: 'Its name.' }) levelName!: string | null;
  @Field(() => [String], { description: 'Who was told.' }) notified!: string[];
}
