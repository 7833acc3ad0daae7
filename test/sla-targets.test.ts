import { join } from 'node:path';
import { amountProblems, checkFloors, effectiveTarget, TargetRule, targetFor } from '../domain/standards/sla-targets';
import { SlaMetric, TargetUnit } from '../core/sla-enums';
import { loadTemplate, parseTemplate } from '../domain/standards/sla-template-file';
import { projectRoot } from '../core/project-root';
import { TicketPriority, TicketStatus, TicketType } from '../core/desk-enums';
import { CustomerTier } from '../core/enums';

/** The demo HQ's standard as shipped, targets chosen per ticket, and the floors a store's overrides must respect. */
const demo = loadTemplate(join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'));
const profile = (type: TicketType, tier = CustomerTier.STANDARD, priority = TicketPriority.NORMAL) => ({ type, tier, priority });

describe('the demo standard', () => {
  test('ships the defaults of the handbooks', () => {
    expect(demo).toMatchObject({ code: 'demo-hq-standard', ownerSlug: 'demo-hq', version: 1, atRiskShare: 0.75 });
    expect(targetFor(demo.targets, SlaMetric.DISPATCH, profile(TicketType.REPAIR))).toMatchObject({
      amount: 30,
      unit: TargetUnit.WORKING_MINUTES,
      locked: true,
    });
    expect(targetFor(demo.targets, SlaMetric.FIRST_CONTACT, profile(TicketType.INQUIRY))).toMatchObject({ amount: 1, unit: TargetUnit.HALF_WORKING_DAY });
    expect(targetFor(demo.targets, SlaMetric.RESOLUTION, profile(TicketType.COMPLAINT))).toMatchObject({ amount: 3, unit: TargetUnit.WORKING_DAYS });
    expect(targetFor(demo.targets, SlaMetric.RESOLUTION, profile(TicketType.REPAIR, CustomerTier.VIP))).toMatchObject({
      amount: 48,
      unit: TargetUnit.CALENDAR_HOURS,
    });
    expect(targetFor(demo.targets, SlaMetric.RESOLUTION, profile(TicketType.REPAIR))).toMatchObject({ amount: 5, unit: TargetUnit.WORKING_DAYS });
    expect(demo.pausedBy[TicketStatus.WAITING_CUSTOMER]).toEqual([SlaMetric.RESOLUTION]);
    expect(demo.waitingPartsPausesUntilExpectedDate).toBe(false);
  });

  test('an invalid template names the path and the problem', () => {
    expect(() => parseTemplate('template: x\nowner: y\nversion: 1\ntargets:\n  - { metric: DISPATCH, amount: -5, unit: WORKING_MINUTES }', 'bad.yaml')).toThrow(
      /bad\.yaml: targets\.0\.amount/,
    );
  });
});

describe('amounts a clock can count', () => {
  const rule = (amount: number, unit: TargetUnit) => ({ metric: SlaMetric.RESOLUTION, amount, unit });

  test('days and half days are whole; hours and minutes may be fractions', () => {
    expect(
      amountProblems([
        rule(3, TargetUnit.WORKING_DAYS),
        rule(1.5, TargetUnit.WORKING_HOURS),
        rule(0.5, TargetUnit.CALENDAR_HOURS),
        rule(2, TargetUnit.HALF_WORKING_DAY),
      ]),
    ).toEqual([]);
    expect(amountProblems([rule(3, TargetUnit.WORKING_DAYS), rule(0.5, TargetUnit.WORKING_DAYS)])).toEqual([
      {
        index: 1,
        code: 'FRACTIONAL_TARGET',
        message: expect.stringMatching(/RESOLUTION: 0.5 WORKING_DAYS: WORKING_DAYS counts whole days.*use HALF_WORKING_DAY or WORKING_HOURS/),
      },
    ]);
    expect(amountProblems([rule(1.5, TargetUnit.HALF_WORKING_DAY)])[0].code).toBe('FRACTIONAL_TARGET');
  });

  test('zero, less, and more than about a year are refused', () => {
    expect(amountProblems([rule(0, TargetUnit.WORKING_MINUTES)])[0].code).toBe('TARGET_NOT_POSITIVE');
    expect(amountProblems([rule(-2, TargetUnit.WORKING_DAYS)])[0].code).toBe('TARGET_NOT_POSITIVE');
    expect(amountProblems([rule(1000, TargetUnit.WORKING_DAYS)])[0]).toMatchObject({
      code: 'TARGET_TOO_LONG',
      message: expect.stringMatching(/at most 250 WORKING_DAYS/),
    });
  });

  test('a template with 1.5 working days is refused when it is read, naming the target', () => {
    const text =
      'template: x\nowner: y\nversion: 1\ntargets:\n  - { metric: DISPATCH, amount: 30, unit: WORKING_MINUTES }\n  - { metric: RESOLUTION, amount: 1.5, unit: WORKING_DAYS }';
    expect(() => parseTemplate(text, 'fraction.yaml')).toThrow(
      /fraction\.yaml: targets\.1\.amount: RESOLUTION: 1\.5 WORKING_DAYS: WORKING_DAYS counts whole days/,
    );
  });
});

describe('floors: a store may only tighten', () => {
  const override = (rule: Omit<TargetRule, 'locked'>): TargetRule[] => [rule];

  test('every target tightened is accepted, and takes effect', () => {
    const tighter: TargetRule[] = [
      { metric: SlaMetric.FIRST_CONTACT, amount: 1, unit: TargetUnit.HALF_WORKING_DAY },
      { metric: SlaMetric.RESOLUTION, ticketType: TicketType.COMPLAINT, amount: 2, unit: TargetUnit.WORKING_DAYS },
      { metric: SlaMetric.RESOLUTION, ticketType: TicketType.REPAIR, tier: CustomerTier.VIP, amount: 24, unit: TargetUnit.CALENDAR_HOURS },
      { metric: SlaMetric.PROGRESS_UPDATE, amount: 4, unit: TargetUnit.WORKING_HOURS },
      { metric: SlaMetric.CALLBACK, amount: 1, unit: TargetUnit.WORKING_DAYS },
    ];
    expect(checkFloors(demo.targets, tighter)).toEqual([]);
    expect(effectiveTarget(demo.targets, tighter, SlaMetric.RESOLUTION, profile(TicketType.COMPLAINT))).toMatchObject({ amount: 2 });
    // not overridden: HQ's target stands
    expect(effectiveTarget(demo.targets, tighter, SlaMetric.RESOLUTION, profile(TicketType.INQUIRY))).toMatchObject({
      amount: 1,
      unit: TargetUnit.WORKING_DAYS,
    });
  });

  test('a looser target is refused, naming the target, HQ value and the store value', () => {
    const [violation] = checkFloors(
      demo.targets,
      override({ metric: SlaMetric.RESOLUTION, ticketType: TicketType.COMPLAINT, amount: 4, unit: TargetUnit.WORKING_DAYS }),
    );
    expect(violation).toMatchObject({ code: 'LOOSER_THAN_HQ', metric: SlaMetric.RESOLUTION, hq: '3 working days', store: '4 working days' });
    expect(violation.message).toMatch(/RESOLUTION for COMPLAINT.*HQ's target is 3 working days, the store's 4 working days is looser/);
  });

  test('a locked target cannot be overridden, not even to tighten it', () => {
    const [violation] = checkFloors(demo.targets, override({ metric: SlaMetric.DISPATCH, amount: 15, unit: TargetUnit.WORKING_MINUTES }));
    expect(violation).toMatchObject({ code: 'TARGET_LOCKED', hq: '30 working minutes' });
  });

  test('a broad override that would loosen a more specific HQ target is caught', () => {
    // "all repairs in 4 working days" is tighter than 5 days, but would replace the VIP 48 calendar hours
    const violations = checkFloors(
      demo.targets,
      override({ metric: SlaMetric.RESOLUTION, ticketType: TicketType.REPAIR, amount: 4, unit: TargetUnit.WORKING_DAYS }),
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ code: 'UNIT_MISMATCH', profile: { type: TicketType.REPAIR, tier: CustomerTier.VIP } });
  });

  test('an override for something HQ does not set is refused', () => {
    const [violation] = checkFloors(
      [{ metric: SlaMetric.DISPATCH, amount: 30, unit: TargetUnit.WORKING_MINUTES }],
      override({ metric: SlaMetric.CALLBACK, amount: 1, unit: TargetUnit.WORKING_DAYS }),
    );
    expect(violation.code).toBe('NOT_IN_HQ_STANDARD');
  });
});
