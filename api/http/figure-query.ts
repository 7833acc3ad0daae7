import { TicketChannel, TicketPriority, TicketType } from '../../core/desk-enums';
import { fromGlobalId, NodeType } from '../../core/global-id';
import { FigureInterval } from '../../core/sla-enums';
import { notFound } from '../../domain/errors';
import type { FigureFilter } from '../../domain/reports/figure-filter';
import type { PeriodSpec } from '../../domain/reports/figure-period';
import type { VolumeFilter } from '../../domain/reports/volume-filter';
import { BadParameter, listParameter } from './export-stream';
import type { Query } from './export-route';

/**
 * The filter of the figures' queries read from an export's query string:
 * `day`, `week`, `month` or `from` and `to`; `stores` (Tenant global ids),
 * `ticketTypes`, `channels`, `priorities` comma-separated. A malformed store
 * id is NOT_FOUND like another network's.
 */
export function figureFilterOf(query: Query): FigureFilter {
  return {
    storeIds: globalIdsOf(query.stores, 'Tenant', 'Store'),
    period: periodOf(query),
    ticketTypes: listOf(query.ticketTypes, TicketType, 'ticketTypes'),
    channels: listOf(query.channels, TicketChannel, 'channels'),
    priorities: listOf(query.priorities, TicketPriority, 'priorities'),
  };
}

/** The period: `day`, `week`, `month` or `from` and `to`, checked by the figures as the queries' are. */
export function periodOf(query: Query): PeriodSpec {
  return { day: query.day || null, week: query.week || null, month: query.month || null, from: query.from || null, to: query.to || null };
}

/** The service figures' filter and the product models (`productModels`, ProductModel global ids; a malformed one is NOT_FOUND). */
export function volumeFilterOf(query: Query): VolumeFilter {
  return { ...figureFilterOf(query), modelIds: globalIdsOf(query.productModels, 'ProductModel', 'ProductModel') };
}

/** A figures export's parameters: its filter, and how the series is cut (`groupBy`, none: no series). */
export interface Grouped<F> {
  filter: F;
  groupBy: FigureInterval | null;
}

export function groupedBy<F>(filterOf: (query: Query) => F): (query: Query) => Grouped<F> {
  return (query) => ({ filter: filterOf(query), groupBy: oneOf(query.groupBy, FigureInterval, 'groupBy') });
}

export function oneOf<E extends string>(value: string | undefined, values: Record<string, E>, name: string): E | null {
  if (!value) return null;
  if (!Object.values<string>(values).includes(value)) throw new BadParameter(`\`${name}\` must be one of ${Object.values(values).join(', ')}`);
  return value as E;
}

/** The figure a drill-down lists: without one there is nothing to list. */
export function requiredOneOf<E extends string>(value: string | undefined, values: Record<string, E>, name: string): E {
  const chosen = oneOf(value, values, name);
  if (!chosen) throw new BadParameter(`\`${name}\` is required`);
  return chosen;
}

/** An optional whole number (a score, a ladder level); `refusal` says what it must be. */
export function wholeNumberOf(value: string | undefined, refusal: string): number | null {
  const number = value ? Number(value) : null;
  if (number !== null && !Number.isInteger(number)) throw new BadParameter(refusal);
  return number;
}

/**
 * Each interval of a series with its last day within the period: the day
 * before the next interval starts, and the period's last day for the final one.
 */
export function withEnds<B extends { start: string }>(series: readonly B[], to: string): (B & { end: string })[] {
  return series.map((bucket, index) => {
    const next = series[index + 1]?.start;
    return { ...bucket, end: next ? dayBefore(next) : to };
  });
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function listOf<E extends string>(value: string | undefined, values: Record<string, E>, name: string): E[] | null {
  return listParameter(value)?.map((item) => oneOf(item, values, name)!) ?? null;
}

function globalIdsOf(value: string | undefined, type: NodeType, what: string): string[] | null {
  return (
    listParameter(value)?.map((id) => {
      const decoded = fromGlobalId(id, type);
      if (!decoded) throw notFound(what);
      return decoded.id;
    }) ?? null
  );
}
