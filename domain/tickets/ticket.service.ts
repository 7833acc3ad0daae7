import { Customer, Device, StaffUser, Ticket } from '../../schema/entities';
import { TicketPriority, TicketStatus, TicketType, TimelineVisibility } from '../../core/desk-enums';
import { Role, StaffStatus } from '../../core/enums';
import { atomically, TenantContext } from '../context';
import { customerOfRegistration } from '../customers/customer.service';
import { deviceOfRegistration, warrantyOf } from '../devices/device.service';
import { notFound, UserInputError } from '../errors';
import { publish } from '../events/dispatcher';
import { loadTenantAndParent } from '../parent-tenant';
import { snapshotStandard } from '../standards/standard.service';
import { checkMove, CUSTOMER_VISIBLE_STATUSES } from '../ticket-records/lifecycle';
import { appendTimeline } from '../ticket-records/timeline';
import { nextTicketNumber } from '../ticket-records/ticket-number';
import { ticketForUpdate } from '../ticket-records/ticket-access';
import type {
  AddTicketNoteInput,
  AssignTicketInput,
  MoveTicketInput,
  OverrideReturnInput,
  RecordCustomerContactInput,
  RegisterTicketInput,
  UpdateTicketInput,
} from '../../schema/graphql/ticket.types';

/**
 * Registers a service request with everything the registration form holds.
 * A new customer and a new device are created in the same step, and either all
 * of it is saved or none of it: a duplicate serial leaves no customer behind.
 */
export async function registerTicket(ctx: TenantContext, input: RegisterTicketInput): Promise<Ticket> {
  return (await registration(ctx, input)).ticket;
}

/** What a registration wrote or used: the ticket, its customer and its device (new or existing). */
export interface Registration {
  ticket: Ticket;
  customer: Customer;
  device: Device | null;
}

/**
 * The registration itself. Its statements are counted by a test: the store and
 * its HQ are read once, the serial is checked by its unique key as the device
 * is written, and each table is written by one statement.
 */
export async function registration(ctx: TenantContext, input: RegisterTicketInput): Promise<Registration> {
  if ((input.customerId ? 1 : 0) + (input.newCustomer ? 1 : 0) !== 1) {
    throw new UserInputError('CUSTOMER_REQUIRED', 'Give either customerId or newCustomer', ['customerId']);
  }
  if (input.deviceId && input.newDevice) {
    throw new UserInputError('DEVICE_AMBIGUOUS', 'Give either deviceId or newDevice, not both', ['deviceId']);
  }
  const problem = input.problem.trim();
  if (problem.length === 0 || problem.length > 5000) {
    throw new UserInputError('INVALID_PROBLEM', 'Describe the problem in 1 to 5000 characters', ['problem']);
  }
  return atomically(ctx, async () => {
    // The store (its slug, time zone, name) and its HQ (catalogue, standard) in one statement, used by every step below.
    const tenant = await loadTenantAndParent(ctx);
    const customer = await customerOfRegistration(ctx, input);
    const device = await deviceOfRegistration(ctx, input, customer);
    const warranty = device ? await warrantyOf(ctx, device) : null;
    const standard = await snapshotStandard(ctx);
    // What is still unwritten (a new customer) is written before the ticket's number is taken: the
    // number is the last thing read, so a registration refused above leaves no gap in the store's numbers.
    await ctx.em.flush();
    const now = ctx.clock.now();
    const ticket = ctx.em.create(Ticket, {
      tenantId: ctx.tenantId,
      number: await nextTicketNumber(ctx, tenant.slug, tenant.timeZone),
      type: input.type,
      channel: input.channel,
      priority: input.priority ?? TicketPriority.NORMAL,
      status: TicketStatus.NEW,
      customerId: customer.id,
      deviceId: device?.id ?? null,
      problem,
      suspectedCause: input.suspectedCause?.trim() || null,
      faultCategory: input.faultCategory ?? null,
      contactName: input.contactName?.trim() || customer.name,
      contactPhone: input.contactPhone?.trim() || customer.phone,
      contactAddress: input.contactAddress?.trim() || customer.address || null,
      warranty: warranty ? { ...warranty } : null,
      slaStandard: standard as Record<string, unknown> | null,
      createdAt: now,
      updatedAt: now,
    });
    // The ORM knows no relations between these tables: the ticket row must exist before its first timeline entry.
    await ctx.em.flush();
    appendTimeline(ctx, ticket.id, {
      kind: 'REGISTERED',
      summary: `${input.type} registered via ${input.channel}: ${problem.slice(0, 120)}`,
      data: { channel: input.channel, priority: ticket.priority, warranty: warranty?.status ?? null },
    });
    await publish(ctx, { type: 'TicketRegistered', ticket });
    await ctx.em.flush();
    return { ticket, customer, device };
  });
}

