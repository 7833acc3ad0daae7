import { lazy } from 'react';
import type { PublicRoute } from '../../app/public-route';

/** The customer's status page (by the link in a message, or by ticket number and the phone's last 4 digits) and a store's commitments. No account. */
export const STATUS_ROUTES: PublicRoute[] = [
  { path: 'status', page: lazy(() => import('./StatusLookupPage')) },
  { path: 'status/:token', page: lazy(() => import('./StatusByLinkPage')) },
  // A store's published service commitments, by its code.
  { path: 'commitments/:store', page: lazy(() => import('./StoreCommitmentsPage')) },
];
