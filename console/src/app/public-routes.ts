import type { ComponentType, LazyExoticComponent } from 'react';
import { STATUS_ROUTES } from '../pages/status/routes';

/** Pages without an account (the customer's status page): no session is restored or asked for. */
export interface PublicRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export const PUBLIC_ROUTES: PublicRoute[] = [...STATUS_ROUTES];
