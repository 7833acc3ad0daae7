import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { findUpload } from '../../domain/uploads/upload-access';
import { attachUploadToTicket } from '../../domain/uploads/ticket-attachments';
import { Upload } from '../../schema/entities';
import { TicketPayload } from '../../schema/graphql/ticket.types';
import { AttachUploadToTicketInput } from '../../schema/graphql/upload.types';
import { ApiContext, tenantOf } from '../context';
import { GlobalIdArg } from '../graphql/global-ids';
import { PermittedQuery } from '../graphql/permitted-query';
import { SavingMutation } from '../graphql/saving-mutation';
import { signedQuery } from '../http/upload-links';
import { uploadPath } from '../http/upload-routes';

@Resolver(() => Upload)
export class UploadResolver {
  // Each purpose has its own read permission, which the look-up checks (an upload the role may not read is NOT_FOUND).
  @PermittedQuery(() => Upload, 'One uploaded file by id.', Permission.VIEWER_READ)
  upload(@GlobalIdArg('id', 'Upload') id: string, @Ctx() ctx: ApiContext): Promise<Upload> {
    return findUpload(tenantOf(ctx), id);
  }

  @SavingMutation(() => TicketPayload, 'Keep an uploaded file (a TICKET_ATTACHMENT) on a ticket; its timeline says so.', Permission.TICKET_WORK)
  async attachUploadToTicket(@Arg('input') input: AttachUploadToTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<TicketPayload, 'userErrors'>> {
    return { ticket: await attachUploadToTicket(tenantOf(ctx), input) };
  }

  @FieldResolver(() => String, { description: 'Where to GET the bytes, with the same Authorization header as the API.' })
  downloadUrl(@Root() upload: Upload, @Ctx() ctx: ApiContext): string {
    return `${ctx.deps.config.PUBLIC_BASE_URL}${uploadPath(upload)}`;
  }

  @FieldResolver(() => String, {
    description:
      "A signed link to the bytes, relative to the API's origin, that needs no Authorization header (for an <img src>): valid for UPLOAD_URL_TTL_SECONDS (10 minutes by default), then refused. Read it again for a new one.",
  })
  url(@Root() upload: Upload, @Ctx() ctx: ApiContext): string {
    return `${uploadPath(upload)}?${signedQuery(ctx.deps.config, upload, tenantOf(ctx).clock.now())}`;
  }
}
