import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { FIELD_WORK } from '../api/limits/field-work';
import { queryCost } from '../api/limits/query-cost';

/**
 * A query's price reflects the work it makes the server do, not only what it
 * returns: bounded lists are priced by their size, and the fields whose work
 * grows with the data (at-risk lists, text searches, clocks, the network's
 * figures) by what they must read. Checked on the published schema.
 */
const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
const price = (query: string, variables: Record<string, unknown> = {}, networkStores = 0) =>
  queryCost(schema, parse(query), undefined, variables, { networkStores }).cost;

test('every priced field exists in the schema, with the arguments its price reads', () => {
  for (const [coordinate, work] of Object.entries(FIELD_WORK)) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName) as { getFields?: () => Record<string, { args: { name: string }[] }> } | undefined;
    const field = type?.getFields?.()[fieldName];
    expect({ coordinate, exists: Boolean(field) }).toEqual({ coordinate, exists: true });
    const args = new Set(field!.args.map((arg) => arg.name));
    for (const name of [
      ...(work.whenArguments?.names ?? []),
      ...(work.perNetworkStore ? [work.perNetworkStore.per] : []),
      ...(work.perItem ? ['first'] : []),
      ...(work.perStoreDay ? ['filter'] : []),
    ]) {
      expect({ coordinate, argument: name, exists: args.has(name) }).toEqual({ coordinate, argument: name, exists: true });
    }
  }
});

test('the at-risk list is priced per ticket it may return, with the work of its clocks', () => {
  const one = price('{ ticketsAtRisk(first: 1) { number clocks { metric dueAt } } }');
  const hundred = price('{ ticketsAtRisk(first: 100) { number clocks { metric dueAt } } }');
  // Beyond the list's base of 2: each ticket's work (5) and its items (the ticket and its clocks, 1 each).
  expect(one).toBe(2 + 7);
  expect(hundred - one).toBe(99 * 7);
  expect(price('query($n: Int!) { ticketsAtRisk(first: $n) { number } }', { n: 50 })).toBe(price('{ ticketsAtRisk(first: 50) { number } }'));
});

test('a text search costs more than a page found by an index, and a page of clocks more than a page without', () => {
  const page = price('{ tickets(first: 20) { edges { node { number } } } }');
  expect(price('{ tickets(first: 20, text: "fan") { edges { node { number } } } }')).toBe(page + 50);
  expect(price('{ tickets(first: 20, text: "") { edges { node { number } } } }')).toBe(page);
  expect(price('{ tickets(first: 20, customerPhone: "138") { edges { node { number } } } }')).toBe(page);
  const withClocks = price('{ tickets(first: 20) { edges { node { number slaClocks { dueAt } } } } }');
  expect(withClocks).toBeGreaterThanOrEqual(page + 20 * 3);
});

test('a bounded list inside a page is priced by its bound, including the bound the schema defaults', () => {
  const five = price('{ tickets(first: 10) { edges { node { recentTimeline { kind } } } } }');
  const twenty = price('{ tickets(first: 10) { edges { node { recentTimeline(limit: 20) { kind } } } } }');
  // Each timeline entry is an item of 1 point: 15 more entries under each of the 10 tickets.
  expect(twenty - five).toBe(10 * 15);
  expect(five).toBe(price('{ tickets(first: 10) { edges { node { recentTimeline(limit: 5) { kind } } } } }'));
});

test("the network's figures are priced by the stores and weeks they count", () => {
  const query = '{ networkFigures(weeks: 8) { weekStart opened } }';
  const small = price(query, {}, 10);
  const large = price(query, {}, 1000);
  expect(large - small).toBe(0.1 * 8 * (1000 - 10));
  expect(large).toBeGreaterThanOrEqual(800);
  expect(price('{ networkFigures { weekStart } }', {}, 1000)).toBe(price('{ networkFigures(weeks: 8) { weekStart } }', {}, 1000));
  expect(queryCost(schema, parse(query), undefined, {}, { networkStores: 0 }).dependsOnNetworkSize).toBe(true);
  expect(queryCost(schema, parse('{ viewer { role } }'), undefined, {}).dependsOnNetworkSize).toBe(false);
});

