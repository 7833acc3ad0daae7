import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { isPublicPath } from './app/public-routes';
import { restoreSession } from './auth/session';

// A signed-in visit's session is asked for at once, not after the first render.
if (!isPublicPath(window.location.pathname)) void restoreSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
