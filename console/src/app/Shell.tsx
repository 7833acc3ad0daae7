import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../auth/session';
import type { Viewer } from '../auth/viewer';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoading } from '../components/PageLoading';
import { CONSOLE_ROUTES } from './routes';

const MENU_NAMESPACES = ['common', ...new Set(CONSOLE_ROUTES.flatMap((route) => (route.menu ? [route.menu.label.split(':')[0]] : [])))];

/** The frame of every signed-in page: the menu of what this user may use, who they are, language, sign out. */
export function Shell({ viewer }: { viewer: Viewer }) {
  // The menu's words live in each area's namespace: loaded before the menu shows.
  const { t } = useTranslation(MENU_NAMESPACES);
  const navigate = useNavigate();
  const location = useLocation();
  const items = CONSOLE_ROUTES.filter((route) => route.menu && route.allowed(viewer))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((route) => ({ key: `/${route.path}`, icon: route.menu!.icon, label: t(route.menu!.label) }));
  const selected = items.filter((item) => location.pathname.startsWith(item.key)).map((item) => item.key);
  return (
    <Layout className="shell">
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={220} theme="light">
        <Typography.Title level={4} className="shell-product">
          {t('product')}
        </Typography.Title>
        <nav aria-label={t('nav.menu')}>
          <Menu mode="inline" items={items} selectedKeys={selected} onClick={({ key }) => navigate(key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Typography.Text strong>{viewer.tenant.name}</Typography.Text>
          <Space>
            <Typography.Text>{viewer.user?.name}</Typography.Text>
            <LanguageSwitch />
            <Button onClick={() => void signOut()}>{t('nav.signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <main>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
