import { ComplaintSubject, TicketType, TimelineVisibility } from '../../core/desk-enums';
import { StaffUser, Ticket } from '../../schema/entities';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { publish } from '../events/dispatcher';
import { requiredText } from '../input/text';
import { requireOpenTicket } from '../ticket-records/open-ticket';
import { ticketForUpdate, touchTicket } from '../ticket-records/ticket-access';
import { complaintReadyToResolve } from '../ticket-records/lifecycle';
import { appendTimeline } from '../ticket-records/timeline';
import type { RecordComplaintInvestigationInput, RecordComplaintSubjectInput, ReportComplaintResultInput } from '../../schema/graphql/complaint.types';

/**
 * A complaint records whom or what it is about, what the investigation found
 * and what was done, and when and how the result was reported to the customer.
 */
export { complaintReadyToResolve };

export async function recordComplaintSubject(ctx: TenantContext, input: RecordComplaintSubjectInput): Promise<Ticket> {
  const detail = requiredText(input.detail, 'detail');
  if (input.subject === ComplaintSubject.STAFF && !input.staffId) {
    throw new UserInputError('STAFF_REQUIRED', 'Say which staff member the complaint is about', ['staffId']);
  }
  if (input.subject !== ComplaintSubject.STAFF && input.staffId) {
    throw new UserInputError('STAFF_NOT_EXPECTED', 'A staff member is named only for a complaint about STAFF', ['staffId']);
  }
  return atomically(ctx, async () => {
    const ticket = await complaintForUpdate(ctx, input.ticketId, input.expectedVersion);
    let staff: StaffUser | null = null;
    if (input.staffId) {
      staff = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: input.staffId });
      if (!staff) throw new UserInputError('STAFF_NOT_FOUND', 'No such staff member in this store', ['staffId']);
    }
    const now = ctx.clock.now();
    ticket.complaintSubject = input.subject;
    ticket.complaintSubjectStaffId = staff?.id ?? null;
    ticket.complaintSubjectDetail = detail;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'COMPLAINT_SUBJECT',
      summary: `Complaint about ${input.subject}${staff ? ` (${staff.name})` : ''}: ${detail}`,
      data: { subject: input.subject, staffId: staff?.id ?? null, detail },
    });
    return ticket;
  });
}

export async function recordInvestigation(ctx: TenantContext, input: RecordComplaintInvestigationInput): Promise<Ticket> {
  const findings = requiredText(input.findings, 'findings', 5000);
  const actionTaken = requiredText(input.actionTaken, 'actionTaken', 5000);
  return atomically(ctx, async () => {
    const ticket = await complaintForUpdate(ctx, input.ticketId, input.expectedVersion);
    const now = ctx.clock.now();
    ticket.investigationFindings = findings;
    ticket.complaintSubstantiated = input.substantiated;
    ticket.complaintActionTaken = actionTaken;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'COMPLAINT_INVESTIGATED',
      summary: `Investigation: ${input.substantiated ? 'substantiated' : 'not substantiated'}. Found: ${findings}. Action: ${actionTaken}`,
      data: { findings, substantiated: input.substantiated, actionTaken },
    });
    return ticket;
  });
}

/** The result goes back to the customer; only once the investigation is complete. */
export async function reportComplaintResult(ctx: TenantContext, input: ReportComplaintResultInput): Promise<Ticket> {
  const message = requiredText(input.message, 'message', 5000);
  return atomically(ctx, async () => {
    const ticket = await complaintForUpdate(ctx, input.ticketId, input.expectedVersion);
    const missing = complaintReadyToResolve(ticket);
    if (missing) throw new UserInputError('INVESTIGATION_INCOMPLETE', `Before reporting the result, ${missing}`, ['ticketId']);
    const now = ctx.clock.now();
    ticket.resultReportedAt = now;
    ticket.resultReportedVia = input.via;
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'COMPLAINT_RESULT_REPORTED',
      visibility: TimelineVisibility.CUSTOMER,
      summary: message,
      data: { via: input.via, substantiated: ticket.complaintSubstantiated },
    });
    // Reporting the result is a personal contact: the clocks are read again, and the complaint figures follow.
    await publish(ctx, { type: 'ComplaintResultReported', ticket });
    return ticket;
  });
}

async function complaintForUpdate(ctx: TenantContext, ticketId: string, expectedVersion?: number | null): Promise<Ticket> {
  const ticket = await ticketForUpdate(ctx, ticketId, expectedVersion);
  if (ticket.type !== TicketType.COMPLAINT) {
    throw new UserInputError('NOT_A_COMPLAINT', `Ticket ${ticket.number} is a ${ticket.type}, not a COMPLAINT`, ['ticketId']);
  }
  requireOpenTicket(ticket);
  return ticket;
}
