import { AUDIT_ROUTES } from '../pages/audit/routes';
import { DESK_ROUTES } from '../pages/desk/routes';
import { FIGURES_ROUTES } from '../pages/figures/routes';
import { HQ_ROUTES } from '../pages/hq/routes';
import { INSPECTION_ROUTES } from '../pages/inspections/routes';
import { MANAGE_ROUTES } from '../pages/manage/routes';
import { PARTNER_ROUTES } from '../pages/partner/routes';
import { PROBLEM_ROUTES } from '../pages/problems/routes';
import { REVIEW_ROUTES } from '../pages/review/routes';
import type { ConsoleRoute } from './console-route';

/** Every signed-in page, area by area; an area adds its pages in its own routes file. */
export const CONSOLE_ROUTES: ConsoleRoute[] = [
  ...DESK_ROUTES,
  ...HQ_ROUTES,
  ...PARTNER_ROUTES,
  ...MANAGE_ROUTES,
  ...FIGURES_ROUTES,
  ...REVIEW_ROUTES,
  ...PROBLEM_ROUTES,
  ...INSPECTION_ROUTES,
  ...AUDIT_ROUTES,
];
