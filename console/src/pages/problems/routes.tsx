import { BugOutlined } from '@ant-design/icons';
import { type ConsoleRoute, hasPermission, lazyPage } from '../../app/console-route';

const canRead = (viewer: Parameters<ConsoleRoute['allowed']>[0]) => hasPermission(viewer, 'PROBLEM_READ');

/**
 * Problem records: HQ's for its network and each store's own. Everyone who
 * reads them (HQ, store staff) finds them in the menu; only those who may
 * manage them record one, and only on their own records are changes offered.
 */
export const PROBLEM_ROUTES: ConsoleRoute[] = [
  {
    path: 'problems',
    page: lazyPage(() => import('./ProblemsPage')),
    menu: { label: 'problems:menu', icon: <BugOutlined />, order: 68 },
    allowed: canRead,
  },
  {
    path: 'problems/new',
    page: lazyPage(() => import('./NewProblemPage')),
    allowed: (viewer) => hasPermission(viewer, 'PROBLEM_MANAGE'),
  },
  { path: 'problems/:id', page: lazyPage(() => import('./ProblemPage')), allowed: canRead },
];
