import { todayIn } from '../../core/local-time';
import { ApiContext, loadersOf, tenantOf } from '../context';

/** Today where the store is, read once per request through the tenant loader. */
export async function storeToday(ctx: ApiContext): Promise<string> {
  const tenant = tenantOf(ctx);
  const row = await loadersOf(ctx).tenant.load(tenant.tenantId);
  return todayIn(row?.timeZone ?? 'Asia/Shanghai', tenant.clock.now());
}
