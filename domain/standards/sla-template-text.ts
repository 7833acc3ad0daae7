import { Document, isMap, isSeq } from 'yaml';
import { DEFAULT_LADDER } from './escalation-ladder';
import type { SlaTemplate } from './sla-template-file';

/**
 * A published template written back as a template file (the shape of
 * tenants/templates/*.yaml), for HQ to edit into its next version. What is
 * stored is the parsed template, so the file's comments are not kept; the
 * text reads back (`parseTemplate`) to the very template it was made from.
 * Targets are written one a line, as in the shipped files.
 */
export function templateText(template: SlaTemplate): string {
  const file = {
    template: template.code,
    owner: template.ownerSlug,
    version: template.version,
    atRiskShare: template.atRiskShare,
    pauses: {
      byStatus: template.pausedBy ?? {},
      waitingPartsPausesUntilExpectedDate: template.waitingPartsPausesUntilExpectedDate,
    },
    targets: template.targets.map((rule) => ({
      metric: rule.metric,
      ...(rule.ticketType ? { ticketType: rule.ticketType } : {}),
      ...(rule.priority ? { priority: rule.priority } : {}),
      ...(rule.tier ? { tier: rule.tier } : {}),
      amount: rule.amount,
      unit: rule.unit,
      ...(rule.locked ? { locked: true } : {}),
    })),
    escalation: (template.escalation ?? DEFAULT_LADDER).map((level) => ({
      name: level.name,
      trigger: level.trigger,
      // inHq: false is the default too.
      notify: level.notify.map((recipient) => (recipient.kind === 'ROLE' && !recipient.inHq ? { kind: recipient.kind, role: recipient.role } : recipient)),
      // true is the default: written only when a level also acts outside working hours.
      ...(level.workingHoursOnly ? {} : { workingHoursOnly: false }),
    })),
    ...(template.callbacks ? { callbacks: template.callbacks } : {}),
  };
  const doc = new Document(file);
  const byStatus = doc.getIn(['pauses', 'byStatus']);
  if (isMap(byStatus)) for (const pair of byStatus.items) if (isSeq(pair.value)) pair.value.flow = true;
  const targets = doc.get('targets');
  if (isSeq(targets)) for (const item of targets.items) if (isMap(item)) item.flow = true;
  const escalation = doc.get('escalation');
  if (isSeq(escalation)) {
    for (const level of escalation.items) {
      if (!isMap(level)) continue;
      for (const field of ['trigger', 'notify'] as const) {
        const node = level.get(field, true);
        if (isMap(node) || isSeq(node)) node.flow = true;
        if (isSeq(node)) for (const recipient of node.items) if (isMap(recipient)) recipient.flow = true;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
