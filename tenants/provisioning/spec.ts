import { z } from 'zod';
import { Locale, Role, TenantKind } from '../../core/enums';
import { messageTemplatesSpec } from './message-templates';

/**
 * The declarative shape of a tenant file. A file holds one or more tenants
 * under `tenants:`; a folder is the union of its files.
 */
/** Text PostgreSQL can store: no NUL characters. */
const text = () => z.string().refine((value) => !value.includes('\u0000'), { message: 'must not contain a NUL character' });

const staffSpec = z
  .object({
    email: z
      .string()
      .email()
      .transform((e) => e.toLowerCase()),
    name: text().pipe(z.string().min(1).max(200)),
    role: z.nativeEnum(Role),
    /** Plain password, hashed on apply (demo and first set-up); or an argon2id hash. */
    password: z.string().min(10).optional(),
    passwordHash: z.string().startsWith('$argon2id$').optional(),
    status: z.enum(['ACTIVE', 'DISABLED']).default('ACTIVE'),
  })
  .strict()
  .refine((s) => !(s.password && s.passwordHash), { message: 'give either password or passwordHash, not both' });

/** A model of an HQ's product catalogue, with its warranty terms (DOMAIN.md defaults). */
const productModelSpec = z
  .object({
    modelCode: z.string().min(1).max(64),
    name: text().pipe(z.string().min(1).max(200)),
    category: z.string().min(1).max(64),
    wholeMachineMonths: z.number().int().min(0).max(120).default(12),
    mainPartsMonths: z.number().int().min(0).max(120).default(24),
    mainPartCategories: z.array(z.string().min(1)).default(['CPU', 'MOTHERBOARD', 'DISK', 'SCREEN']),
    returnDays: z.number().int().min(0).max(365).default(7),
    exchangeDays: z.number().int().min(0).max(365).default(15),
    networkReturns: z.boolean().default(false),
  })
  .strict()
  .refine((m) => m.mainPartsMonths >= m.wholeMachineMonths, { message: 'mainPartsMonths must be at least wholeMachineMonths', path: ['mainPartsMonths'] })
  .refine((m) => m.exchangeDays >= m.returnDays, { message: 'exchangeDays must be at least returnDays', path: ['exchangeDays'] });

/**
 * A paid service of an HQ's catalogue. Prices are whole numbers of the
 * currency's minor unit (fen for CNY: 9900 is ¥99.00), as everywhere else.
 */
const paidServiceSpec = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,63}$/, 'upper-case letters, digits, _ and -, 1 to 64 characters'),
    // Keyed by locale ('zh-CN', 'en'): the service's name as domain code holds it.
    name: z.object({ [Locale.ZH_CN]: text().pipe(z.string().trim().min(1).max(200)), [Locale.EN]: text().pipe(z.string().trim().min(1).max(200)) }).strict(),
    description: text().pipe(z.string().trim().min(1).max(2000)),
    includes: z
      .array(text().pipe(z.string().trim().min(1).max(200)))
      .max(20)
      .default([]),
    currency: z.enum(['CNY']).default('CNY'),
    minPriceMinor: z.number().int().min(1).max(100_000_000),
    maxPriceMinor: z.number().int().min(1).max(100_000_000),
    requiresDevice: z.boolean(),
    /** Months by which buying it extends the device's warranty; absent: it extends nothing. */
    warrantyExtensionMonths: z.number().int().min(1).max(60).optional(),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.minPriceMinor <= s.maxPriceMinor, { message: 'minPriceMinor must not be above maxPriceMinor', path: ['maxPriceMinor'] })
  .refine((s) => s.warrantyExtensionMonths == null || s.requiresDevice, {
    message: 'a service that extends the warranty requires a device',
    path: ['requiresDevice'],
  });

const interval = z.string().regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, 'an interval like 09:00-12:00');
const isoDate = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-02-14'), z.date().transform((d) => d.toISOString().slice(0, 10))]);

/** A tenant's working calendar: the national calendar it follows plus its own hours, closures and special days. */
const calendarSpec = z
  .object({
    national: z.string().min(2).default('CN'),
    /** ISO weekday (1 = Monday … 7 = Sunday) → working intervals. */
    weekly: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(interval)),
    closures: z.array(isoDate).default([]),
    specialHours: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.array(interval)).default({}),
  })
  .strict();

const tenantSpec = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters'),
    name: text().pipe(z.string().min(1).max(200)),
    kind: z.nativeEnum(TenantKind),
    /** Slug of the HQ a store or partner belongs to. */
    parent: z.string().optional(),
    status: z.enum(['ACTIVE', 'SUSPENDED']).default('ACTIVE'),
    timeZone: z
      .string()
      .default('Asia/Shanghai')
      .refine((zone) => isTimeZone(zone), { message: 'not an IANA time zone' }),
    locale: z.enum([Locale.ZH_CN, Locale.EN]).default(Locale.ZH_CN),
    /** How customers reach the store: shown on their ticket's status page. */
    phone: text().pipe(z.string().trim().min(1).max(40)).optional(),
    address: text().pipe(z.string().trim().min(1).max(500)).optional(),
    staff: z.array(staffSpec).default([]),
    calendar: calendarSpec.optional(),
    /** HQ only: its product catalogue. */
    productModels: z.array(productModelSpec).default([]),
    /** HQ only: its catalogue of paid services, matched by code. */
    paidServices: z
      .array(paidServiceSpec)
      .default([])
      .superRefine((services, check) => {
        const seen = new Set<string>();
        services.forEach((service, i) => {
          if (seen.has(service.code)) check.addIssue({ code: 'custom', message: `${service.code} appears twice`, path: [i, 'code'] });
          seen.add(service.code);
        });
      }),
    /** Its own wording of messages; an HQ's applies to its whole network. */
    messageTemplates: messageTemplatesSpec,
  })
  .strict()
  .refine((t) => t.kind === TenantKind.HQ || t.paidServices.length === 0, { message: 'only an HQ keeps a catalogue of paid services', path: ['paidServices'] });

export const tenantFileSpec = z.object({ tenants: z.array(tenantSpec).min(1) }).strict();

export type StaffSpec = z.infer<typeof staffSpec>;
export type TenantSpec = z.infer<typeof tenantSpec>;
export type ProductModelSpec = z.infer<typeof productModelSpec>;
export type CalendarSpec = z.infer<typeof calendarSpec>;
export type PaidServiceSpec = z.infer<typeof paidServiceSpec>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
