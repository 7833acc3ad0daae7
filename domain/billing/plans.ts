import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../core/project-root';
import { PlanFeature } from '../../core/billing-enums';
import { Locale } from '../../core/enums';
import { Currency } from '../../core/money';
import type { Plan } from '../../schema/views/plan';

/**
 * The plans stores subscribe to, as data (tenants/plans.yaml): what each one
 * includes (staff seats, modules, the API rate limit) and which Stripe Price
 * charges for it. Loaded and checked once when a process starts.
 */

export interface PlanCatalogue {
  /** In the file's order, which is the order plans are offered in (smallest first). */
  plans: readonly Plan[];
  /** What a store gets from the day it is provisioned until it subscribes. */
  trial: { plan: Plan; days: number };
  find(code: string): Plan | undefined;
  /** The plans including a module, in offering order. */
  plansWith(feature: PlanFeature): Plan[];
  /** The plans allowing at least this many staff seats, in offering order. */
  plansWithSeats(seats: number): Plan[];
}

export const PLANS_FILE = join(projectRoot(), 'tenants', 'plans.yaml');

const localized = z.object({ [Locale.ZH_CN]: z.string().trim().min(1).max(200), [Locale.EN]: z.string().trim().min(1).max(200) }).strict();

const planSpec = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'a plan code is 2 to 32 capitals, digits or underscores, e.g. PRO'),
    name: localized,
    description: localized,
    monthlyPrice: z
      .object({
        amountMinor: z.number().int('an amount is a whole number of the minor unit (fen)').min(0).max(100_000_000),
        currency: z.nativeEnum(Currency),
      })
      .strict(),
    stripeLookupKey: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'a Stripe lookup key: letters, digits, dots, dashes and underscores'),
    staffSeats: z.number().int().min(1).max(10_000),
    features: z.array(z.nativeEnum(PlanFeature)).default([]),
    apiRateLimit: z.object({ capacity: z.number().int().min(1), refillPerSecond: z.number().positive() }).strict(),
  })
  .strict();

const planFile = z
  .object({
    trial: z.object({ plan: z.string(), days: z.number().int().min(0).max(365) }).strict(),
    plans: z.array(planSpec).min(1),
  })
  .strict()
  .superRefine((file, issue) => {
    const seen = new Set<string>();
    file.plans.forEach((plan, index) => {
      if (seen.has(plan.code)) issue.addIssue({ code: 'custom', path: ['plans', index, 'code'], message: `plan ${plan.code} appears twice` });
      seen.add(plan.code);
      if (new Set(plan.features).size !== plan.features.length) {
        issue.addIssue({ code: 'custom', path: ['plans', index, 'features'], message: 'a feature is listed twice' });
      }
    });
    const keys = file.plans.map((plan) => plan.stripeLookupKey);
    if (new Set(keys).size !== keys.length) issue.addIssue({ code: 'custom', path: ['plans'], message: 'two plans share a stripeLookupKey' });
    if (!seen.has(file.trial.plan)) {
      issue.addIssue({
        code: 'custom',
        path: ['trial', 'plan'],
        message: `the trial plan ${file.trial.plan} is not one of the plans (${[...seen].join(', ')})`,
      });
    }
  });

export class PlanFileError extends Error {}

/** Parses and checks a plan file; every problem is reported with its path. */
export function parsePlanCatalogue(text: string, source = 'plans'): PlanCatalogue {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new PlanFileError(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = planFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new PlanFileError(`${source} is not a valid plan file:\n${lines.join('\n')}`);
  }
  const plans: Plan[] = parsed.data.plans.map((spec) => Object.freeze({ ...spec, features: Object.freeze([...spec.features]) }));
  const byCode = new Map(plans.map((plan) => [plan.code, plan]));
  return Object.freeze({
    plans: Object.freeze(plans),
    trial: Object.freeze({ plan: byCode.get(parsed.data.trial.plan)!, days: parsed.data.trial.days }),
    find: (code: string) => byCode.get(code),
    plansWith: (feature: PlanFeature) => plans.filter((plan) => plan.features.includes(feature)),
    plansWithSeats: (seats: number) => plans.filter((plan) => plan.staffSeats >= seats),
  });
}

const loaded = new Map<string, PlanCatalogue>();

/** The plan file, read once per process (and per path). */
export function loadPlanCatalogue(file = PLANS_FILE): PlanCatalogue {
  let catalogue = loaded.get(file);
  if (!catalogue) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new PlanFileError(`cannot read the plan file ${file}: ${(error as Error).message}`);
    }
    catalogue = parsePlanCatalogue(text, file);
    loaded.set(file, catalogue);
  }
  return catalogue;
}
