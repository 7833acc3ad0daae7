import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ConsoleRoute, isStore, lazyPage } from '../../app/console-route';

/** The store desk: the queue, registering a walk-in, a ticket and its printable receipt. */
export const DESK_ROUTES: ConsoleRoute[] = [
  {
    path: 'desk/queue',
    page: lazyPage(() => import('./QueuePage')),
    menu: { label: 'desk:menu.queue', icon: <UnorderedListOutlined />, order: 10 },
    allowed: isStore,
  },
  {
    path: 'desk/register',
    page: lazyPage(() => import('./RegisterPage')),
    menu: { label: 'desk:menu.register', icon: <FormOutlined />, order: 11 },
    allowed: isStore,
  },
  { path: 'desk/tickets/:id', page: lazyPage(() => import('./TicketPage')), allowed: isStore },
  { path: 'desk/tickets/:id/receipt', page: lazyPage(() => import('./ReceiptPage')), allowed: isStore },
];
