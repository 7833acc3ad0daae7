import { UploadPurpose } from '../../core/upload-enums';
import { Ticket, TicketAttachment, Upload } from '../../schema/entities';
import type { AttachUploadToTicketInput } from '../../schema/graphql/upload.types';
import { atomically, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { ticketForUpdate, touchTicket } from '../ticket-records/ticket-access';
import { appendTimeline } from '../ticket-records/timeline';

/** Enough for every photo of a repair and its papers; more is a sign of the wrong ticket. */
const MAX_ATTACHMENTS = 50;

/**
 * Keeps an upload (a TICKET_ATTACHMENT of the same store) on a ticket, and
 * says so on its timeline. An upload is kept on one ticket only; attaching it
 * again to the same ticket changes nothing.
 */
export async function attachUploadToTicket(ctx: TenantContext, input: AttachUploadToTicketInput): Promise<Ticket> {
  return atomically(ctx, async () => {
    const ticket = await ticketForUpdate(ctx, input.ticketId, input.expectedVersion);
    const upload = await ctx.em.findOne(Upload, { tenantId: ctx.tenantId, id: input.uploadId });
    if (!upload) throw new UserInputError('UPLOAD_NOT_FOUND', 'No such upload in this store', ['uploadId']);
    if (upload.purpose !== UploadPurpose.TICKET_ATTACHMENT) {
      throw new UserInputError('UPLOAD_PURPOSE_MISMATCH', `Only TICKET_ATTACHMENT uploads are kept on tickets; this one is ${upload.purpose}`, ['uploadId']);
    }
    const existing = await ctx.em.findOne(TicketAttachment, { tenantId: ctx.tenantId, uploadId: upload.id });
    if (existing?.ticketId === ticket.id) return ticket;
    if (existing) throw new UserInputError('UPLOAD_ALREADY_ATTACHED', 'The upload is kept on another ticket', ['uploadId']);
    const count = await ctx.em.count(TicketAttachment, { tenantId: ctx.tenantId, ticketId: ticket.id });
    if (count >= MAX_ATTACHMENTS) throw new UserInputError('TOO_MANY_ATTACHMENTS', `A ticket keeps at most ${MAX_ATTACHMENTS} attachments`, ['ticketId']);
    const now = ctx.clock.now();
    ctx.em.create(TicketAttachment, {
      tenantId: ctx.tenantId,
      ticketId: ticket.id,
      uploadId: upload.id,
      attachedById: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
      attachedAt: now,
    });
    touchTicket(ticket, now);
    appendTimeline(ctx, ticket.id, {
      kind: 'ATTACHMENT_ADDED',
      summary: `Attached ${upload.filename} (${upload.contentType}, ${upload.sizeBytes} bytes)`,
      data: { uploadId: upload.id, filename: upload.filename, contentType: upload.contentType, sizeBytes: upload.sizeBytes },
    });
    return ticket;
  });
}

/** Each ticket's attachments, in the order they were attached: two statements for any number of tickets. */
export async function attachmentsOf(ctx: TenantContext, ticketIds: readonly string[]): Promise<Upload[][]> {
  const links = await ctx.em.find(
    TicketAttachment,
    { tenantId: ctx.tenantId, ticketId: { $in: [...ticketIds] } },
    { orderBy: { attachedAt: 'asc', id: 'asc' } },
  );
  const uploads = links.length
    ? new Map((await ctx.em.find(Upload, { tenantId: ctx.tenantId, id: { $in: links.map((link) => link.uploadId) } })).map((upload) => [upload.id, upload]))
    : new Map<string, Upload>();
  const byTicket = new Map<string, Upload[]>(ticketIds.map((id) => [id, []]));
  for (const link of links) {
    const upload = uploads.get(link.uploadId);
    if (upload) byTicket.get(link.ticketId)?.push(upload);
  }
  return ticketIds.map((id) => byTicket.get(id) ?? []);
}
