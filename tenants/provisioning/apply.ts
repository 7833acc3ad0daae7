import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../domain/auth/passwords';
import type { Clock } from '../../core/clock';
import type { EntityManager, Orm } from '../../domain/ports/database';
import { pairOfName } from '../../domain/localized';
import { AuditEvent, PaidService, ProductModel, StaffUser, Tenant } from '../../schema/entities';
import { Currency } from '../../core/money';
import { Locale, StaffStatus, TenantKind, TenantStatus } from '../../core/enums';
import { InvalidTenantFiles, LoadedTenant } from './load';
import { upsertMessageTemplate } from './message-templates';
import type { CalendarSpec, PaidServiceSpec, ProductModelSpec, StaffSpec } from './spec';

/**
 * Makes the database match the files, in one transaction: either every tenant
 * and staff user is applied or nothing is. Each tenant's rows are written while
 * the transaction acts for that tenant, so RLS holds for provisioning too.
 * Staff users absent from the files are left alone: managers also add staff
 * through the API, and a file is not meant to erase them.
 */
export async function applyTenants(orm: Orm, loaded: LoadedTenant[], clock: Clock): Promise<string[]> {
  const em = orm.em.fork({ clear: true });
  const changes: string[] = [];
  const ids = new Map<string, { id: string; kind: string }>();
  // HQs first: stores and partners need their parent to exist.
  const ordered = [...loaded].sort((a, b) => rank(a) - rank(b));
  await em.begin();
  try {
    for (const entry of ordered) {
      const { spec } = entry;
      const existing = await tenantBySlug(em, spec.slug);
      const parentId = spec.parent ? await resolveParent(em, entry, ids) : null;
      if (existing && existing.parent_id !== parentId) {
        throw new InvalidTenantFiles([
          { file: entry.file, path: `tenants[${entry.index}].parent`, message: `${spec.slug} already belongs to another HQ; tenants do not move` },
        ]);
      }
      if (existing && existing.kind !== spec.kind) {
        throw new InvalidTenantFiles([
          { file: entry.file, path: `tenants[${entry.index}].kind`, message: `${spec.slug} is already a ${existing.kind}; its kind cannot change` },
        ]);
      }
      const id = existing?.id ?? randomUUID();
      ids.set(spec.slug, { id, kind: spec.kind });
      await em.execute(`select set_config('app.tenant_id', ?, true)`, [id]);
      const tenantChanges = await upsertTenant(em, id, parentId, entry, clock);
      // The ORM knows no relation between the tables, so the tenant row must be written before its staff.
      await em.flush();
      for (const staff of spec.staff) tenantChanges.push(...(await upsertStaff(em, id, staff, clock)));
      for (const model of spec.productModels) tenantChanges.push(...(await upsertProductModel(em, id, model, clock)));
      for (const service of spec.paidServices) tenantChanges.push(...(await upsertPaidService(em, id, service, clock)));
      if (spec.calendar) tenantChanges.push(...(await upsertCalendar(em, id, spec.calendar)));
      for (const template of spec.messageTemplates) tenantChanges.push(...(await upsertMessageTemplate(em, id, template, clock)));
      if (tenantChanges.length > 0) {
        em.create(AuditEvent, { tenantId: id, actorKind: 'SYSTEM', action: 'PROVISIONED', detail: { changes: tenantChanges }, occurredAt: clock.now() });
      }
      // Flush while the transaction still acts for this tenant: RLS checks each row against it.
      await em.flush();
      changes.push(...tenantChanges.map((change) => `${spec.slug}: ${change}`));
    }
    await em.commit();
    return changes;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}

const rank = (entry: LoadedTenant) => (entry.spec.kind === TenantKind.HQ ? 0 : 1);

interface SlugRow {
  id: string;
  kind: string;
  status: string;
  parent_id: string | null;
}

async function tenantBySlug(em: EntityManager, slug: string): Promise<SlugRow | undefined> {
  const rows = await em.execute<SlugRow[]>('select id, kind, status, parent_id from auth_tenant_by_slug(?)', [slug]);
  return rows[0];
}

async function resolveParent(em: EntityManager, entry: LoadedTenant, applied: Map<string, { id: string; kind: string }>): Promise<string> {
  const slug = entry.spec.parent!;
  const parent = applied.get(slug) ?? (await tenantBySlug(em, slug));
  if (!parent || parent.kind !== TenantKind.HQ) {
    throw new InvalidTenantFiles([
      { file: entry.file, path: `tenants[${entry.index}].parent`, message: `no HQ with slug ${slug} in the files or the database` },
    ]);
  }
  return parent.id;
}

async function upsertTenant(em: EntityManager, id: string, parentId: string | null, entry: LoadedTenant, clock: Clock): Promise<string[]> {
  const { spec } = entry;
  const wanted = {
    name: spec.name,
    status: spec.status as TenantStatus,
    timeZone: spec.timeZone,
    locale: spec.locale as Locale,
    contactPhone: spec.phone ?? null,
    contactAddress: spec.address ?? null,
  };
  const tenant = await em.findOne(Tenant, { id });
  if (!tenant) {
    em.create(Tenant, { id, parentId, slug: spec.slug, kind: spec.kind, ...wanted, createdAt: clock.now(), updatedAt: clock.now() });
    return ['tenant created'];
  }
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => tenant[key] !== wanted[key]);
  if (changed.length === 0) return [];
  Object.assign(tenant, wanted);
  return [`tenant updated (${changed.join(', ')})`];
}

