/**
 * The browser session: the access token lives in memory only; the refresh
 * token is an httpOnly cookie the api sets on /auth/session and rotates on
 * /auth/refresh, which no script can read. A reload or a new tab signs in
 * again silently through the cookie.
 */
export interface SignInFailure {
  code: string;
  message: string;
  retryAfterMs?: number;
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

export function currentAccessToken(): string | null {
  return accessToken;
}

/** Told when the session starts or ends (a refresh that failed ends it). */
export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setToken(token: string | null): void {
  const changed = (token === null) !== (accessToken === null);
  accessToken = token;
  if (changed) listeners.forEach((listener) => listener(token !== null));
}

async function postJson(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
}

export async function signIn(tenantSlug: string, email: string, password: string): Promise<SignInFailure | null> {
  const response = await postJson('/auth/session', { tenantSlug, email, password });
  const body = (await response.json().catch(() => ({}))) as {
    accessToken?: string;
    error?: SignInFailure;
    errors?: { message: string; extensions?: { code?: string; retryAfterMs?: number } }[];
  };
  if (response.ok && body.accessToken) {
    setToken(body.accessToken);
    return null;
  }
  const error = body.error ?? body.errors?.[0];
  const code = body.error?.code ?? body.errors?.[0]?.extensions?.code ?? (response.status === 429 ? 'THROTTLED' : 'SIGN_IN_FAILED');
  return { code, message: error?.message ?? '', retryAfterMs: body.error?.retryAfterMs ?? body.errors?.[0]?.extensions?.retryAfterMs };
}

/**
 * Renews the access token from the cookie. The refresh token works once, so
 * callers in this tab share one request and tabs take turns (a Web Lock): a
 * second tab refreshing at the same moment with the same cookie would look
 * like a stolen token replayed, and end the sign-in.
 */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    const refresh = () => postJson('/auth/refresh');
    const turn = (navigator.locks ? navigator.locks.request('aftersales-refresh', refresh) : refresh()) as Promise<Response>;
    refreshing = turn
      .then(async (response) => {
        const body = (await response.json().catch(() => ({}))) as { accessToken?: string };
        setToken(response.ok && body.accessToken ? body.accessToken : null);
        return accessToken !== null;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

let restoring: Promise<boolean> | null = null;

/**
 * The session a reload or a new tab had, restored once from the cookie. The
 * page starts this as it loads (main.tsx), before the console renders, so the
 * refresh travels while the rest of the console is fetched.
 */
export function restoreSession(): Promise<boolean> {
  restoring ??= accessToken ? Promise.resolve(true) : refreshSession();
  return restoring;
}

export async function signOut(): Promise<void> {
  await postJson('/auth/logout').catch(() => undefined);
  setToken(null);
}
