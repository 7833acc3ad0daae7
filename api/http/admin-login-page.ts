import { createHash } from 'node:crypto';
import { BOARD_PATH, SESSION_PATH } from './admin-paths';

/** Signs a platform operator in: the session cookie comes back with the answer. */
export const LOGIN_SCRIPT = `
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const problem = document.getElementById('problem');
  problem.textContent = '';
  try {
    const session = await fetch('${SESSION_PATH}', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    });
    if (!session.ok) throw new Error((await session.json()).errors?.[0]?.message ?? 'Sign-in failed');
    location.assign('${BOARD_PATH}/');
  } catch (error) {
    problem.textContent = error.message;
  }
});`;

export const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Queue dashboard: sign in</title></head>
<body>
<h1>Queue dashboard</h1>
<p>For platform operators: it shows the background work of every brand on this deployment.
Tenant staff, HQ administrators included, have no access; operators are created with
<code>npm run tenants -- operator create &lt;email&gt;</code>.</p>
<form id="login">
<p><label>Email <input name="email" type="email" required autocomplete="username"></label></p>
<p><label>Password <input name="password" type="password" required autocomplete="current-password"></label></p>
<p><button type="submit">Sign in</button></p>
</form>
<p id="problem" role="alert"></p>
<script>${LOGIN_SCRIPT}</script>
</body>
</html>`;

/** Only the page's own script may run, and it may talk to this origin only. */
export const LOGIN_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(LOGIN_SCRIPT).digest('base64')}'`,
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
