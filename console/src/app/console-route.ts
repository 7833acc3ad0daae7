import i18n from '../i18n';
import { createElement, lazy, type ComponentType, type ReactNode } from 'react';
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
export type LazyPage = ComponentType & { preload(): Promise<unknown> };

/**
 * Once its chunk is in, the page renders at once instead of going through
 * React.lazy's suspense (whose fallback React keeps on screen for a while
 * even when the chunk arrives right after).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  const Page = () => createElement(loaded ?? Lazy);
  return Object.assign(Page, { preload });
}

/**
 * Fetches what the page a signed-in visit lands on needs (its chunk, and the
 * words of its area and of the menus) so the console's first render has it
 * all: nothing suspends, and the page asks for its data at once.
 */
export async function preloadPageAt(routes: ConsoleRoute[], pathname: string): Promise<void> {
  const route = routes.find((candidate) => matchPath(`/console/${candidate.path}`, pathname));
  const areas = [...new Set(routes.map((candidate) => candidate.path.split('/')[0]))];
  await Promise.all([
    route?.page.preload().catch(() => undefined), // a failure shows when the page itself renders
    i18n.loadNamespaces(['common', 'enums', ...areas]),
  ]);
}
