import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Language, LANGUAGES, setLanguage } from '../i18n';

/** zh-CN or en, remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Space.Compact aria-label={t('language.label')} role="group">
      {LANGUAGES.map((language: Language) => (
        <Button
          key={language}
          size="small"
          lang={language}
          type={i18n.language === language ? 'primary' : 'default'}
          aria-pressed={i18n.language === language}
          onClick={() => setLanguage(language)}
        >
          {t(`language.${language}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
