import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { listAuditEntries } from '../../domain/audit-trail/list-entries';
import { Permission } from '../../domain/permissions';
import { AuditEntriesArgs, AuditEntry, AuditEntryConnection, toAuditEntry } from '../../schema/graphql/audit.types';
import type { ConnectionShape } from '../../schema/graphql/connection';
import { auditFilterOf } from '../audit-filter';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { toConnection } from '../graphql/relay';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      "The audit trail, newest first: every change made through the API and the domain's own entries. A store or partner reads its own; an HQ its own and its stores' and partners' (an audited network read).",
  })
  @Requires(Permission.AUDIT_READ)
  async auditEntries(@Args() args: AuditEntriesArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<AuditEntry>> {
    return toConnection(await listAuditEntries(tenantOf(ctx), auditFilterOf(args.filter), args), toAuditEntry);
  }
}
