import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp } from 'antd';
import { useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { createApolloClient } from '../api/apollo';
import { useViewer, ViewerProvider } from '../auth/viewer';
import { PageLoading } from '../components/PageLoading';
import { homePathOf } from './home';
import { preloadPageAt } from './console-route';
import { CONSOLE_ROUTES } from './routes';
import { Shell } from './Shell';

/** What the page a visit lands on needs, fetched before the console first renders (see session-gate.tsx). */
export function prepareLanding(pathname: string): Promise<void> {
  return preloadPageAt(CONSOLE_ROUTES, pathname);
}

/** The pages this user may use, inside the shell; anything else leads home. */
function AllowedRoutes() {
  const { viewer } = useViewer();
  if (!viewer) return <PageLoading />;
  return (
    <Routes>
      <Route element={<Shell viewer={viewer} />}>
        {CONSOLE_ROUTES.filter((route) => route.allowed(viewer)).map((route) => (
          <Route key={route.path} path={route.path} element={<route.page />} />
        ))}
        <Route path="*" element={<Navigate to={`/${homePathOf(viewer)}`} replace />} />
      </Route>
    </Routes>
  );
}

export default function SignedInApp() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <AntApp>
      <ApolloProvider client={client}>
        <ViewerProvider>
          <AllowedRoutes />
        </ViewerProvider>
      </ApolloProvider>
    </AntApp>
  );
}
