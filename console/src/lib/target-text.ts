import type { TFunction } from 'i18next';

/** A target as people say it, in the reader's language: "3 working days" / "3 工作日". */
export function targetText(t: TFunction, amount: number, unit: string): string {
  return `${amount} ${t(`enums:TargetUnit.${unit}`)}`;
}
