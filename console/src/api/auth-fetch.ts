import { currentAccessToken, refreshSession } from '../auth/session';

/**
 * fetch for the GraphQL endpoint: sends the access token, and when the api
 * answers 401 (the token expired while the page was open), renews it once
 * through the refresh cookie and sends the request again.
 */
export async function authFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    const token = currentAccessToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  };
  const response = await send();
  if (response.status !== 401) return response;
  return (await refreshSession()) ? send() : response;
}
