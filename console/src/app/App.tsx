import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { SessionGate } from '../auth/session-gate';
import { PageLoading } from '../components/PageLoading';
import { PUBLIC_ROUTES } from './public-routes';
import { useReducedMotion } from './reduced-motion';
import { themeFor } from './theme';

/** The console: public pages (the customer's status page) need no account; everything else goes through the session. */
export function App() {
  const { i18n } = useTranslation();
  const locale = useAntLocale(i18n.language);
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider locale={locale} theme={themeFor(reducedMotion)}>
      <BrowserRouter basename="/console">
        <Suspense fallback={<PageLoading />}>
          <Routes>
            {PUBLIC_ROUTES.map((route) => (
              <Route key={route.path} path={route.path} element={<route.page />} />
            ))}
            <Route path="*" element={<SessionGate />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </ConfigProvider>
  );
}

/** Ant Design's own words (date pickers, pagination) in the console's language, fetched with it. */
function useAntLocale(language: string): Locale | undefined {
  const [locale, setLocale] = useState<Locale>();
  useEffect(() => {
    let current = true;
    const load = language === 'en' ? import('antd/locale/en_US') : import('antd/locale/zh_CN');
    void load.then((module) => current && setLocale(module.default));
    return () => {
      current = false;
    };
  }, [language]);
  return locale;
}
