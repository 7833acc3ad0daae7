import { Entity, Enum, OptionalProps, Property } from '@mikro-orm/core';
import { TenantScopedEntity } from './tenant-scoped.entity';
import { CreatedAt, UpdatedAt } from './timestamp-columns';
import { Field, Int, ObjectType } from 'type-graphql';
import { CallbackChannel, CallbackState } from '../../core/callback-enums';

/**
 * The satisfaction callback that follows one resolution of a ticket. The
 * survey token is kept only as its hash and is never part of the type.
 */
@ObjectType({ description: 'The satisfaction callback after a ticket was resolved: a survey the customer answers, or a call by staff.' })
@Entity({ tableName: 'callbacks' })
export class Callback extends TenantScopedEntity {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt';

  @Property({ type: 'uuid' })
  ticketId!: string;

  /** The ticket's resolvedAt when the callback was planned: a later resolution gets a callback of its own. */
  @Property({ type: 'datetime' })
  resolvedAt!: Date;

  @Field(() => CallbackState, { description: 'Where the callback is: planned, sent, reminded, answered, no response, called by phone, cancelled.' })
  @Enum({ items: () => CallbackState })
  state: CallbackState = CallbackState.PENDING;

  @Property({ type: 'text', nullable: true, hidden: true })
  tokenHash?: string | null;

  @Property({ type: 'datetime', nullable: true })
  tokenExpiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Satisfaction from 1 (very unhappy) to 5 (very happy), once answered.' })
  @Property({ type: 'integer', nullable: true })
  score?: number | null;

  @Field(() => String, { nullable: true, description: "The customer's words, if they left any." })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the answer was given.' })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field(() => CallbackChannel, { nullable: true, description: 'How the answer came: the survey link or a phone call.' })
  @Enum({ items: () => CallbackChannel, nullable: true })
  channel?: CallbackChannel | null;

  @Property({ type: 'uuid', nullable: true })
  calledById?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the survey link was first sent.' })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the one reminder was sent.' })
  @Property({ type: 'datetime', nullable: true })
  remindedAt?: Date | null;

  @CreatedAt('When the callback was planned (the ticket was resolved).')
  createdAt!: Date;

  @UpdatedAt('When it last changed.')
  updatedAt!: Date;
}
