import { Arg, Ctx, Int, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { publishTemplate, setStoreOverrides, StandardInForce, standardInForce } from '../../domain/standards/standard.service';
import type { TargetRule } from '../../domain/standards/sla-targets';
import { Ticket } from '../../schema/entities';
import {
  EscalationLevelView,
  PublishSlaTemplateInput,
  SetSlaOverridesInput,
  SlaChangeKind,
  SlaClock,
  SlaStandard,
  SlaStandardPayload,
  SlaTargetRule,
  SlaTemplatePreview,
  TicketAtRisk,
} from '../../schema/graphql/standard.types';
import { templateText } from '../../domain/standards/sla-template-text';
import { OverridesRefused, targetFloors, violationField } from '../../domain/standards/override-floors';
import { previewTemplate } from '../../domain/standards/template-preview.service';
import { TenantKind } from '../../core/enums';
import { ticketsAtRisk } from '../../domain/standards/at-risk.service';
import { DEFAULT_LADDER, describeRecipient, describeTrigger, EscalationLevel, storeLadder } from '../../domain/standards/escalation-ladder';
import { toGlobalId } from '../../core/global-id';
import { ticketClocks } from '../../domain/standards/ticket-clocks';
import { markProvisional } from '../../domain/standards/provisional-marks';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { PermittedQuery } from '../graphql/permitted-query';
import { ReturnsUserErrors } from '../graphql/user-errors';

const asRule = (rule: TargetRule): SlaTargetRule => ({
  ...rule,
  ticketType: rule.ticketType ?? null,
  priority: rule.priority ?? null,
  tier: rule.tier ?? null,
  locked: rule.locked ?? false,
});
const asRules = (rules: TargetRule[]): SlaTargetRule[] => rules.map(asRule);

function asLevel(level: EscalationLevel): EscalationLevelView {
  return {
    level: level.level,
    name: level.name,
    trigger: describeTrigger(level.trigger),
    fromHq: level.fromHq,
    // A named person is shown by the id the API knows them by.
    notify: level.notify.map((r) => (r.kind === 'PERSON' ? `staff member ${toGlobalId('StaffUser', r.staffId)}` : describeRecipient(r))),
    workingHoursOnly: level.workingHoursOnly,
    shareOfTarget: level.trigger.kind === 'SHARE_OF_TARGET' ? level.trigger.share : null,
    minutesAfterBreach: level.trigger.kind === 'AFTER_BREACH' ? level.trigger.minutes : null,
    notifyAssignee: level.notify.some((r) => r.kind === 'ASSIGNEE'),
    notifySupervisor: level.notify.some((r) => r.kind === 'SUPERVISOR'),
    notifyRoles: level.notify.flatMap((r) => (r.kind === 'ROLE' && !r.inHq ? [r.role] : [])),
    notifyHqRoles: level.notify.flatMap((r) => (r.kind === 'ROLE' && r.inHq ? [r.role] : [])),
  };
}

function toStandard(standard: StandardInForce, tenantKind: TenantKind): SlaStandard {
  const ladder = standard.template ? storeLadder(standard.template.escalation ?? DEFAULT_LADDER, standard.storeLevels) : [];
  return {
    escalation: ladder.map(asLevel),
    definition: tenantKind === TenantKind.HQ && standard.template ? templateText(standard.template) : null,
    code: standard.template?.code ?? null,
    version: standard.template?.version ?? null,
    publishedAt: standard.publishedAt,
    atRiskShare: standard.template?.atRiskShare ?? null,
    targets: asRules(standard.template?.targets ?? []),
    storeTargets: asRules(standard.storeRules),
    targetFloors: targetFloors(standard.template?.targets ?? [], standard.storeRules).map((floor) => ({
      metric: floor.hq.metric,
      ticketType: floor.hq.ticketType ?? null,
      priority: floor.hq.priority ?? null,
      tier: floor.hq.tier ?? null,
      hq: asRule(floor.hq),
      locked: floor.locked,
      storeOverride: floor.override && asRule(floor.override),
      overrideIndex: floor.overrideIndex,
    })),
  };
}

/** Every floor broken is answered (not only the first), so an override form marks each field with HQ's value at once. */
function refusedOverrides(error: OverridesRefused): SlaStandardPayload {
  return {
    standard: null,
    userErrors: error.violations.map((v) => ({ field: violationField(v), code: v.code, message: v.message })),
    floorViolations: error.violations.map((v) => ({
      ruleIndex: v.storeIndex,
      code: v.code,
      message: v.message,
      metric: v.metric,
      ticketType: v.profile.type,
      priority: v.profile.priority,
      tier: v.profile.tier,
      hq: v.hqRule && asRule(v.hqRule),
      store: asRule(v.storeRule),
    })),
  };
}

@Resolver()
export class StandardResolver {
  @PermittedQuery(() => SlaStandard, 'The service standard in force for the caller.', Permission.STANDARD_READ)
  async slaStandard(@Ctx() ctx: ApiContext): Promise<SlaStandard> {
    return toStandard(await standardInForce(tenantOf(ctx)), tenantOf(ctx).tenantKind);
  }

  @Query(() => [TicketAtRisk], {
    description: 'Tickets with a clock at risk or breached, most urgent first (HQ: across its stores). Computed live, so not paged.',
  })
  @Requires(Permission.STANDARD_READ)
  async ticketsAtRisk(@Arg('first', () => Int, { description: 'How many, 1 to 100.' }) first: number, @Ctx() ctx: ApiContext): Promise<TicketAtRisk[]> {
    const found = await ticketsAtRisk(tenantOf(ctx), first);
    return found.map(({ ticket, store, clocks, worst, escalation }) => ({
      ticketId: toGlobalId('Ticket', ticket.id),
      number: ticket.number,
      type: ticket.type,
      status: ticket.status,
      priority: ticket.priority,
      storeSlug: store.slug,
      storeName: store.name,
      mostUrgent: worst,
      clocks,
      escalationLevel: escalation?.level ?? null,
      escalationLevelName: escalation?.name ?? null,
    }));
  }

  @Query(() => SlaTemplatePreview, {
    description:
      'HQ: what publishing this template (YAML, as for `publishSlaTemplate`) would change against the version in force, and whether it would be accepted. Nothing is written.',
  })
  @Requires(Permission.STANDARD_MANAGE)
  @ReturnsUserErrors({ publishable: false, targetChanges: [], settingChanges: [], escalationChanges: [] })
  async slaTemplatePreview(@Arg('definition') definition: string, @Ctx() ctx: ApiContext): Promise<SlaTemplatePreview> {
    const preview = await previewTemplate(tenantOf(ctx), definition);
    const { template, diff, refusal } = preview;
    return {
      code: template.code,
      version: template.version,
      currentVersion: preview.currentVersion,
      publishable: refusal === null,
      targetChanges: diff.targets.map((c) => ({
        change: c.kind as SlaChangeKind,
        metric: c.rule.metric,
        ticketType: c.rule.ticketType ?? null,
        priority: c.rule.priority ?? null,
        tier: c.rule.tier ?? null,
        from: c.from && asRule(c.from),
        to: c.to && asRule(c.to),
      })),
      settingChanges: diff.settings.map((c) => ({ change: c.kind as SlaChangeKind, setting: c.setting, from: c.from, to: c.to })),
      escalationChanges: diff.escalation.map((c) => ({
        change: c.kind as SlaChangeKind,
        level: c.level,
        from: c.from && asLevel({ ...c.from, level: c.level }),
        to: c.to && asLevel({ ...c.to, level: c.level }),
      })),
      userErrors: refusal ? [{ field: refusal.field, code: refusal.code, message: refusal.message }] : [],
    };
  }

  @Mutation(() => SlaStandardPayload, { description: 'HQ publishes a new version of its service standard; open tickets keep theirs.' })
  @Requires(Permission.STANDARD_MANAGE)
  @ReturnsUserErrors({ floorViolations: [] })
  async publishSlaTemplate(@Arg('input') input: PublishSlaTemplateInput, @Ctx() ctx: ApiContext): Promise<Omit<SlaStandardPayload, 'userErrors'>> {
    await publishTemplate(tenantOf(ctx), input.definition);
    return { standard: toStandard(await standardInForce(tenantOf(ctx)), tenantOf(ctx).tenantKind), floorViolations: [] };
  }

  @Mutation(() => SlaStandardPayload, { description: "A store tightens HQ's targets; a looser or locked one is refused." })
  @Requires(Permission.STANDARD_OVERRIDE)
  @ReturnsUserErrors({ floorViolations: [] })
  async setSlaOverrides(@Arg('input') input: SetSlaOverridesInput, @Ctx() ctx: ApiContext): Promise<SlaStandardPayload> {
    try {
      return {
        standard: toStandard(await setStoreOverrides(tenantOf(ctx), input.rules, input.levels ?? null), tenantOf(ctx).tenantKind),
        userErrors: [],
        floorViolations: [],
      };
    } catch (error) {
      // Every floor broken is answered at once; any other refusal is one UserInputError, answered by the API.
      if (error instanceof OverridesRefused) return refusedOverrides(error);
      throw error;
    }
  }
}

@Resolver(() => Ticket)
export class TicketStandardResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The standard the ticket was opened under (code).' })
  slaTemplate(@Root() ticket: Ticket): string | null {
    return (ticket.slaStandard?.code as string | undefined) ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The version of that standard; publishing a newer one does not change it.' })
  slaVersion(@Root() ticket: Ticket): number | null {
    return (ticket.slaStandard?.version as number | undefined) ?? null;
  }

  @FieldResolver(() => [SlaClock], { description: 'The clocks of the standard it was opened under, as of now.' })
  async slaClocks(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<SlaClock[]> {
    const loaders = loadersOf(ctx);
    const [customer, events, parts, calendar] = await Promise.all([
      loaders.customer.load(ticket.customerId),
      loaders.eventsByTicket.load(ticket.id),
      loaders.partsOrdersByTicket.load(ticket.id),
      loaders.calendar(),
    ]);
    const now = tenantOf(ctx).clock.now();
    return markProvisional(ticketClocks({ ticket, customer, events, parts, calendar, now }), calendar, now);
  }
}
