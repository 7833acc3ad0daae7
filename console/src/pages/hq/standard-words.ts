import type { TFunction } from 'i18next';

/** A target rule in words: "Resolution · Repair · VIP: 48 Calendar hours". */
export interface RuleShape {
  metric: string;
  ticketType?: string | null;
  priority?: string | null;
  tier?: string | null;
  amount: number;
  unit: string;
  locked: boolean;
}

export function scopeText(t: TFunction, rule: Omit<RuleShape, 'amount' | 'unit' | 'locked'>): string {
  const parts = [
    t(`enums:SlaMetric.${rule.metric}`),
    rule.ticketType ? t(`enums:TicketType.${rule.ticketType}`) : t('hq:standard.anyType'),
    rule.priority ? t(`enums:TicketPriority.${rule.priority}`) : null,
    rule.tier ? t(`enums:CustomerTier.${rule.tier}`) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function amountText(t: TFunction, rule: Pick<RuleShape, 'amount' | 'unit' | 'locked'> | null | undefined): string {
  if (!rule) return '—';
  const text = `${rule.amount} ${t(`enums:TargetUnit.${rule.unit}`)}`;
  return rule.locked ? `${text} (${t('hq:standard.locked')})` : text;
}
