import { LineChartOutlined } from '@ant-design/icons';
import { hasPermission, type ConsoleRoute, lazyPage } from '../../app/console-route';

/** The service figures: a store manager reads the store's, HQ its network's and each store's beside the network's median. */
export const FIGURES_ROUTES: ConsoleRoute[] = [
  {
    path: 'figures',
    page: lazyPage(() => import('./FiguresPage')),
    menu: { label: 'figures:menu', icon: <LineChartOutlined />, order: 66 },
    allowed: (viewer) => hasPermission(viewer, 'FIGURES_READ'),
  },
];