const ASSIGNABLE_ROLES: readonly Role[] = [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN];

/** Hands the ticket to a responsible person (or to another one), saying who and why. */
export async function assignTicket(ctx: TenantContext, input: AssignTicketInput): Promise<Ticket> {
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    if (ticket.status === TicketStatus.CLOSED || ticket.status === TicketStatus.CANCELLED) {
      throw new UserInputError('TICKET_FINISHED', `A ${ticket.status} ticket cannot be assigned`, ['ticketId']);
    }
    const assignee = await ctx.em.findOne(StaffUser, { tenantId: ctx.tenantId, id: input.assigneeId });
    if (!assignee) throw notFound('Staff user');
    if (assignee.status !== StaffStatus.ACTIVE || !ASSIGNABLE_ROLES.includes(assignee.role)) {
      throw new UserInputError('NOT_ASSIGNABLE', `${assignee.name} cannot be responsible for tickets`, ['assigneeId']);
    }
    if (ticket.assigneeId === assignee.id) return ticket;
    const previous = ticket.assigneeId ?? null;
    const from = ticket.status;
    ticket.assigneeId = assignee.id;
    if (ticket.status === TicketStatus.NEW || ticket.status === TicketStatus.REOPENED) ticket.status = TicketStatus.ASSIGNED;
    ticket.updatedAt = ctx.clock.now();
    const event = appendTimeline(ctx, ticket.id, {
      kind: previous ? 'REASSIGNED' : 'ASSIGNED',
      summary: `${previous ? 'Reassigned' : 'Assigned'} to ${assignee.name}${input.reason ? `: ${input.reason}` : ''}`,
      data: { from: previous, to: assignee.id, reason: input.reason ?? null },
    });
    // Assigning a new or reopened ticket moves it to ASSIGNED: the move is told like any other.
    await publish(ctx, { type: 'TicketAssigned', ticket, statusChange: ticket.status !== from ? { from, to: ticket.status, event } : null });
    return ticket;
  });
}

/** Moves a ticket through its state machine; an illegal move names the current state and the allowed next ones. */
export async function moveTicket(ctx: TenantContext, input: MoveTicketInput): Promise<Ticket> {
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    const check = checkMove(ticket, input.to);
    if (!check.ok) throw new UserInputError(check.code, check.message, ['to']);
    const note = input.note?.trim() || null;
    if (input.to === TicketStatus.RESOLVED && !note) {
      throw new UserInputError('RESOLUTION_REQUIRED', 'Say what was done to resolve it', ['note']);
    }
    if ((input.to === TicketStatus.CANCELLED || input.to === TicketStatus.REOPENED) && !note) {
      throw new UserInputError('REASON_REQUIRED', `Say why the ticket is ${input.to.toLowerCase()}`, ['note']);
    }
    const from = ticket.status;
    const now = ctx.clock.now();
    ticket.status = input.to;
    ticket.updatedAt = now;
    if (input.to === TicketStatus.RESOLVED) {
      ticket.resolution = note;
      ticket.resolvedAt = now;
    }
    if (input.to === TicketStatus.CLOSED) ticket.closedAt = now;
    if (input.to === TicketStatus.REOPENED) {
      ticket.resolvedAt = null;
      ticket.closedAt = null;
    }
    const event = appendTimeline(ctx, ticket.id, {
      kind: 'STATUS_CHANGED',
      summary: `${from} → ${input.to}${note ? `: ${note}` : ''}`,
      visibility: CUSTOMER_VISIBLE_STATUSES.includes(input.to) ? TimelineVisibility.CUSTOMER : TimelineVisibility.INTERNAL,
      data: { from, to: input.to, note },
    });
    await publish(ctx, { type: 'TicketMoved', ticket, from, to: input.to, event, note });
    return ticket;
  });
}

