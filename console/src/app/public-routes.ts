import { STATUS_ROUTES } from '../pages/status/routes';
import type { PublicRoute } from './public-route';

/** Every page without an account; an area adds its pages in its own routes file. */
export const PUBLIC_ROUTES: PublicRoute[] = [...STATUS_ROUTES];
