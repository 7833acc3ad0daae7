import { type ConsoleRoute, hasPermission, isHq, lazyPage } from '../../app/console-route';
import i18n from '../../i18n';

// The menu's labels come from this namespace: fetched (a small chunk) as soon as the signed-in console loads.
void i18n.loadNamespaces('hq');

/** HQ's console: the network at risk, the service standard, the network's targets, the ranking's weights, the stores and partners, the paid-service catalogue. */
export const HQ_ROUTES: ConsoleRoute[] = [
  {
    path: 'hq/network',
    page: lazyPage(() => import('./NetworkPage')),
    menu: { label: 'hq:menu.network', order: 10 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'STANDARD_READ'),
  },
  {
    path: 'hq/standard',
    page: lazyPage(() => import('./StandardPage')),
    menu: { label: 'hq:menu.standard', order: 20 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'STANDARD_READ'),
  },
  {
    path: 'hq/targets',
    page: lazyPage(() => import('./TargetsPage')),
    menu: { label: 'hq:menu.targets', order: 25 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'FIGURES_READ'),
  },
  {
    path: 'hq/ranking-weights',
    page: lazyPage(() => import('./RankingWeightsPage')),
    menu: { label: 'hq:menu.weights', order: 26 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'FIGURES_READ'),
  },
  {
    path: 'hq/network-tenants',
    page: lazyPage(() => import('./TenantsPage')),
    menu: { label: 'hq:menu.tenants', order: 30 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'NETWORK_READ'),
  },
  {
    path: 'hq/catalogue',
    page: lazyPage(() => import('./CataloguePage')),
    menu: { label: 'hq:menu.catalogue', order: 40 },
    allowed: (viewer) => isHq(viewer) && hasPermission(viewer, 'CATALOGUE_READ'),
  },
];
