import type { TFunction } from 'i18next';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';

/** The fields of a level its words are built from: spread by every query that shows a ladder. */
export const ESCALATION_LEVEL_WORDS = graphql(`
  fragment EscalationLevelWords on EscalationLevelView {
    shareOfTarget
    minutesAfterBreach
    notifyAssignee
    notifySupervisor
    notifyRoles
    notifyHqRoles
  }
`);

/** What a level's trigger is made of: a share of the target, or minutes after the breach. */
export interface LevelTrigger {
  shareOfTarget?: number | null;
  minutesAfterBreach?: number | null;
}

/** Who a level tells, as the API lists it. */
export interface LevelRecipients {
  notifyAssignee: boolean;
  notifySupervisor: boolean;
  notifyRoles: readonly Role[];
  notifyHqRoles: readonly Role[];
}

/**
 * When a level of the escalation ladder triggers, in the reader's language. Built from the level's
 * fields rather than the API's `trigger` sentence, which is worded in English for partner systems.
 */
export function triggerText(t: TFunction, level: LevelTrigger): string {
  if (level.shareOfTarget != null) return t('common:escalation.atShare', { percent: Math.round(level.shareOfTarget * 1000) / 10 });
  return level.minutesAfterBreach ? t('common:escalation.afterBreach', { minutes: level.minutesAfterBreach }) : t('common:escalation.atBreach');
}

/** Who a level tells, in the reader's language (the API's `notify` list is English). */
export function recipientsText(t: TFunction, level: LevelRecipients): string {
  const who = [
    ...(level.notifyAssignee ? [t('common:escalation.assignee')] : []),
    ...(level.notifySupervisor ? [t('common:escalation.supervisor')] : []),
    ...level.notifyRoles.map((role) => t('common:escalation.everyRole', { role: t(`enums:Role.${role}`) })),
    ...level.notifyHqRoles.map((role) => t('common:escalation.everyHqRole', { role: t(`enums:Role.${role}`) })),
  ];
  return who.join(t('common:escalation.separator'));
}
