import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { Callback, Ticket } from '../entities';
import { UserError } from './user-error';
import { PayloadWith } from './payload';

@InputType({ description: "A customer's answer to the satisfaction survey, sent with the token of their link." })
export class AnswerSurveyInput {
  @Field({ description: 'The token from the survey link (`/survey/<token>`). Each link answers once.' }) token!: string;
  @Field(() => Int, { description: 'Satisfaction from 1 (very unhappy) to 5 (very happy).' }) score!: number;
  @Field(() => String, { nullable: true, description: 'Anything the customer wants to add; at most 2000 characters.' }) comment?: string | null;
}

@ObjectType({ description: 'The result of answering a survey. Nothing about the ticket is shown to the anonymous caller.' })
export class AnswerSurveyPayload {
  @Field({ description: 'Whether the answer was recorded.' }) accepted!: boolean;
  @Field(() => [UserError], { description: 'Why nothing was recorded: `INVALID_TOKEN`, `INVALID_SCORE`, `INVALID_COMMENT`.' }) userErrors!: UserError[];
}

@InputType({ description: 'The answer a colleague got by calling the customer back.' })
export class RecordPhoneCallbackInput {
  @Field(() => ID, { description: 'The resolved (or closed) ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => Int, { description: 'Satisfaction from 1 (very unhappy) to 5 (very happy).' }) score!: number;
  @Field(() => String, { nullable: true, description: 'What the customer said; at most 2000 characters.' }) comment?: string | null;
}

@ObjectType({ description: 'The result of recording a phone callback.' })
export class CallbackPayload extends PayloadWith('callback', () => Callback, 'The callback as saved.') {
  @Field(() => Ticket, { nullable: true, description: 'The ticket afterwards: closed, reopened for a follow-up, or still resolved.' }) ticket!: Ticket | null;
}