/** A manager allows a return or exchange outside the warranty terms; the reason stays on the ticket. */
export async function overrideReturnDecision(ctx: TenantContext, input: OverrideReturnInput): Promise<Ticket> {
  const reason = input.reason.trim();
  if (!reason) throw new UserInputError('REASON_REQUIRED', 'Give the reason for the override', ['reason']);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    if (ticket.type !== TicketType.RETURN_EXCHANGE) {
      throw new UserInputError('NOT_A_RETURN', 'Only a return/exchange ticket can be overridden', ['ticketId']);
    }
    ticket.returnOverrideReason = reason;
    ticket.updatedAt = ctx.clock.now();
    appendTimeline(ctx, ticket.id, { kind: 'RETURN_OVERRIDDEN', summary: `Return/exchange allowed by a manager: ${reason}`, data: { reason } });
    return ticket;
  });
}

const EDITABLE: (keyof Omit<UpdateTicketInput, 'ticketId' | 'expectedVersion'>)[] = [
  'priority',
  'problem',
  'suspectedCause',
  'faultCategory',
  'contactName',
  'contactPhone',
  'contactAddress',
];

/** Changes the registration details; the timeline keeps what changed, from what to what. */
export async function updateTicket(ctx: TenantContext, input: UpdateTicketInput): Promise<Ticket> {
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of EDITABLE) {
      const value = input[field];
      if (value == null || value === ticket[field]) continue;
      if (typeof value === 'string' && (field === 'problem' || field === 'contactName' || field === 'contactPhone') && !value.trim()) {
        throw new UserInputError('REQUIRED', `${field} cannot be empty`, [field]);
      }
      changes[field] = { from: ticket[field], to: value };
      Object.assign(ticket, { [field]: value });
    }
    if (Object.keys(changes).length === 0) return ticket;
    ticket.updatedAt = ctx.clock.now();
    appendTimeline(ctx, ticket.id, { kind: 'DETAILS_CHANGED', summary: `Changed ${Object.keys(changes).join(', ')}`, data: { changes } });
    await publish(ctx, { type: 'TicketDetailsChanged', ticket });
    return ticket;
  });
}

/** An internal note, or a message to the customer (recorded here; sent by the notifications). */
export async function addTicketNote(ctx: TenantContext, input: AddTicketNoteInput): Promise<Ticket> {
  const body = input.body.trim();
  if (!body) throw new UserInputError('EMPTY_NOTE', 'A note needs some text', ['body']);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId);
    appendTimeline(ctx, ticket.id, {
      kind: input.visibility === TimelineVisibility.CUSTOMER ? 'MESSAGE_TO_CUSTOMER' : 'NOTE',
      summary: body,
      visibility: input.visibility,
    });
    await publish(ctx, { type: 'TicketNoteAdded', ticket });
    return ticket;
  });
}

/** A contact with the customer: by which channel, and what came of it. */
export async function recordCustomerContact(ctx: TenantContext, input: RecordCustomerContactInput): Promise<Ticket> {
  const outcome = input.outcome.trim();
  if (!outcome) throw new UserInputError('EMPTY_OUTCOME', 'Say what came of the contact', ['outcome']);
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId);
    appendTimeline(ctx, ticket.id, {
      kind: 'CUSTOMER_CONTACT',
      summary: `${input.reached ? 'Reached' : 'Could not reach'} the customer by ${input.channel}: ${outcome}`,
      visibility: TimelineVisibility.CUSTOMER,
      data: { channel: input.channel, reached: input.reached, outcome },
    });
    await publish(ctx, { type: 'CustomerContactRecorded', ticket });
    return ticket;
  });
}
