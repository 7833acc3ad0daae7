import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { recordComplaintSubject, recordInvestigation, reportComplaintResult } from '../../domain/tickets/complaint.service';
import { RecordComplaintInvestigationInput, RecordComplaintSubjectInput, ReportComplaintResultInput } from '../../schema/graphql/complaint.types';
import { TicketPayload } from '../../schema/graphql/ticket.types';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';

@Resolver()
export class ComplaintResolver {
  @Mutation(() => TicketPayload, { description: 'Record whom or what a complaint is about.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  async recordComplaintSubject(@Arg('input') input: RecordComplaintSubjectInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordComplaintSubject(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Record what the investigation of a complaint found, whether it was substantiated and the action taken.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  async recordComplaintInvestigation(
    @Arg('input') input: RecordComplaintInvestigationInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await recordInvestigation(tenantOf(ctx), input) };
  }

  @Mutation(() => TicketPayload, { description: 'Record that the result of a complaint was reported to the customer, how, and what they were told.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  async reportComplaintResult(@Arg('input') input: ReportComplaintResultInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await reportComplaintResult(tenantOf(ctx), input) };
  }
}
