import { type ConsoleRoute, hasPermission, isPartner, lazyPage } from '../../app/console-route';
import i18n from '../../i18n';

// The menu's label comes from this namespace: fetched (a small chunk) as soon as the signed-in console loads.
void i18n.loadNamespaces('partner');

/** The partner portal: the work orders handed to the repair centre, and their figures. */
export const PARTNER_ROUTES: ConsoleRoute[] = [
  {
    path: 'partner/work-orders',
    page: lazyPage(() => import('./WorkOrdersPage')),
    menu: { label: 'partner:menu.workOrders', order: 10 },
    allowed: (viewer) => isPartner(viewer) && hasPermission(viewer, 'WORK_ORDER_READ'),
  },
  {
    path: 'partner/figures',
    page: lazyPage(() => import('./FiguresPage')),
    menu: { label: 'partner:menu.figures', order: 20 },
    allowed: (viewer) => isPartner(viewer) && hasPermission(viewer, 'FIGURES_READ'),
  },
];
