import type { TFunction } from 'i18next';

/** A target as people say it: "3 working days" / "3 个工作日". */
export function targetText(t: TFunction, amount: number, unit: string): string {
  return t('manage:target', { amount, unit: t(`enums:TargetUnit.${unit}`) });
}

/** Which tickets a target applies to: "Repair · VIP" or "every ticket". */
export function appliesToText(t: TFunction, rule: { ticketType?: string | null; priority?: string | null; tier?: string | null }): string {
  const parts = [
    rule.ticketType ? t(`enums:TicketType.${rule.ticketType}`) : null,
    rule.priority ? t(`enums:TicketPriority.${rule.priority}`) : null,
    rule.tier ? t(`enums:CustomerTier.${rule.tier}`) : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(' · ') : t('manage:standard.anyTicket');
}
