import { lazy, useEffect, useState } from 'react';
import { PageLoading } from '../components/PageLoading';
import { currentAccessToken, onSessionChange, restoreSession } from './session';

const SignInPage = lazy(() => import('../pages/signin/SignInPage'));
// Everything behind the sign-in (the GraphQL client, the shell, the pages) loads once someone is signed in.
const SignedInApp = lazy(() => import('../app/SignedInApp'));

/**
 * Restores a session from the refresh cookie (a reload, a new tab), then
 * shows the sign-in page or the console.
 */
export function SessionGate() {
  const [signedIn, setSignedIn] = useState<boolean | null>(currentAccessToken() ? true : null);
  useEffect(() => onSessionChange(setSignedIn), []);
  useEffect(() => {
    if (signedIn === null) void restoreSession().then(setSignedIn);
  }, [signedIn]);
  if (signedIn === null) return <PageLoading />;
  return signedIn ? <SignedInApp /> : <SignInPage />;
}
