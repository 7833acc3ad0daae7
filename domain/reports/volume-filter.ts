import { BacklogAge, TicketFactKind, TicketFigure } from '../../core/sla-enums';
import type { FigureFilter } from './figure-filter';
import type { DayRange } from './figure-period';

/** What a ticket-volume figure and its drill-down count: the service figures' filter, and the product models. */
export interface VolumeFilter extends FigureFilter {
  /** HQ catalogue model ids: only tickets whose device is of one of these models. */
  modelIds?: readonly string[] | null;
}

/**
 * The condition on `ticket_volume_facts v` for the stores and ticket kinds
 * asked for (not the days: a period's rows and the backlog read days
 * differently). Equalities only, so the indexes serve under row level security.
 */
export function volumeConditions(filter: VolumeFilter, storeIds: string[]): { sql: string; params: unknown[] } {
  // An HQ without stores reads nothing (and `in ()` is no SQL).
  const parts = [storeIds.length ? 'v.tenant_id in (?)' : 'false'];
  const params: unknown[] = storeIds.length ? [storeIds] : [];
  const narrow = (column: string, values: readonly string[] | null | undefined) => {
    if (!values?.length) return;
    parts.push(`v.${column} in (?)`);
    params.push([...values]);
  };
  narrow('ticket_type', filter.ticketTypes);
  narrow('channel', filter.channels);
  narrow('priority', filter.priorities);
  narrow('model_id', filter.modelIds);
  return { sql: parts.join(' and '), params };
}

/**
 * The instant a backlog is taken at, per store: the end of the period's last
 * day in the store's time zone, or now when that is still to come (a period
 * that has not ended counts the backlog as it stands). Takes the last day and
 * `now`; `s` is the store's tenant row.
 */
export const BACKLOG_INSTANT = `least(((?::date + 1)::timestamp at time zone s.time_zone), ?::timestamptz)`;

/** A ticket in the backlog at `at` (an SQL expression): registered before it, and open then. */
export const inBacklogAt = (at: string) =>
  `v.kind = 'REGISTERED' and v.occurred_at < ${at} and (v.settled_at is null or v.settled_at > ${at}) and v.open_spans @> ${at}`;

/** The age bucket of a backlog ticket at `at`, in calendar days since its registration. */
export const ageAt = (at: string) => `case when ${at} - v.occurred_at < interval '1 day' then '${BacklogAge.UNDER_1_DAY}'
            when ${at} - v.occurred_at < interval '3 days' then '${BacklogAge.DAYS_1_TO_3}'
            when ${at} - v.occurred_at < interval '7 days' then '${BacklogAge.DAYS_3_TO_7}'
            else '${BacklogAge.DAYS_7_OR_MORE}' end`;

/** A part order's expected day is over where its store is, and it has not come: takes `now`. */
export const PART_LATE_NOW = `v.part_status = 'ORDERED' and v.expected_on < (?::timestamptz at time zone s.time_zone)::date`;
export const PART_ARRIVED_LATE = `v.arrived_on > v.expected_on`;

/** The rows of a figure counted over the period's days, with the condition that picks them within their kind (and how many `now`s it takes). */
export function periodFigure(figure: TicketFigure): { kind: TicketFactKind; only: string | null; nows: number } | null {
  switch (figure) {
    case TicketFigure.REGISTERED:
      return { kind: TicketFactKind.REGISTERED, only: null, nows: 0 };
    case TicketFigure.BACKLOG:
      return null;
    case TicketFigure.ESCALATED:
      return { kind: TicketFactKind.ESCALATED, only: null, nows: 0 };
    case TicketFigure.PARTS_ORDERED:
      return { kind: TicketFactKind.PART_ORDERED, only: null, nows: 0 };
    case TicketFigure.PARTS_LATE:
      return { kind: TicketFactKind.PART_ORDERED, only: PART_LATE_NOW, nows: 1 };
    case TicketFigure.PARTS_ARRIVED_LATE:
      return { kind: TicketFactKind.PART_ORDERED, only: PART_ARRIVED_LATE, nows: 0 };
    case TicketFigure.PARTS_SLIPPED:
      return { kind: TicketFactKind.PART_ORDERED, only: 'v.slips > 0', nows: 0 };
    case TicketFigure.SLIPS:
      return { kind: TicketFactKind.PART_SLIPPED, only: null, nows: 0 };
    case TicketFigure.SLIPS_TOLD:
      return { kind: TicketFactKind.PART_SLIPPED, only: 'v.told_at is not null', nows: 0 };
    case TicketFigure.SLIPS_NOT_TOLD:
      return { kind: TicketFactKind.PART_SLIPPED, only: 'v.told_at is null', nows: 0 };
  }
}

export const periodDays = (range: DayRange) => ({ sql: 'v.local_date between ? and ?', params: [range.from, range.to] });
