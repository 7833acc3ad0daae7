import { DateTime } from 'luxon';
import { Role, TenantKind } from '../../core/enums';
import { TemplateKey } from '../../core/template-keys';
import { ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';
import { scheduleNotification } from '../notifications/notify';
import { calendarOf } from '../standards/tenant-calendar';
import { targetFlags } from './store-ranking';

/**
 * The worker's daily look, for an HQ, at the month just ended: when stores
 * stayed below a network target two months running, HQ's admins and
 * supervisors are e-mailed once for that month (the message's key is the
 * record that they were told). Returns how many flags were told now.
 */
export async function noticeTargetFlags(ctx: TenantContext): Promise<number> {
  if (ctx.tenantKind !== TenantKind.HQ) return 0;
  const { timeZone } = await calendarOf(ctx);
  const month = DateTime.fromJSDate(ctx.clock.now(), { zone: timeZone }).minus({ months: 1 }).toFormat('yyyy-MM');
  const key = `target-flags:${month}`;
  if (await ctx.em.findOne(ScheduledAction, { tenantId: ctx.tenantId, idempotencyKey: `${key}:admins` }, { fields: ['id'] })) return 0;
  const flags = await targetFlags(ctx, month);
  if (flags.length === 0) return 0;
  const params = { month, flagCount: String(flags.length), storeNames: [...new Set(flags.map((flag) => flag.name))].join(', ') };
  await scheduleNotification(ctx, { key: `${key}:admins`, template: TemplateKey.HQ_TARGET_FLAGS, recipient: { kind: 'TENANT_ADMINS' }, params });
  await scheduleNotification(ctx, {
    key: `${key}:supervisors`,
    template: TemplateKey.HQ_TARGET_FLAGS,
    recipient: { kind: 'HQ_ROLE', role: Role.HQ_SUPERVISOR },
    params,
  });
  return flags.length;
}
