import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { ObjectType } from 'type-graphql';
import { CallbackChannel, CallbackState } from '../../core/callback-enums';
import { OptionalTextColumn, OptionalTimeColumn, EnumColumn, OptionalIntColumn, OptionalEnumColumn } from './column-fields';

/**
 * The satisfaction callback that follows one resolution of a ticket. The
 * survey token is kept only as its hash and is never part of the type.
 */
@ObjectType({ description: 'The satisfaction callback after a ticket was resolved: a survey the customer answers, or a call by staff.' })
@Entity({ tableName: 'callbacks' })
export class Callback extends TenantScopedEntity {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt';

  @Property({ type: 'uuid' }) ticketId!: string;

  /** The ticket's resolvedAt when the callback was planned: a later resolution gets a callback of its own. */
  @Property({ type: 'datetime' }) resolvedAt!: Date;

  @EnumColumn(() => CallbackState, 'Where the callback is: planned, sent, reminded, answered, no response, called by phone, cancelled.') state: CallbackState =
    CallbackState.PENDING;
  @Property({ type: 'text', nullable: true, hidden: true }) tokenHash?: string | null;
  @Property({ type: 'datetime', nullable: true }) tokenExpiresAt?: Date | null;
  @OptionalIntColumn('Satisfaction from 1 (very unhappy) to 5 (very happy), once answered.') score?: number | null;
  @OptionalTextColumn("The customer's words, if they left any.") comment?: string | null;
  @OptionalTimeColumn('When the answer was given.') answeredAt?: Date | null;
  @OptionalEnumColumn(() => CallbackChannel, 'How the answer came: the survey link or a phone call.') channel?: CallbackChannel | null;
  @Property({ type: 'uuid', nullable: true }) calledById?: string | null;
  @OptionalTimeColumn('When the survey link was first sent.') sentAt?: Date | null;
  @OptionalTimeColumn('When the one reminder was sent.') remindedAt?: Date | null;
  @CreatedAt('When the callback was planned (the ticket was resolved).') createdAt!: Date;
  @UpdatedAt('When it last changed.') updatedAt!: Date;
}
