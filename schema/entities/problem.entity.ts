import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { FaultCategory, ProblemStatus } from '../../core/problem-enums';
import { Node } from '../graphql/node';
import { EnumColumn, OptionalEnumColumn, OptionalTextColumn, OptionalTimeColumn, TextColumn } from './column-fields';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { TenantScopedNode } from './tenant-scoped-node.entity';
import { CreatedAt, UpdatedAt, VersionColumn } from './timestamp-columns';

@ObjectType({
  implements: Node,
  description: "A recurring problem: tickets that share a cause, with the root cause, a workaround and the fix. A store's own, or its HQ's for the network.",
})
@Entity({ tableName: 'problems' })
export class Problem extends TenantScopedNode {
  [OptionalProps]?: 'nodeId' | 'status' | 'version' | 'createdAt' | 'updatedAt';

  // The key's tenant: the store that records its own problem, or the HQ that records the network's.

  static override readonly nodeType = 'Problem';

  @TextColumn('A short name of the problem.') title!: string;

  /** A model of the HQ's catalogue (another tenant's row). */
  @Property({ type: 'uuid', nullable: true }) modelId?: string | null;

  @OptionalEnumColumn(() => FaultCategory, 'The kind of fault the tickets share.') faultCategory?: FaultCategory | null;
  @OptionalTextColumn('What causes it, once found.') rootCause?: string | null;
  @OptionalTextColumn('What the desk can do meanwhile; offered at registration while the problem is a KNOWN_ERROR.') workaround?: string | null;
  @OptionalTextColumn('What removes the cause.') fix?: string | null;
  @EnumColumn(() => ProblemStatus, 'OPEN, KNOWN_ERROR or RESOLVED.') status: ProblemStatus = ProblemStatus.OPEN;
  @Property({ type: 'uuid', nullable: true }) ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'When the owner is to have handled it (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  dueDate?: string | null;

  @OptionalTimeColumn('Since when it is being handled (an owner and a due date were given).') handlingSince?: Date | null;
  @OptionalTimeColumn('When its due date passed unresolved and it was escalated to the managers and HQ; cleared by a new due date.') escalatedAt?: Date | null;
  @VersionColumn('Increments on every change; pass it back so two people never overwrite each other.') version = 1;
  @CreatedAt('When it was recorded.') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}

/** A ticket linked to a problem; the row belongs to the problem's owner, the ticket may be a store's of its network. */
@Entity({ tableName: 'problem_tickets' })
export class ProblemTicket extends TenantScopedEntity {
  [OptionalProps]?: 'linkedAt';

  @Property({ type: 'uuid' }) problemId!: string;
  @Property({ type: 'uuid' }) ticketTenantId!: string;
  @Property({ type: 'uuid' }) ticketId!: string;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) linkedAt: Date = new Date();
}
