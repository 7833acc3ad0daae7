import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Viewer } from '../auth/viewer';

/**
 * A page of the console. Each area (the desk, management, HQ, partners)
 * declares its pages in its own `routes.tsx`; the shell builds the router and
 * the side menu from them, showing a user only the pages `allowed` says they
 * may use (the api still checks every call).
 */
export interface ConsoleRoute {
  /** Below /console, e.g. `desk/queue` or `desk/tickets/:id`. */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** In the side menu, under the label of this key (`namespace:key`), when set. */
  menu?: { label: string; icon?: ReactNode; order: number };
  allowed(viewer: Viewer): boolean;
}

/** Helpers for `allowed`. */
export const isStore = (viewer: Viewer) => viewer.tenant.kind === 'STORE';
export const isHq = (viewer: Viewer) => viewer.tenant.kind === 'HQ';
export const isPartner = (viewer: Viewer) => viewer.tenant.kind === 'PARTNER';
export const hasPermission = (viewer: Viewer, permission: string) => viewer.permissions.includes(permission);
