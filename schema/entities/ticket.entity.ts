import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { ComplaintSubject, ContactChannel, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { Node } from '../graphql/node';

@ObjectType({ implements: Node, description: "A customer's service request, from registration to close." })
@Entity({ tableName: 'tickets' })
export class Ticket extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Ticket';

  @Field({ description: 'Human-readable number the customer quotes, e.g. `ZGC-2026-000123`.' })
  @Property({ type: 'text' })
  number!: string;

  @Field(() => TicketType, { description: 'What the customer came for.' })
  @Enum({ items: () => TicketType })
  type!: TicketType;

  @Field(() => TicketChannel, { description: 'How the request arrived.' })
  @Enum({ items: () => TicketChannel })
  channel!: TicketChannel;

  @Field(() => TicketPriority, { description: 'Urgency.' })
  @Enum({ items: () => TicketPriority })
  priority!: TicketPriority;

  @Field(() => TicketStatus, { description: 'Current state.' })
  @Enum({ items: () => TicketStatus })
  status!: TicketStatus;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid', nullable: true })
  deviceId?: string | null;

  @Field({ description: 'The problem as the customer told it.' })
  @Property({ type: 'text' })
  problem!: string;

  @Field(() => String, { nullable: true, description: 'What the store suspects causes it.' })
  @Property({ type: 'text', nullable: true })
  suspectedCause?: string | null;

  @Field({ description: 'Whom to contact about this request.' })
  @Property({ type: 'text' })
  contactName!: string;

  @Field({ description: 'Contact phone.' })
  @Property({ type: 'text' })
  contactPhone!: string;

  @Field(() => String, { nullable: true, description: 'Contact address (on-site visits, returns).' })
  @Property({ type: 'text', nullable: true })
  contactAddress?: string | null;

  @Property({ type: 'uuid', nullable: true })
  assigneeId?: string | null;

  /** The warranty decision at registration, as told to the customer. */
  @Property({ type: 'json', nullable: true })
  warranty?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: "A manager's reason for a return or exchange outside the terms." })
  @Property({ type: 'text', nullable: true })
  returnOverrideReason?: string | null;

  @Field(() => ComplaintSubject, { nullable: true, description: 'Complaints: what the complaint is about.' })
  @Enum({ items: () => ComplaintSubject, nullable: true })
  complaintSubject?: ComplaintSubject | null;

  @Property({ type: 'uuid', nullable: true })
  complaintSubjectStaffId?: string | null;

  @Field(() => String, { nullable: true, description: 'Complaints: details of whom or what it is about.' })
  @Property({ type: 'text', nullable: true })
  complaintSubjectDetail?: string | null;

  @Field(() => String, { nullable: true, description: 'Complaints: what the investigation found.' })
  @Property({ type: 'text', nullable: true })
  investigationFindings?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Complaints: whether the complaint was substantiated.' })
  @Property({ type: 'boolean', nullable: true })
  complaintSubstantiated?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Complaints: the action taken.' })
  @Property({ type: 'text', nullable: true })
  complaintActionTaken?: string | null;

  @Field(() => Date, { nullable: true, description: 'Complaints: when the result was reported to the customer.' })
  @Property({ type: 'datetime', nullable: true })
  resultReportedAt?: Date | null;

  @Field(() => ContactChannel, { nullable: true, description: 'Complaints: how the result was reported.' })
  @Enum({ items: () => ContactChannel, nullable: true })
  resultReportedVia?: ContactChannel | null;

  @Field(() => String, { nullable: true, description: 'What was done to resolve it.' })
  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  /** The service standard the ticket was opened under (template, version, targets), kept as it was. */
  @Property({ type: 'json', nullable: true })
  slaStandard?: Record<string, unknown> | null;

  @VersionColumn('Increments on every change; pass it back so two agents never overwrite each other.')
  version = 1;

  @CreatedAt('When the request was registered.')
  createdAt!: Date;

  @UpdatedAt('When it last changed.')
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}
