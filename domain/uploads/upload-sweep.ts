import type { ObjectStorage } from '../ports/object-storage';
import type { TenantContext } from '../context';
import { storageKeyOf } from '../../schema/entities/upload.entity';

/** An upload nothing refers to after a day was chosen and then abandoned (a photo never saved with a finding). */
export const UNREFERENCED_FOR_MS = 24 * 3600_000;
/** At most this many per tenant and run, so the transaction stays short; the next run takes the rest. */
const BATCH = 500;

/**
 * Removes the tenant's uploads older than a day that no ticket keeps and no
 * finding shows, rows and files. The rows are deleted first, inside the
 * caller's transaction, and the files after them, before it commits: when a
 * file cannot be removed the transaction rolls back and the next run tries
 * again, so no file is ever left without its row to find it by. An upload
 * linked meanwhile is not deleted (the links' foreign keys refuse it).
 */
export async function removeUnreferencedUploads(ctx: TenantContext, storage: ObjectStorage): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - UNREFERENCED_FOR_MS);
  const removed = await ctx.em.execute<{ id: string }[]>(
    `delete from uploads u
      where u.tenant_id = ? and u.id in (
        select o.id from uploads o
         where o.tenant_id = ? and o.created_at < ?
           and not exists (select 1 from ticket_attachments a where a.tenant_id = o.tenant_id and a.upload_id = o.id)
           and not exists (select 1 from inspection_evidence e where e.tenant_id = o.tenant_id and e.upload_id = o.id)
         order by o.created_at
         limit ${BATCH}
         for update skip locked)
      returning u.id`,
    [ctx.tenantId, ctx.tenantId, before],
  );
  for (const { id } of removed) await storage.delete(storageKeyOf(ctx.tenantId, id));
  return removed.length;
}
