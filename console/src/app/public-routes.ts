import { matchPath } from 'react-router-dom';
import { STATUS_ROUTES } from '../pages/status/routes';
import type { PublicRoute } from './public-route';

/** Every page without an account; an area adds its pages in its own routes file. */
export const PUBLIC_ROUTES: PublicRoute[] = [...STATUS_ROUTES];

/** Whether a location is one of them: such a visit restores no session. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_ROUTES.some((route) => matchPath(`/console/${route.path}`, pathname));
}
