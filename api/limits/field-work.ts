import { PERCENTILE_FIELDS } from '../../schema/graphql/figures.types';

/**
 * What a field makes the server read or compute beyond the items it returns,
 * in cost points, so that the rate limits bound what one caller can cost the
 * others. A page of 20 customers reads 20 rows and costs about that; a text
 * search over a store's tickets reads candidate rows until it has 20, and a
 * ticket's clocks walk the working calendar: those are priced here, by
 * what they must do, on top of the size-based price every field has.
 *
 * Keyed by `Type.field`. `points` are added once per occurrence of the field
 * (and so multiplied, like everything else, by the page sizes above it).
 */
export interface FieldWork {
  /** Charged whenever the field is asked for. */
  points?: number;
  /** Charged when any of these arguments is given (a filter that cannot use a selective index). */
  whenArguments?: { names: readonly string[]; points: number };
  /** Charged per item the field returns, counted by its `first` argument. */
  perItem?: number;
  /** Charged per store of the caller's network and per unit of the `per` argument: work that grows with the network. */
  perNetworkStore?: { per: string; points: number };
  /**
   * Charged per store and per day of the period in the `filter` argument (its `stores`, or every store of the
   * caller's network; a store counts itself), more when a series is asked for: figures counted from each store's
   * stored facts of each day.
   */
  perStoreDay?: { points: number; seriesFactor: number; percentiles?: PercentilesWork };
  /** Why, for the reader of a price. */
  why: string;
}

/**
 * Figures that only a sort of every value counted gives (medians, 90th
 * percentiles): asked for anywhere in the field's selection, they multiply its
 * price per store-day by `factor`.
 */
export interface PercentilesWork {
  fields: readonly string[];
  factor: number;
}

/**
 * A store-day of facts is a few dozen index entries: a month of a 1,000-store network costs about 45 points on
 * top of the field's own, a year of it about 550 (within the largest query allowed, 1,000 by default, even with
 * its series).
 */
const FACTS_PER_STORE_DAY = { points: 0.0015, seriesFactor: 1.5 };

/**
 * The service figures' medians and 90th percentiles sort every stopped run of
 * the period, metric by metric: at 1,000 stores a month with them took four
 * times as long as its counts alone (410 against 101 ms, docs/performance.md
 * P8). Whole months are cheaper now (through their buckets, about 2.7 times
 * the counts), but a range that cuts a month, a series or a store comparison
 * still sorts every run, and the price does not tell them apart: it stays
 * the dearer one. A network month with them is 190 points; a network year with them and
 * its series is past the largest query allowed, as it is past the request's
 * deadline at that size.
 */
const SERVICE_FIGURES_PER_STORE_DAY = {
  ...FACTS_PER_STORE_DAY,
  percentiles: { fields: [...new Set(Object.values(PERCENTILE_FIELDS).flat())], factor: 4 },
};

export const FIELD_WORK: Readonly<Record<string, FieldWork>> = {
  'Query.ticketsAtRisk': {
    perItem: 5,
    why: "each ticket returned has every clock of its standard computed exactly (walking the store's working calendar)",
  },
  'Query.tickets': {
    whenArguments: { names: ['text'], points: 50 },
    why: "words in the problem, cause or notes are matched against the store's tickets until a page is found",
  },
  'Query.customers': {
    whenArguments: { names: ['nameContains'], points: 20 },
    why: "a name fragment is matched against the store's customers until a page is found",
  },
  'Ticket.slaClocks': { points: 3, why: "the ticket's clocks are computed on the working calendar" },
  'CustomerTicketStatus.promises': { points: 3, why: 'the promises are computed from the clocks on the working calendar' },
  'Query.serviceFigures': {
    points: 10,
    perStoreDay: SERVICE_FIGURES_PER_STORE_DAY,
    why: "the stored facts of every store in scope are counted over the period's days, and again by interval for a series; the medians sort every stopped run counted",
  },
  'Query.careFigures': {
    points: 10,
    perStoreDay: FACTS_PER_STORE_DAY,
    why: "the stored care facts (tickets, resolutions, callbacks) of every store in scope are counted over the period's days, and again by interval for a series",
  },
  'Query.ticketFigures': {
    points: 10,
    perStoreDay: FACTS_PER_STORE_DAY,
    why: "the stored volume facts of every store in scope are counted over the period's days, the backlog at its end, and again by interval for a series",
  },
  'Query.ticketFigureTickets': {
    points: 5,
    why: 'a backlog list walks the tickets of every store in scope that were open at the end of the period, not one range of days',
  },
  'Query.workOrderFigures': {
    points: 5,
    why: "the partner's work orders received, done or open in the period are counted, and again by interval for a series",
  },
  'Query.storeRanking': {
    points: 20,
    why: "every store's facts of the month and of the month before are counted, for the scores and the targets missed twice",
  },
  'Query.targetFlags': { points: 20, why: "every store's facts of the month and of the month before are counted" },
  'Query.myRanking': { points: 10, why: "every store's facts of the month are counted, for the store's rank and the network's medians" },
  'Query.networkFigures': {
    perNetworkStore: { per: 'weeks', points: 0.1 },
    why: "every store's tickets and outcomes of each week are counted: a tenth of a point per store-week",
  },
};

/** Facts about the caller that some fields' work depends on, looked up only when the operation asks for such a field. */
export interface CallerScale {
  /** Stores in the caller's network (HQ); 0 for anyone else. */
  networkStores: number;
}
