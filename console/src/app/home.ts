import type { Viewer } from '../auth/viewer';

/** Where each kind of user starts (below /console): the store's queue, HQ's network view, the partner's work orders. */
export function homePathOf(viewer: Viewer): string {
  if (viewer.tenant.kind === 'HQ') return 'hq/network';
  if (viewer.tenant.kind === 'PARTNER') return 'partner/work-orders';
  return 'desk/queue';
}