test("a network's service figures are priced by the store-days of facts they count", () => {
  const month = '{ serviceFigures(filter: { period: { month: "2026-11" } }) { from } }';
  // The field's own 10 points, an object point, and 0.0015 a store-day: 30 days of 1,000 stores is 45 more.
  expect(price(month, {}, 1000)).toBe(Math.ceil(10 + 1 + 0.0015 * 30 * 1000));
  expect(price(month, {}, 1000)).toBe(56);
  // A store (no network) counts itself: 30 store-days.
  expect(price(month, {}, 0)).toBe(Math.ceil(11 + 0.0015 * 30));
  // A year of the network, with its series (half again), stays within the default maximum of 1,000.
  const year = '{ serviceFigures(filter: { period: { from: "2026-01-01", to: "2026-12-31" } }, groupBy: MONTH) { from } }';
  expect(price(year, {}, 1000)).toBe(Math.ceil(11 + 0.0015 * 365 * 1000 * 1.5));
  expect(price(year, {}, 1000)).toBeLessThanOrEqual(1000);
  // Two stores named: their days alone, whatever the network's size.
  const two = 'query($f: ServiceFigureFilter!) { serviceFigures(filter: $f) { from } }';
  const filter = { f: { stores: ['a', 'b'], period: { week: '2026-W45' } } };
  expect(price(two, filter, 1000)).toBe(Math.ceil(11 + 0.0015 * 7 * 2));
  expect(queryCost(schema, parse(two), undefined, filter, { networkStores: 0 }).dependsOnNetworkSize).toBe(false);
  expect(queryCost(schema, parse(month), undefined, {}, { networkStores: 0 }).dependsOnNetworkSize).toBe(true);
  // A period the resolver refuses is priced as one day.
  expect(price('{ serviceFigures(filter: { period: { month: "nope" } }) { from } }', {}, 1000)).toBe(Math.ceil(11 + 0.0015 * 1000));
});

test('the service figures are priced four times over per store-day when their medians or 90th percentiles are asked, wherever in the query', () => {
  const month = (selection: string, fragments = '') => `{ serviceFigures(filter: { period: { month: "2026-11" } }) { ${selection} } } ${fragments}`;
  const counts = price(month('metrics { met breached }'), {}, 1000);
  // The field's 10, its object and the metrics' object, and 0.0015 a store-day: 30 days of 1,000 stores.
  expect(counts).toBe(Math.ceil(12 + 0.0015 * 30 * 1000));
  const sorted = Math.ceil(12 + 0.0015 * 30 * 1000 * 4);
  expect(price(month('metrics { met medianWorkingMinutes }'), {}, 1000)).toBe(sorted);
  expect(price(month('metrics { p90WorkingMinutes }'), {}, 1000)).toBe(sorted);
  expect(price(month('firstResponse { medianMinutes }'), {}, 1000)).toBe(sorted);
  expect(price(month('firstResponse { ...Median }', 'fragment Median on FirstResponseFigures { medianWorkingMinutes }'), {}, 1000)).toBe(sorted);
  expect(price(month('stores { metrics { ... on MetricFigures { p90WorkingMinutes } } }'), {}, 1000)).toBe(sorted + 1); // the stores' object
  // A store's own month stays cheap: 30 store-days.
  expect(price(month('metrics { medianWorkingMinutes }'), {}, 0)).toBe(Math.ceil(12 + 0.0015 * 30 * 4));
  // The network's year with its series: its counts fit the largest query allowed, its medians do not.
  const year = (field: string) =>
    `{ serviceFigures(filter: { period: { from: "2026-01-01", to: "2026-12-31" } }, groupBy: MONTH) { series { metrics { ${field} } } } }`;
  expect(price(year('met'), {}, 1000)).toBeLessThanOrEqual(1000);
  expect(price(year('medianWorkingMinutes'), {}, 1000)).toBeGreaterThan(1000);
});

test('the customer-care figures are priced like the service figures, by the store-days of facts they count', () => {
  const month = '{ careFigures(filter: { period: { month: "2026-11" } }) { from } }';
  expect(price(month, {}, 1000)).toBe(Math.ceil(10 + 1 + 0.0015 * 30 * 1000));
  expect(price(month, {}, 0)).toBe(Math.ceil(11 + 0.0015 * 30));
  const year = '{ careFigures(filter: { period: { from: "2026-01-01", to: "2026-12-31" } }, groupBy: WEEK) { from } }';
  expect(price(year, {}, 1000)).toBe(Math.ceil(11 + 0.0015 * 365 * 1000 * 1.5));
  expect(queryCost(schema, parse(month), undefined, {}, { networkStores: 0 }).dependsOnNetworkSize).toBe(true);
  // The drill-down is a page: 2 plus its size times its items' fields.
  const drill = '{ careFigureTickets(filter: { period: { month: "2026-11" } }, figure: COMPLAINTS, first: 20) { edges { node { number } } } }';
  expect(price(drill, {}, 1000)).toBe(
    price('{ serviceFigureTickets(filter: { period: { month: "2026-11" } }, metric: RESOLUTION, first: 20) { edges { node { number } } } }', {}, 1000),
  );
});
