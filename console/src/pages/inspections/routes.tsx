import { AlertOutlined, CarryOutOutlined, OrderedListOutlined } from '@ant-design/icons';
import { type ConsoleRoute, hasPermission, isHq, lazyPage } from '../../app/console-route';

const InspectionPage = lazyPage(() => import('./InspectionPage'));

/**
 * HQ's quality inspections of its stores: HQ publishes checklists, schedules,
 * records and submits inspections and rules on contested items; a store reads
 * its submitted inspections, contests an item and resolves its corrective
 * actions; HQ follows the open and overdue ones across its stores.
 */
export const INSPECTION_ROUTES: ConsoleRoute[] = [
  {
    path: 'inspections/checklists',
    page: lazyPage(() => import('./ChecklistsPage')),
    menu: { label: 'inspections:menu.checklists', icon: <OrderedListOutlined />, order: 68 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'INSPECTION_MANAGE'),
  },
  {
    path: 'inspections/list',
    page: lazyPage(() => import('./InspectionsPage')),
    menu: { label: 'inspections:menu.inspections', icon: <CarryOutOutlined />, order: 68.5 },
    allowed: (viewer) => hasPermission(viewer, 'INSPECTION_READ'),
  },
  {
    path: 'inspections/list/:id',
    page: InspectionPage,
    allowed: (viewer) => hasPermission(viewer, 'INSPECTION_READ'),
  },
  {
    path: 'inspections/corrective-actions',
    page: lazyPage(() => import('./CorrectiveActionsPage')),
    menu: { label: 'inspections:menu.correctiveActions', icon: <AlertOutlined />, order: 69 },
    allowed: (viewer) => hasPermission(viewer, 'INSPECTION_READ'),
  },
];
