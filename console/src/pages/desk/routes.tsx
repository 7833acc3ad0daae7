import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { ConsoleRoute, isStore } from '../../app/console-route';

/** The store desk: the queue, registering a walk-in, a ticket and its printable receipt. */
export const DESK_ROUTES: ConsoleRoute[] = [
  { path: 'desk/queue', page: lazy(() => import('./QueuePage')), menu: { label: 'desk:menu.queue', icon: <UnorderedListOutlined />, order: 10 }, allowed: isStore },
  { path: 'desk/register', page: lazy(() => import('./RegisterPage')), menu: { label: 'desk:menu.register', icon: <FormOutlined />, order: 11 }, allowed: isStore },
  { path: 'desk/tickets/:id', page: lazy(() => import('./TicketPage')), allowed: isStore },
  { path: 'desk/tickets/:id/receipt', page: lazy(() => import('./ReceiptPage')), allowed: isStore },
];
