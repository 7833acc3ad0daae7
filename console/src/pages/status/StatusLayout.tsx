import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../../i18n';
import './status.css';

/** The frame of the customer's pages: the page's name, the language switch, and the content as the page's main landmark. */
export function StatusLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('status');
  useEffect(() => {
    document.title = t('title');
  }, [t, i18n.language]);
  return (
    <div className="status-page">
      <header className="status-header">
        <span className="status-brand">{t('brand')}</span>
        <div className="status-languages" role="group" aria-label={t('language')}>
          {LANGUAGES.map((language) => (
            <button key={language} type="button" lang={language} aria-pressed={i18n.language === language} onClick={() => setLanguage(language)}>
              {t(`languages.${language}`)}
            </button>
          ))}
        </div>
      </header>
      <main className="status-main">{children}</main>
    </div>
  );
}
