/**
 * The baseline of the figures bench: a month's first response counted by one
 * plain SQL statement over the tickets and their timelines, without the
 * figure facts. A ticket under a standard and not cancelled runs its
 * first-contact clock from its registration to the first time a person
 * reached its customer (a contact, a message, a complaint's result); it counts
 * on the day it was registered in its store's time zone. $1 the stores, $2 and
 * $3 the month's first and last day, $4 now. (The compliance figures need the
 * stores' working calendars and the standard's targets, which plain SQL does
 * not have: the scan counts the calendar-time figures the api must match.)
 */
export const FIRST_RESPONSE_SCAN = `
  select count(*)::int as measured,
         count(c.at)::int as responded,
         avg(extract(epoch from c.at - t.created_at) / 60) as average_minutes,
         percentile_cont(0.5) within group (order by extract(epoch from c.at - t.created_at) / 60) as median_minutes,
         count(*) filter (where c.at - t.created_at <= interval '24 hours')::int as within_24h,
         count(*) filter (where c.at is not null or t.created_at + interval '24 hours' <= $4::timestamptz)::int as decided_24h
    from tenants s
    join tickets t on t.tenant_id = s.id
    left join lateral (
      select min(e.occurred_at) as at from ticket_events e
       where e.tenant_id = t.tenant_id and e.ticket_id = t.id and e.kind in ('CUSTOMER_CONTACT', 'MESSAGE_TO_CUSTOMER', 'COMPLAINT_RESULT_REPORTED')
    ) c on true
   where s.id = any($1::uuid[]) and t.sla_standard is not null and t.status <> 'CANCELLED'
     and (t.created_at at time zone s.time_zone)::date between $2::date and $3::date`;

export interface FirstResponseScan {
  measured: number;
  responded: number;
  average_minutes: string | null;
  median_minutes: string | null;
  within_24h: number;
  decided_24h: number;
}

interface ApiFirstResponse {
  measured: number;
  responded: number;
  averageMinutes: number | null;
  medianMinutes: number | null;
  within24Hours: number;
  within24HoursPercent: number | null;
}

/** Whether the api's first response is the scan's, at the api's precision (two decimals); what differs when not. */
export function sameFirstResponse(api: ApiFirstResponse, scan: FirstResponseScan): { same: boolean; detail: string } {
  const rounded = (value: string | number | null) => (value === null ? null : Math.round(Number(value) * 100) / 100);
  const expected = {
    measured: scan.measured,
    responded: scan.responded,
    averageMinutes: rounded(scan.average_minutes),
    medianMinutes: rounded(scan.median_minutes),
    within24Hours: scan.within_24h,
    within24HoursPercent: scan.decided_24h === 0 ? null : Math.round((scan.within_24h / scan.decided_24h) * 10000) / 100,
  };
  // A read that did not ask for a figure (the median, in a read of the counts) is compared on the others.
  const differing = (Object.keys(expected) as (keyof typeof expected)[])
    .filter((key) => key in api)
    .filter((key) => {
      const [a, b] = [api[key], expected[key]];
      return a === null || b === null ? a !== b : Math.abs(a - b) > 0.011;
    });
  return { same: differing.length === 0, detail: differing.map((key) => `${key} ${api[key]} / ${expected[key]}`).join(', ') };
}
