import { Problem } from '../../schema/entities';
import { FaultCategory, ProblemStatus } from '../../core/problem-enums';
import type { TenantContext } from '../context';
import { readOnlyEntity } from '../read-only-entities';

const MAX_SUGGESTIONS = 5;

/** What a ticket is matched on: its store, its device and its fault category. */
export interface KnownErrorKey {
  tenantId: string;
  deviceId: string;
  faultCategory: FaultCategory | null;
}

/**
 * The known errors that match each ticket, to offer their workaround at the
 * desk: problems of the ticket's store or of its HQ in KNOWN_ERROR whose
 * product model is the ticket's device's, and whose fault category is the
 * ticket's (when both have one), oldest first, at most five. One statement
 * for any number of tickets, on the known-error index (migrations/sql/0240).
 */
export async function knownErrorsOf(ctx: TenantContext, keys: readonly KnownErrorKey[]): Promise<Problem[][]> {
  if (keys.length === 0) return [];
  const rows = await ctx.em.execute<(Record<string, unknown> & { matched_tenant: string; matched_device: string })[]>(
    `select d.tenant_id as matched_tenant, d.id as matched_device, p.*
       from devices d
       join tenants s on s.id = d.tenant_id
       join problems p on p.tenant_id in (d.tenant_id, s.parent_id) and p.model_id = d.model_id and p.status = '${ProblemStatus.KNOWN_ERROR}'
      where (d.tenant_id, d.id) in (${keys.map(() => '(?::uuid, ?::uuid)').join(', ')})
      order by p.created_at, p.id`,
    keys.flatMap((key) => [key.tenantId, key.deviceId]),
  );
  const byDevice = new Map<string, Problem[]>();
  for (const { matched_tenant: tenant, matched_device: device, ...row } of rows) {
    const id = `${tenant}|${device}`;
    byDevice.set(id, [...(byDevice.get(id) ?? []), readOnlyEntity(ctx.em, Problem, row)]);
  }
  return keys.map((key) =>
    (byDevice.get(`${key.tenantId}|${key.deviceId}`) ?? [])
      .filter((problem) => !problem.faultCategory || !key.faultCategory || problem.faultCategory === key.faultCategory)
      .slice(0, MAX_SUGGESTIONS),
  );
}
