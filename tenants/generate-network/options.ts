/** What `generate-network` builds: how many stores and tickets, from which seed, as of which instant. */
export interface NetworkOptions {
  seed: number;
  stores: number;
  tickets: number;
  /** The generated year of tickets ends here; open tickets are the last days' ones. */
  asOf: Date;
}

export const DEFAULT_STORES = 1000;
export const DEFAULT_TICKETS = 2_000_000;

/**
 * The options of the command line, checked. Without `--as-of` the year ends at
 * the start of today (UTC), so two runs on the same day write the same rows.
 */
export function networkOptions(values: Record<string, string | undefined>, now: Date): NetworkOptions {
  const seed = wholeNumber('seed', values.seed, undefined);
  const stores = wholeNumber('stores', values.stores, DEFAULT_STORES);
  const tickets = wholeNumber('tickets', values.tickets, DEFAULT_TICKETS);
  if (stores < 1 || stores > 9999) throw new Error('--stores must be between 1 and 9999');
  if (tickets < stores) throw new Error('--tickets must be at least one per store');
  const asOf = values['as-of'] ? new Date(values['as-of']) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (Number.isNaN(asOf.getTime())) throw new Error('--as-of must be an ISO date-time');
  return { seed, stores, tickets, asOf };
}

function wholeNumber(name: string, text: string | undefined, fallback: number | undefined): number {
  if (text === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}
