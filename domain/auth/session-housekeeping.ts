import { StaffSession } from '../../schema/entities';
import type { TenantContext } from '../context';

/** How long ended sessions are kept for investigation before they are deleted. */
export const ENDED_SESSION_RETENTION_DAYS = 30;

/**
 * Deletes refresh sessions that ended (expired, rotated or revoked) more than
 * the retention period ago. Active sessions are never touched.
 */
export async function purgeEndedSessions(ctx: TenantContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - ENDED_SESSION_RETENTION_DAYS * 24 * 3600 * 1000);
  return ctx.em.nativeDelete(StaffSession, {
    tenantId: ctx.tenantId,
    $or: [{ expiresAt: { $lt: cutoff } }, { rotatedAt: { $lt: cutoff } }, { revokedAt: { $lt: cutoff } }],
  });
}
