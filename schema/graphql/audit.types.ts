import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from './connection';
import { GlobalIdOf } from './global-id-of';
import { toGlobalId } from '../../core/global-id';
import type { AuditEvent } from '../entities';

@ObjectType({ description: 'One entry of the audit trail: who did what, to which objects, when, and how it ended.' })
export class AuditEntry {
  @Field(() => ID, { description: 'The entry itself (not a node).' }) id!: string;
  @Field(() => ID, { description: "Global id of the Tenant whose trail holds the entry (an HQ reads its stores' and partners')." }) tenantId!: string;
  @Field({ description: 'When it happened.' }) occurredAt!: Date;
  @Field({ description: 'USER (a staff user), API_KEY (a system) or SYSTEM (the platform: jobs, the CLI).' }) actorKind!: string;
  @Field(() => ID, { nullable: true, description: 'Global id of the StaffUser or ApiKey that acted; null for SYSTEM.' }) actorId!: string | null;

  @Field({
    description:
      "What was done: a GraphQL mutation's name for every change made through the API (e.g. `updateCustomer`), or the domain's own action (e.g. `NETWORK_READ`, `API_KEY_CREATED`).",
  })
  operation!: string;

  @Field(() => String, {
    nullable: true,
    description: "For an API operation: OK, or USER_ERRORS when it was refused with userErrors and changed nothing. Null for the domain's own entries.",
  })
  outcome!: string | null;

  @Field(() => [ID], { description: 'Global ids of the objects touched: those sent in the input and those answered in the payload.' }) objectIds!: string[];
  @Field(() => GraphQLJSONObject, { description: 'Details by operation (e.g. the userErrors codes); never a password, token or secret.' }) detail!: Record<
    string,
    unknown
  >;
  @Field(() => String, { nullable: true, description: 'The `x-request-id` of the request (echoed in every response).' }) requestId!: string | null;
  @Field(() => String, { nullable: true, description: "The request's trace id (32 hex digits) when tracing is on." }) traceId!: string | null;
}

/** An entry as the API shows it: the actor and the tenant as global ids, the action as the operation. */
export function toAuditEntry(event: AuditEvent): AuditEntry {
  const actorType = event.actorKind === 'API_KEY' ? 'ApiKey' : 'StaffUser';
  return {
    id: event.id,
    tenantId: toGlobalId('Tenant', event.tenantId),
    occurredAt: event.occurredAt,
    actorKind: event.actorKind,
    actorId: event.actorId && event.actorKind !== 'SYSTEM' ? toGlobalId(actorType, event.actorId) : null,
    operation: event.action,
    outcome: event.outcome ?? null,
    objectIds: event.objectIds ?? [],
    detail: event.detail ?? {},
    requestId: event.requestId ?? null,
    traceId: event.traceId ?? null,
  };
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

@InputType({ description: 'Narrows the audit trail; every field given must hold.' })
export class AuditEntryFilter {
  @Field(() => ID, { nullable: true, description: 'Global id of the StaffUser or ApiKey that acted.' }) actor?: string | null;
  @Field(() => ID, { nullable: true, description: 'Global id of an object the entry touched.' }) objectId?: string | null;
  @Field(() => String, { nullable: true, description: 'The operation, e.g. `updateCustomer`.' }) operation?: string | null;
  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Until this instant (exclusive).' }) to?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'HQ: only these tenants of its network. A store or partner only ever reads its own.' })
  @GlobalIdOf('Tenant')
  tenantIds?: string[] | null;
}

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => AuditEntryFilter, { nullable: true, description: 'Which entries.' }) filter?: AuditEntryFilter | null;
}
