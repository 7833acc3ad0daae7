import { ApiOutlined, AuditOutlined, CreditCardOutlined, MessageOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import { hasPermission, isHq, isStore, type ConsoleRoute, lazyPage } from '../../app/console-route';

/** The store manager's pages: staff, the store's standard, webhooks, prices, money on a ticket, subscription, message wording. */
export const MANAGE_ROUTES: ConsoleRoute[] = [
  {
    path: 'manage/staff',
    page: lazyPage(() => import('./staff/StaffPage')),
    menu: { label: 'manage:menu.staff', icon: <TeamOutlined />, order: 60 },
    allowed: (viewer) => isStore(viewer) && hasPermission(viewer, 'STAFF_MANAGE'),
  },
  {
    path: 'manage/standard',
    page: lazyPage(() => import('./standard/StandardPage')),
    menu: { label: 'manage:menu.standard', icon: <AuditOutlined />, order: 61 },
    allowed: (viewer) => isStore(viewer) && hasPermission(viewer, 'STANDARD_OVERRIDE'),
  },
  {
    path: 'manage/prices',
    page: lazyPage(() => import('./prices/PricesPage')),
    menu: { label: 'manage:menu.prices', icon: <TagsOutlined />, order: 62 },
    allowed: (viewer) => isStore(viewer) && hasPermission(viewer, 'PRICE_LIST_MANAGE'),
  },
  {
    path: 'manage/messages',
    page: lazyPage(() => import('./messages/MessagesPage')),
    menu: { label: 'manage:menu.messages', icon: <MessageOutlined />, order: 63 },
    allowed: (viewer) => (isStore(viewer) || isHq(viewer)) && hasPermission(viewer, 'MESSAGE_TEMPLATE_READ'),
  },
  {
    path: 'manage/messages/:key',
    page: lazyPage(() => import('./messages/MessageEditPage')),
    allowed: (viewer) => (isStore(viewer) || isHq(viewer)) && hasPermission(viewer, 'MESSAGE_TEMPLATE_READ'),
  },
  {
    path: 'manage/webhooks',
    page: lazyPage(() => import('./webhooks/WebhooksPage')),
    menu: { label: 'manage:menu.webhooks', icon: <ApiOutlined />, order: 64 },
    allowed: (viewer) => isStore(viewer) && hasPermission(viewer, 'WEBHOOK_MANAGE'),
  },
  {
    // No menu entry: the ticket page links here.
    path: 'manage/tickets/:id/money',
    page: lazyPage(() => import('./money/TicketMoneyPage')),
    allowed: (viewer) => isStore(viewer) && (hasPermission(viewer, 'QUOTE_WRITE') || hasPermission(viewer, 'ORDER_WRITE') || hasPermission(viewer, 'REFUND')),
  },
  {
    path: 'manage/subscription',
    page: lazyPage(() => import('./subscription/SubscriptionPage')),
    menu: { label: 'manage:menu.subscription', icon: <CreditCardOutlined />, order: 65 },
    allowed: (viewer) => isStore(viewer) && hasPermission(viewer, 'BILLING_MANAGE'),
  },
];
