import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';
import { Field, ObjectType } from 'type-graphql';
import { ComplaintSubject, ContactChannel, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { FaultCategory } from '../../core/problem-enums';
import { Node } from '../graphql/node';
import { TextColumn, OptionalTextColumn, OptionalTimeColumn, EnumColumn, OptionalEnumColumn } from './column-fields';

@ObjectType({ implements: Node, description: "A customer's service request, from registration to close." })
@Entity({ tableName: 'tickets' })
export class Ticket extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'version' | 'createdAt' | 'updatedAt';

  static override readonly nodeType = 'Ticket';

  @TextColumn('Human-readable number the customer quotes, e.g. `ZGC-2026-000123`.') number!: string;
  @EnumColumn(() => TicketType, 'What the customer came for.') type!: TicketType;
  @EnumColumn(() => TicketChannel, 'How the request arrived.') channel!: TicketChannel;
  @EnumColumn(() => TicketPriority, 'Urgency.') priority!: TicketPriority;
  @EnumColumn(() => TicketStatus, 'Current state.') status!: TicketStatus;
  @Property({ type: 'uuid' }) customerId!: string;
  @Property({ type: 'uuid', nullable: true }) deviceId?: string | null;
  @TextColumn('The problem as the customer told it.') problem!: string;
  @OptionalTextColumn('What the store suspects causes it.') suspectedCause?: string | null;
  @OptionalEnumColumn(() => FaultCategory, 'The kind of fault, for the monthly review of recurring problems.') faultCategory?: FaultCategory | null;
  @TextColumn('Whom to contact about this request.') contactName!: string;
  @TextColumn('Contact phone.') contactPhone!: string;
  @OptionalTextColumn('Contact address (on-site visits, returns).') contactAddress?: string | null;
  @Property({ type: 'uuid', nullable: true }) assigneeId?: string | null;

  /** The warranty decision at registration, as told to the customer. */
  @Property({ type: 'json', nullable: true }) warranty?: Record<string, unknown> | null;

  @OptionalTextColumn("A manager's reason for a return or exchange outside the terms.") returnOverrideReason?: string | null;
  @OptionalEnumColumn(() => ComplaintSubject, 'Complaints: what the complaint is about.') complaintSubject?: ComplaintSubject | null;
  @Property({ type: 'uuid', nullable: true }) complaintSubjectStaffId?: string | null;
  @OptionalTextColumn('Complaints: details of whom or what it is about.') complaintSubjectDetail?: string | null;
  @OptionalTextColumn('Complaints: what the investigation found.') investigationFindings?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Complaints: whether the complaint was substantiated.' })
  @Property({ type: 'boolean', nullable: true })
  complaintSubstantiated?: boolean | null;

  @OptionalTextColumn('Complaints: the action taken.') complaintActionTaken?: string | null;
  @OptionalTimeColumn('Complaints: when the result was reported to the customer.') resultReportedAt?: Date | null;
  @OptionalEnumColumn(() => ContactChannel, 'Complaints: how the result was reported.') resultReportedVia?: ContactChannel | null;
  @OptionalTextColumn('What was done to resolve it.') resolution?: string | null;

  /** The service standard the ticket was opened under (template, version, targets), kept as it was. */
  @Property({ type: 'json', nullable: true }) slaStandard?: Record<string, unknown> | null;

  @VersionColumn('Increments on every change; pass it back so two agents never overwrite each other.') version = 1;
  @CreatedAt('When the request was registered.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
  @OptionalTimeColumn('When it was resolved.') resolvedAt?: Date | null;
  @OptionalTimeColumn('When it was closed.') closedAt?: Date | null;
}
