import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Every word of the console comes from here, in zh-CN (the default) and en.
 * One JSON file per namespace and language under ./locales; a page uses its
 * own namespace and `common`. A key missing in the shown language is recorded
 * (the browser tests fail on any) instead of silently falling back.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Each namespace's file is its own chunk, fetched when a page first uses it: the sign-in page does not carry the desk's words.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');
const NAMESPACES = [...new Set(Object.keys(files).map((path) => /\/([^/]+)\.json$/.exec(path)![1]))];

const lazyLocales = {
  type: 'backend' as const,
  init() {},
  read(language: string, namespace: string, done: (error: unknown, resources?: Record<string, unknown>) => void) {
    const load = files[`./locales/${language}/${namespace}.json`];
    if (!load) return done(null, {});
    load().then(
      (module) => done(null, module.default),
      (error) => done(error),
    );
  },
};

const STORAGE_KEY = 'aftersales.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

declare global {
  interface Window {
    /** Keys asked for and not found, as `language:namespace:key`; read by the browser tests. */
    __missingTranslations?: string[];
  }
}

// The page says which language it is in (screen readers, fonts, spell checkers).
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n
  .use(lazyLocales)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: false,
    defaultNS: 'common',
    ns: ['common'],
    supportedLngs: [...LANGUAGES],
    partialBundledLanguages: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (languages, namespace, key) => {
      (window.__missingTranslations ??= []).push(...languages.map((language) => `${language}:${namespace}:${key}`));
    },
  });

/** Every namespace the console has, for the tests that compare the languages. */
export const ALL_NAMESPACES = NAMESPACES;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

export default i18n;
