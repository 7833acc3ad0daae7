import type { ConsoleRoute } from './console-route';
import { MANAGE_ROUTES } from '../pages/manage/routes';

/** Every signed-in page, area by area; an area adds its pages in its own routes file. */
export const CONSOLE_ROUTES: ConsoleRoute[] = [...MANAGE_ROUTES];