async function upsertStaff(em: EntityManager, tenantId: string, spec: StaffSpec, clock: Clock): Promise<string[]> {
  const user = await em.findOne(StaffUser, { tenantId, email: spec.email });
  const status = spec.status as StaffStatus;
  if (!user) {
    const passwordHash = spec.passwordHash ?? (spec.password ? await hashPassword(spec.password) : null);
    em.create(StaffUser, { tenantId, email: spec.email, name: spec.name, role: spec.role, status, passwordHash, createdAt: clock.now() });
    return [`staff ${spec.email} created`];
  }
  const changed: string[] = [];
  if (user.name !== spec.name) changed.push('name');
  if (user.role !== spec.role) changed.push('role');
  if (user.status !== status) changed.push('status');
  Object.assign(user, { name: spec.name, role: spec.role, status });
  // A plain password in the file is re-hashed only when it no longer matches, so re-applying changes nothing.
  if (spec.password && !(user.passwordHash && (await verifyPassword(user.passwordHash, spec.password)))) {
    user.passwordHash = await hashPassword(spec.password);
    changed.push('password');
  } else if (spec.passwordHash && user.passwordHash !== spec.passwordHash) {
    user.passwordHash = spec.passwordHash;
    changed.push('password');
  }
  return changed.length ? [`staff ${spec.email} updated (${changed.join(', ')})`] : [];
}

/** Models are matched by code; a file that no longer lists a model leaves it (devices refer to it). */
async function upsertProductModel(em: EntityManager, tenantId: string, spec: ProductModelSpec, clock: Clock): Promise<string[]> {
  const model = await em.findOne(ProductModel, { tenantId, modelCode: spec.modelCode });
  const wanted = { ...spec, mainPartCategories: spec.mainPartCategories.map((c) => c.toUpperCase()) };
  if (!model) {
    em.create(ProductModel, { tenantId, ...wanted, createdAt: clock.now(), updatedAt: clock.now() });
    return [`product model ${spec.modelCode} created`];
  }
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => JSON.stringify(model[key]) !== JSON.stringify(wanted[key]));
  if (changed.length === 0) return [];
  Object.assign(model, wanted);
  return [`product model ${spec.modelCode} updated (${changed.join(', ')})`];
}

/**
 * Paid services are matched by code; a file that no longer lists one leaves it
 * (price lists and orders refer to it: set `active: false` to withdraw it).
 * A narrower range leaves the stores' prices alone: one now outside it reads
 * OUT_OF_RANGE until the store sets a price inside.
 */
async function upsertPaidService(em: EntityManager, tenantId: string, spec: PaidServiceSpec, clock: Clock): Promise<string[]> {
  const service = await em.findOne(PaidService, { tenantId, code: spec.code });
  const wanted = {
    ...pairOfName(spec.name),
    description: spec.description,
    includes: spec.includes,
    currency: spec.currency as Currency,
    minPriceMinor: spec.minPriceMinor,
    maxPriceMinor: spec.maxPriceMinor,
    requiresDevice: spec.requiresDevice,
    extendsWarranty: spec.warrantyExtensionMonths != null,
    warrantyExtensionMonths: spec.warrantyExtensionMonths ?? null,
    active: spec.active,
  };
  if (!service) {
    em.create(PaidService, { tenantId, code: spec.code, ...wanted, createdAt: clock.now(), updatedAt: clock.now() });
    return [`paid service ${spec.code} created`];
  }
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => JSON.stringify(service[key] ?? null) !== JSON.stringify(wanted[key]));
  if (changed.length === 0) return [];
  Object.assign(service, wanted, { updatedAt: clock.now() });
  return [`paid service ${spec.code} updated (${changed.join(', ')})`];
}

/** One calendar row per tenant; written only when it differs, so re-applying changes nothing. */
async function upsertCalendar(em: EntityManager, tenantId: string, spec: CalendarSpec): Promise<string[]> {
  const wanted = { national_code: spec.national, weekly: spec.weekly, closures: spec.closures, special_hours: spec.specialHours };
  const rows = await em.execute<(typeof wanted)[]>('select national_code, weekly, closures, special_hours from tenant_calendars where tenant_id = ?', [
    tenantId,
  ]);
  const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  if (rows[0] && (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => sameJson(rows[0][key], wanted[key]))) return [];
  await em.execute(
    `insert into tenant_calendars (tenant_id, national_code, weekly, closures, special_hours) values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
     on conflict (tenant_id) do update set national_code = excluded.national_code, weekly = excluded.weekly,
       closures = excluded.closures, special_hours = excluded.special_hours, updated_at = now()`,
    [tenantId, spec.national, JSON.stringify(spec.weekly), JSON.stringify(spec.closures), JSON.stringify(spec.specialHours)],
  );
  return [rows[0] ? 'calendar updated' : 'calendar created'];
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}
