import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';

export interface LadderLevel {
  level: number;
  name: string;
  trigger: string;
  notify: readonly string[];
  workingHoursOnly: boolean;
}

/** The escalation ladder in force, level by level: when it triggers and who is told. */
export function EscalationLadder({ levels }: { levels: readonly LadderLevel[] }) {
  const { t } = useTranslation('hq');
  return (
    <Steps
      orientation="vertical"
      current={-1}
      items={levels.map((level) => ({
        title: t('standard.levelTitle', { level: level.level, name: level.name }),
        content: (
          <>
            <div>{t('standard.trigger', { trigger: level.trigger })}</div>
            <div>{t('standard.notify', { who: level.notify.join(t('standard.listSeparator')) })}</div>
            {level.workingHoursOnly && <div>{t('standard.workingHoursOnly')}</div>}
          </>
        ),
      }))}
    />
  );
}
