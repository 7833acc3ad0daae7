import { Arg, Ctx, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { recordComplaintSubject, recordInvestigation, reportComplaintResult } from '../../domain/tickets/complaint.service';
import { RecordComplaintInvestigationInput, RecordComplaintSubjectInput, ReportComplaintResultInput } from '../../schema/graphql/complaint.types';
import { TicketPayload } from '../../schema/graphql/ticket.types';
import { ApiContext, tenantOf } from '../context';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class ComplaintResolver {
  @SavingMutation(() => TicketPayload, 'Record whom or what a complaint is about.', Permission.TICKET_WRITE)
  async recordComplaintSubject(@Arg('input') input: RecordComplaintSubjectInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordComplaintSubject(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => TicketPayload,
    'Record what the investigation of a complaint found, whether it was substantiated and the action taken.',
    Permission.TICKET_WRITE,
  )
  async recordComplaintInvestigation(
    @Arg('input') input: RecordComplaintInvestigationInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordInvestigation(tenantOf(ctx), input) };
  }

  @SavingMutation(
    () => TicketPayload,
    'Record that the result of a complaint was reported to the customer, how, and what they were told.',
    Permission.TICKET_WRITE,
  )
  async reportComplaintResult(@Arg('input') input: ReportComplaintResultInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await reportComplaintResult(tenantOf(ctx), input) };
  }
}
