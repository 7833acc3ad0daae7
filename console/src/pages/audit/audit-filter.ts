import { zonedToIso } from '../desk/zoned-time';

/** What the page's filter form holds: text as typed, days as YYYY-MM-DD in the viewer's tenant's time zone. */
export interface AuditFilterForm {
  actor?: string;
  objectId?: string;
  operation?: string;
  fromDay?: string;
  toDay?: string;
  tenantIds?: string[];
}

/** The filter of `auditEntries` and of the export route: what is empty is left out. */
export interface AuditFilter {
  actor?: string;
  objectId?: string;
  operation?: string;
  from?: string;
  to?: string;
  tenantIds?: string[];
}

/** The day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * The form as the API's filter: from the start of the first day to the end of
 * the last one (the API's `to` is exclusive: the start of the day after), both
 * in the tenant's own time zone, so "3 December" means the store's 3 December.
 */
export function filterOf(form: AuditFilterForm, timeZone: string): AuditFilter {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const filter: AuditFilter = {
    actor: text(form.actor),
    objectId: text(form.objectId),
    operation: text(form.operation),
    from: form.fromDay ? (zonedToIso(`${form.fromDay} 00:00`, timeZone) ?? undefined) : undefined,
    to: form.toDay ? (zonedToIso(`${nextDay(form.toDay)} 00:00`, timeZone) ?? undefined) : undefined,
    tenantIds: form.tenantIds?.length ? form.tenantIds : undefined,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as AuditFilter;
}

/** The same filter as the export route's query parameters (`tenantIds` comma-separated). */
export function exportQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}
