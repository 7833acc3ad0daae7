import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Clock } from '../../core/clock';
import { projectRoot } from '../../core/project-root';
import { TenantKind } from '../../core/enums';
import { SYSTEM_PRINCIPAL } from '../../domain/context';
import type { EntityManager, Orm } from '../../domain/ports/database';
import { inTenantTransaction } from '../../domain/tenant-transaction';
import { publishTemplate, standardInForce, snapshotStandard } from '../../domain/standards/standard.service';
import { publishNationalCalendar } from '../../domain/standards/national-calendar.service';
import { applyTenants } from '../provisioning/apply';
import { loadTenantFiles } from '../provisioning/load';

export const NETWORK_HQ = 'demo-hq';

/**
 * The network's HQ and its repair partner, as the demo provisions them (its
 * catalogue, message templates and staff), its service standard and the
 * national calendar, all through the product's own code: the generated stores
 * work under a standard published the way an HQ publishes one.
 */
export async function provisionHq(orm: Orm, clock: Clock): Promise<{ hqId: string }> {
  const root = projectRoot();
  const demo = join(root, 'tenants', 'demo');
  await applyTenants(orm, [...loadTenantFiles(join(demo, 'demo-hq.yaml')), ...loadTenantFiles(join(demo, 'repair-partner.yaml'))], clock);
  const [{ id: hqId }] = await orm.em.fork().execute<{ id: string }[]>('select id from auth_tenant_by_slug(?)', [NETWORK_HQ]);
  const ctx = (em: EntityManager) => ({
    tenantId: hqId,
    tenantKind: TenantKind.HQ,
    principal: SYSTEM_PRINCIPAL,
    em,
    clock,
  });
  await inTenantTransaction(orm, hqId, async (em) => {
    if (!(await standardInForce(ctx(em))).template) await publishTemplate(ctx(em), readFileSync(join(root, 'tenants', 'templates', 'demo-hq.yaml'), 'utf8'));
  });
  await inTenantTransaction(orm, hqId, (em) => publishNationalCalendar(ctx(em), readFileSync(join(root, 'tenants', 'calendars', 'cn-2026.yaml'), 'utf8')));
  return { hqId };
}

/** What registration stores on a ticket of this store: the HQ standard in force, as the store sees it. */
export async function storeStandardSnapshot(orm: Orm, clock: Clock, storeId: string): Promise<unknown> {
  return inTenantTransaction(orm, storeId, (em) =>
    snapshotStandard({ tenantId: storeId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock }),
  );
}
