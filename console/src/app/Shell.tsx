import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../auth/session';
import type { Viewer } from '../auth/viewer';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoading } from '../components/PageLoading';
import { GlobalSearch } from '../pages/desk/GlobalSearch';
import { CONSOLE_ROUTES } from './routes';

/** The frame of every signed-in page: the menu of what this user may use, who they are, language, sign out. */
export function Shell({ viewer }: { viewer: Viewer }) {
  const allowed = CONSOLE_ROUTES.filter((route) => route.menu && route.allowed(viewer));
  // The menu's words come from each area's namespace: loaded with the shell, so no label shows as a key.
  const namespaces = [
    ...new Set([
      'common',
      ...allowed.map((route) => (route.menu!.label.includes(':') ? route.menu!.label.split(':')[0] : 'common')),
      ...(viewer.tenant.kind === 'STORE' ? ['desk'] : []),
    ]),
  ];
  const { t } = useTranslation(namespaces);
  const navigate = useNavigate();
  const location = useLocation();
  const items = allowed
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((route) => ({ key: `/${route.path}`, icon: route.menu!.icon, label: t(route.menu!.label) }));
  const selected = items.filter((item) => location.pathname.startsWith(item.key)).map((item) => item.key);
  return (
    <Layout className="shell">
      <Layout.Sider className="shell-no-print" breakpoint="lg" collapsedWidth={0} width={220} theme="light">
        <Typography.Title level={4} className="shell-product">
          {t('product')}
        </Typography.Title>
        <nav aria-label={t('nav.menu')}>
          <Menu mode="inline" items={items} selectedKeys={selected} onClick={({ key }) => navigate(key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header shell-no-print">
          <Space>
            <Typography.Text strong>{viewer.tenant.name}</Typography.Text>
            {viewer.tenant.kind === 'STORE' && <GlobalSearch />}
          </Space>
          <Space>
            <Typography.Text>{viewer.user?.name}</Typography.Text>
            <LanguageSwitch />
            <Button onClick={() => void signOut()}>{t('nav.signOut')}</Button>
          </Space>
        </Layout.Header>
        {/* Ant Design's Content is the page's one <main> landmark. */}
        <Layout.Content className="shell-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
