import { ComponentType, lazy, useEffect, useState } from 'react';
import { PageLoading } from '../components/PageLoading';
import { currentAccessToken, onSessionChange, restoreSession } from './session';

const SignInPage = lazy(() => import('../pages/signin/SignInPage'));

/**
 * Everything behind the sign-in (the GraphQL client, the shell, the pages)
 * loads once someone is signed in, together with what the page they land on
 * needs, so the console's first render shows that page and nothing suspends.
 */
async function loadSignedInApp(): Promise<ComponentType> {
  const module = await import('../app/SignedInApp');
  await module.prepareLanding(window.location.pathname).catch(() => undefined);
  return module.default;
}

/**
 * Restores a session from the refresh cookie (a reload, a new tab), then
 * shows the sign-in page or the console.
 */
export function SessionGate() {
  const [signedIn, setSignedIn] = useState<boolean | null>(currentAccessToken() ? true : null);
  const [SignedInApp, setSignedInApp] = useState<ComponentType | null>(null);
  useEffect(() => onSessionChange(setSignedIn), []);
  useEffect(() => {
    if (signedIn === null) void restoreSession().then(setSignedIn);
  }, [signedIn]);
  useEffect(() => {
    if (signedIn && !SignedInApp) void loadSignedInApp().then((app) => setSignedInApp(() => app));
  }, [signedIn, SignedInApp]);
  if (signedIn === false) return <SignInPage />;
  return SignedInApp && signedIn ? <SignedInApp /> : <PageLoading />;
}
