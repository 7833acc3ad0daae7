import type { TFunction } from 'i18next';

/** Which tickets a target applies to: "Repair · VIP" or "every ticket". */
export function appliesToText(t: TFunction, rule: { ticketType?: string | null; priority?: string | null; tier?: string | null }): string {
  const parts = [
    rule.ticketType ? t(`enums:TicketType.${rule.ticketType}`) : null,
    rule.priority ? t(`enums:TicketPriority.${rule.priority}`) : null,
    rule.tier ? t(`enums:CustomerTier.${rule.tier}`) : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(' · ') : t('manage:standard.anyTicket');
}
