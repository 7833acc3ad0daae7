import { TrophyOutlined } from '@ant-design/icons';
import { hasPermission, type ConsoleRoute, lazyPage } from '../../app/console-route';

/** The monthly review: HQ ranks its stores and reads the month's top problems; a store manager reads its own rank beside the network. */
export const REVIEW_ROUTES: ConsoleRoute[] = [
  {
    path: 'review',
    page: lazyPage(() => import('./ReviewPage')),
    menu: { label: 'review:menu', icon: <TrophyOutlined />, order: 67 },
    allowed: (viewer) => hasPermission(viewer, 'FIGURES_READ'),
  },
];
