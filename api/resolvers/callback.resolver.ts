import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { latestCallbacksOf } from '../../domain/callbacks/callback-query';
import { recordPhoneCallback } from '../../domain/callbacks/phone-callback.service';
import { answerSurvey } from '../../domain/callbacks/survey-answer.service';
import { Permission } from '../../domain/permissions';
import { Callback, StaffUser, Ticket } from '../../schema/entities';
import { AnswerSurveyInput, AnswerSurveyPayload, CallbackPayload, RecordPhoneCallbackInput } from '../../schema/graphql/callback.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { requestLoader } from '../request-loader';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';

@Resolver()
export class CallbackResolver {
  @Mutation(() => AnswerSurveyPayload, { description: 'The customer answers the satisfaction survey with the token of their link; no login needed.' })
  @Requires(Permission.PUBLIC)
  @ReturnsUserErrors({ accepted: false })
  async answerSurvey(@Arg('input') input: AnswerSurveyInput, @Ctx() ctx: ApiContext): Promise<Omit<AnswerSurveyPayload, 'userErrors'>> {
    await answerSurvey(ctx.deps, input);
    return { accepted: true };
  }

  @Mutation(() => CallbackPayload, {
    description: "Record the answer of a phone callback to a resolved ticket's customer; it has the same consequences as a survey answer.",
  })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  recordPhoneCallback(@Arg('input') input: RecordPhoneCallbackInput, @Ctx() ctx: ApiContext): Promise<Omit<CallbackPayload, 'userErrors'>> {
    return recordPhoneCallback(tenantOf(ctx), input);
  }
}

@Resolver(() => Ticket)
export class TicketCallbackResolver {
  @FieldResolver(() => Callback, { nullable: true, description: 'The latest satisfaction callback, if the ticket was picked for one or called back.' })
  callback(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<Callback | null> {
    return requestLoader(ctx, 'latestCallback', latestCallbacksOf).load(ticket.id);
  }
}

@Resolver(() => Callback)
export class CallbackFieldsResolver {
  @FieldResolver(() => StaffUser, { nullable: true, description: 'The colleague who called the customer, for a phone callback.' })
  calledBy(@Root() callback: Callback, @Ctx() ctx: ApiContext): Promise<StaffUser | null> {
    return callback.calledById ? loadersOf(ctx).staffUser.load(callback.calledById) : Promise.resolve(null);
  }
}
