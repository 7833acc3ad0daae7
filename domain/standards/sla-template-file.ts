import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { TicketPriority, TicketStatus, TicketType } from '../../core/desk-enums';
import { CustomerTier, Role } from '../../core/enums';
import { callbackPolicySpec, CallbackPolicySettings } from './callback-policy';
import { DEFAULT_LADDER, EscalationLevel } from './escalation-ladder';
import { amountProblems, TargetRule } from './sla-targets';
import { SlaMetric, TargetUnit } from '../../core/sla-enums';

/** The YAML shape of an HQ standard (tenants/templates/*.yaml). */
const rule = z
  .object({
    metric: z.nativeEnum(SlaMetric),
    ticketType: z.nativeEnum(TicketType).optional(),
    priority: z.nativeEnum(TicketPriority).optional(),
    tier: z.nativeEnum(CustomerTier).optional(),
    amount: z.number().positive(),
    unit: z.nativeEnum(TargetUnit),
    locked: z.boolean().default(false),
  })
  .strict();

const recipient = z.union([
  z.object({ kind: z.literal('ASSIGNEE') }).strict(),
  z.object({ kind: z.literal('SUPERVISOR') }).strict(),
  z.object({ kind: z.literal('ROLE'), role: z.nativeEnum(Role), inHq: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('PERSON'), staffId: z.string().uuid() }).strict(),
]);

export const escalationLevelSpec = z
  .object({
    name: z.string().min(1),
    trigger: z.union([
      z.object({ kind: z.literal('SHARE_OF_TARGET'), share: z.number().gt(0).lte(1) }).strict(),
      z.object({ kind: z.literal('AFTER_BREACH'), minutes: z.number().min(0) }).strict(),
    ]),
    notify: z.array(recipient).min(1),
    workingHoursOnly: z.boolean().default(true),
  })
  .strict();

const templateFile = z
  .object({
    template: z.string().min(1),
    owner: z.string().min(1),
    version: z.number().int().positive(),
    atRiskShare: z.number().gt(0).lt(1).default(0.75),
    pauses: z
      .object({
        /** Status → the metrics whose clocks stand still while a ticket is in it. */
        byStatus: z.partialRecord(z.nativeEnum(TicketStatus), z.array(z.nativeEnum(SlaMetric))).default({ WAITING_CUSTOMER: [SlaMetric.RESOLUTION] }),
        waitingPartsPausesUntilExpectedDate: z.boolean().default(false),
      })
      .strict()
      .default({ byStatus: { WAITING_CUSTOMER: [SlaMetric.RESOLUTION] }, waitingPartsPausesUntilExpectedDate: false }),
    targets: z.array(rule).min(1),
    /** The escalation ladder, lowest level first; absent: the four default levels. */
    escalation: z.array(escalationLevelSpec).min(1).optional(),
    /** Satisfaction callbacks after resolution; absent (or any setting left out): the defaults. */
    callbacks: callbackPolicySpec.optional(),
  })
  .strict();

export interface SlaTemplate {
  code: string;
  ownerSlug: string;
  version: number;
  atRiskShare: number;
  /** Metrics whose clocks stop while a ticket is in a status. */
  pausedBy: Partial<Record<TicketStatus, SlaMetric[]>>;
  waitingPartsPausesUntilExpectedDate: boolean;
  targets: TargetRule[];
  escalation: EscalationLevel[];
  callbacks?: CallbackPolicySettings;
}

/** Why a template cannot be published; `code` names the kind of problem (INVALID_TEMPLATE, or the first target amount no clock can count). */
export class InvalidTemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseTemplate(text: string, source = 'template'): SlaTemplate {
  const parsed = templateFile.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(document)'}: ${issue.message}`);
    throw new InvalidTemplateError('INVALID_TEMPLATE', problems.join('\n'));
  }
  const file = parsed.data;
  const amounts = amountProblems(file.targets);
  if (amounts.length) {
    throw new InvalidTemplateError(amounts[0].code, amounts.map((problem) => `${source}: targets.${problem.index}.amount: ${problem.message}`).join('\n'));
  }
  return {
    code: file.template,
    ownerSlug: file.owner,
    version: file.version,
    atRiskShare: file.atRiskShare,
    pausedBy: file.pauses.byStatus,
    waitingPartsPausesUntilExpectedDate: file.pauses.waitingPartsPausesUntilExpectedDate,
    targets: file.targets,
    escalation: file.escalation ? file.escalation.map((level, i) => ({ ...level, level: i + 1, fromHq: true })) : DEFAULT_LADDER,
    // Left out when absent, so a template published before callbacks were configurable reads back unchanged.
    ...(file.callbacks ? { callbacks: file.callbacks } : {}),
  };
}

export function loadTemplate(path: string): SlaTemplate {
  return parseTemplate(readFileSync(path, 'utf8'), path);
}
