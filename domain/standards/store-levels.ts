import { Role, TenantKind } from '../../core/enums';
import { UserInputError } from '../errors';
import { roleFitsTenant } from '../permissions';
import { describeTrigger, EscalationLevel, EscalationTrigger, isEarlierTrigger } from './escalation-ladder';

/** A store's own escalation level as a client writes it (the input of `setSlaOverrides`). */
export interface StoreLevelInput {
  name: string;
  shareOfTarget?: number | null;
  minutesAfterBreach?: number | null;
  notifyAssignee: boolean;
  notifyRoles: Role[];
  workingHoursOnly: boolean;
}

export type StoreLevel = Omit<EscalationLevel, 'fromHq' | 'level'>;

const MAX_NAME = 200;

/**
 * The store's earlier levels read and checked one by one, so that a refusal
 * names the level and the field it concerns (`levels.<i>.<field>`) and a form
 * can show it there. They must come in the order they trigger, each before
 * HQ's first level: a ladder climbed out of order would tell the second
 * person before the first.
 */
export function readStoreLevels(inputs: StoreLevelInput[], hqFirst: EscalationTrigger): StoreLevel[] {
  const levels: StoreLevel[] = [];
  inputs.forEach((input, index) => {
    const at = (field: string) => ['levels', String(index), field];
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_NAME) throw new UserInputError('INVALID_NAME', `A level's name has 1 to ${MAX_NAME} characters`, at('name'));
    const trigger = triggerOf(input, at);
    const foreign = input.notifyRoles.find((role) => !roleFitsTenant(role, TenantKind.STORE));
    if (foreign) throw new UserInputError('ROLE_NOT_ALLOWED', `${foreign} is not a role of a store`, at('notifyRoles'));
    if (!input.notifyAssignee && input.notifyRoles.length === 0) {
      throw new UserInputError('LEVEL_NOTIFIES_NOBODY', 'Every escalation level must notify someone', at('notifyRoles'));
    }
    const triggerField = trigger.kind === 'SHARE_OF_TARGET' ? 'shareOfTarget' : 'minutesAfterBreach';
    if (!isEarlierTrigger(trigger, hqFirst)) {
      throw new UserInputError('LEVEL_NOT_EARLIER', `"${name}" must trigger before HQ's first level (${describeTrigger(hqFirst)})`, at(triggerField));
    }
    const previous = levels[levels.length - 1];
    if (previous && !isEarlierTrigger(previous.trigger, trigger)) {
      throw new UserInputError(
        'LEVEL_OUT_OF_ORDER',
        `"${name}" must trigger after the level before it (${describeTrigger(previous.trigger)})`,
        at(triggerField),
      );
    }
    levels.push({
      name,
      trigger,
      notify: [
        ...(input.notifyAssignee ? [{ kind: 'ASSIGNEE' as const }] : []),
        ...[...new Set(input.notifyRoles)].map((role) => ({ kind: 'ROLE' as const, role })),
      ],
      workingHoursOnly: input.workingHoursOnly,
    });
  });
  return levels;
}

function triggerOf(input: StoreLevelInput, at: (field: string) => string[]): EscalationTrigger {
  const share = input.shareOfTarget ?? null;
  const minutes = input.minutesAfterBreach ?? null;
  if (share !== null && minutes !== null) {
    throw new UserInputError('INVALID_TRIGGER', 'Give a share of the target or minutes after the breach, not both', at('shareOfTarget'));
  }
  if (share !== null) {
    if (!(share > 0 && share < 1)) throw new UserInputError('INVALID_TRIGGER', 'A share of the target is above 0 and below 1', at('shareOfTarget'));
    return { kind: 'SHARE_OF_TARGET', share };
  }
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < 0 || minutes > 60 * 24 * 30)) {
    throw new UserInputError('INVALID_TRIGGER', 'Minutes after the breach are a whole number from 0 to 43200', at('minutesAfterBreach'));
  }
  return { kind: 'AFTER_BREACH', minutes: minutes ?? 0 };
}
