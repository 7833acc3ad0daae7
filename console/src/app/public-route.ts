import type { ComponentType, LazyExoticComponent } from 'react';

/** A page without an account (the customer's status page): no session is restored or asked for. */
export interface PublicRoute {
  /** Below /console, e.g. `status/:token`. */
  path: string;
  page: LazyExoticComponent<ComponentType>;
}
