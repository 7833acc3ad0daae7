import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { recipientsText, triggerText, type LevelRecipients, type LevelTrigger } from '../../lib/escalation-words';

export interface LadderLevel extends LevelTrigger, LevelRecipients {
  level: number;
  name: string;
  workingHoursOnly: boolean;
}

/** The escalation ladder in force, level by level: when it triggers and who is told, in the reader's language. */
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
            <div>{t('standard.trigger', { trigger: triggerText(t, level) })}</div>
            <div>{t('standard.notify', { who: recipientsText(t, level) })}</div>
            {level.workingHoursOnly && <div>{t('standard.workingHoursOnly')}</div>}
          </>
        ),
      }))}
    />
  );
}
