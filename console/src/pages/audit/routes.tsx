import { FileSearchOutlined } from '@ant-design/icons';
import { hasPermission, type ConsoleRoute, lazyPage } from '../../app/console-route';

/** The audit trail: an HQ reads its network's, a store or partner manager their own. */
export const AUDIT_ROUTES: ConsoleRoute[] = [
  {
    path: 'audit',
    page: lazyPage(() => import('./AuditPage')),
    menu: { label: 'audit:menu', icon: <FileSearchOutlined />, order: 70 },
    allowed: (viewer) => hasPermission(viewer, 'AUDIT_READ'),
  },
];
