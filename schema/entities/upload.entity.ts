import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { UploadContentType, UploadPurpose } from '../../core/upload-enums';
import { Node } from '../graphql/node';
import { EnumColumn, TextColumn } from './column-fields';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt } from './timestamp-columns';

@ObjectType({
  implements: Node,
  description:
    'A file uploaded with POST /uploads: an inspection photo or a ticket attachment. Its bytes are read back from `downloadUrl` with the same credential, or from the short-lived signed `url` without one. One that nothing refers to a day after it was uploaded is removed.',
})
@Entity({ tableName: 'uploads' })
export class Upload extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'storageKey' | 'createdAt' | 'uploadedById';

  static override readonly nodeType = 'Upload';

  @EnumColumn(() => UploadPurpose, 'What the file is for.') purpose!: UploadPurpose;
  @TextColumn("The file's name on the uploader's device.") filename!: string;

  /** Read from the file's first bytes when it was uploaded. */
  @Field(() => String, { description: 'The media type, read from the file itself: image/jpeg, image/png, image/webp or application/pdf.' })
  @Enum({ items: () => UploadContentType })
  contentType!: UploadContentType;

  @Field(() => Int, { description: 'Its size in bytes.' })
  @Property({ type: 'integer' })
  sizeBytes!: number;

  /** The staff user who uploaded it; null for an API key. */
  @Property({ type: 'uuid', nullable: true }) uploadedById?: string | null;

  @CreatedAt('When it was uploaded.') createdAt!: Date;

  /** Where its bytes are kept in object storage: one tenant's folder, the upload's own id. */
  get storageKey(): string {
    return storageKeyOf(this.tenantId, this.id);
  }
}

export function storageKeyOf(tenantId: string, uploadId: string): string {
  return `${tenantId}/${uploadId}`;
}

/** An upload kept on a ticket, with who put it there; the ticket lists them as `attachments`. */
@Entity({ tableName: 'ticket_attachments' })
export class TicketAttachment extends TenantScopedEntity {
  [OptionalProps]?: 'attachedAt' | 'attachedById';

  @Property({ type: 'uuid' }) ticketId!: string;
  @Property({ type: 'uuid' }) uploadId!: string;
  @Property({ type: 'uuid', nullable: true }) attachedById?: string | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) attachedAt: Date = new Date();
}

/** A photo kept as evidence of an inspection's finding, in the order the inspector gave them; the finding lists them as `evidence`. */
@Entity({ tableName: 'inspection_evidence' })
export class InspectionEvidence extends TenantScopedEntity {
  [OptionalProps]?: 'linkedAt' | 'linkedBy';

  @Property({ type: 'uuid' })
  inspectionId!: string;

  @Property({ type: 'uuid' })
  resultId!: string;

  /** The inspected store, which reads the link once the inspection is submitted. */
  @Property({ type: 'uuid' })
  storeId!: string;

  @Property({ type: 'uuid' })
  uploadId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'uuid', nullable: true })
  linkedBy?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  linkedAt: Date = new Date();
}
