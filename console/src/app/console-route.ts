import i18n from '../i18n';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router-dom';
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
  page: LazyPage;
  /** In the side menu, under the label of this key (`namespace:key`), when set. */
  menu?: { label: string; icon?: ReactNode; order: number };
  allowed(viewer: Viewer): boolean;
}

/** Helpers for `allowed`. */
export const isStore = (viewer: Viewer) => viewer.tenant.kind === 'STORE';
export const isHq = (viewer: Viewer) => viewer.tenant.kind === 'HQ';
export const isPartner = (viewer: Viewer) => viewer.tenant.kind === 'PARTNER';
export const hasPermission = (viewer: Viewer, permission: string) => viewer.permissions.includes(permission);

/** A page's component, loaded with its chunk when first shown, or ahead of that by `preload`. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload(): Promise<unknown> };

export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  return Object.assign(lazy(load), { preload: load });
}

/**
 * Starts fetching the page a signed-in visit lands on (its chunk, and the
 * words of its area) while the console still asks who is signed in, instead
 * of after: a reload of the queue does not wait for one before the other.
 */
export function preloadPageAt(routes: ConsoleRoute[], pathname: string): void {
  const route = routes.find((candidate) => matchPath(`/console/${candidate.path}`, pathname));
  if (!route) return;
  void route.page.preload().catch(() => undefined); // a failure shows when the page itself renders
  void i18n.loadNamespaces([route.path.split('/')[0], 'enums']);
}
