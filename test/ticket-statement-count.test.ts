import { Client } from 'pg';
import { seedNestedTickets } from './support/nested-seed';
import { countStatements, StatementCount } from './support/statement-counter';
import { startTestApi, TestApi } from './support/test-api';

/**
 * N+1 is a bug: reading 100 tickets with their customer, device, assignee,
 * parts orders (with their date changes) and 5 timeline entries must run the
 * same number of SQL statements as reading 1, and no more than 4 besides the
 * transaction's plumbing. Every statement the server sends is counted at the
 * driver.
 */
let api: TestApi;
let token: string;
const RELATIONS = `number customer { name phone } device { serialNumber } assignee { name }
  partsOrders { partNumber expectedOn late dateChanges { previousOn expectedOn } } hasLatePart`;
/** The list's latest entries, newest first. */
const NESTED = `query($n: Int!) { tickets(first: $n) { edges { node { ${RELATIONS} recentTimeline(limit: 5) { kind summary } } } } }`;
/** The first page of each timeline, oldest first. */
const NESTED_PAGED = `query($n: Int!) { tickets(first: $n) { edges { node { ${RELATIONS} timeline(first: 5) { edges { node { kind summary } } } } } } }`;
/** The same through a fragment: what is read with the page follows the selection however it is written. */
const NESTED_FRAGMENT = `query($n: Int!) { tickets(first: $n) { edges { node { ...Row } } } }
fragment Row on Ticket { ... on Ticket { ${RELATIONS} } recentTimeline(limit: 5) { kind summary } }`;

beforeAll(async () => {
  api = await startTestApi({ env: { MAX_QUERY_COST: '100000', RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  token = await api.login('store-a', 'agent@store-a.test');
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    await seedNestedTickets(admin, 'store-a', 100);
  } finally {
    await admin.end();
  }
}, 60000);

afterAll(async () => {
  await api.stop();
});

interface Read {
  statements: StatementCount;
  tickets: number;
  entries: number[];
  dateChanges: number;
  customers: number;
  devices: number;
  assignees: number;
  latePartFlags: number;
}

type Node = {
  customer: { name: string } | null;
  device: { serialNumber: string } | null;
  assignee: { name: string } | null;
  hasLatePart: boolean;
  partsOrders: { dateChanges: unknown[] }[];
  recentTimeline?: unknown[];
  timeline?: { edges: unknown[] };
};

async function statementsFor(query: string, n: number): Promise<Read> {
  const counter = countStatements();
  const result = await api.gql(query, { n }, token);
  const statements = counter.stop();
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  const nodes: Node[] = result.body.data.tickets.edges.map((edge: { node: Node }) => edge.node);
  return {
    statements,
    tickets: nodes.length,
    entries: [...new Set(nodes.map((node) => (node.recentTimeline ?? node.timeline?.edges ?? []).length))],
    dateChanges: nodes.flatMap((node) => node.partsOrders.flatMap((part) => part.dateChanges)).length,
    customers: nodes.filter((node) => node.customer?.name.startsWith('Customer ')).length,
    devices: nodes.filter((node) => node.device?.serialNumber.startsWith('SC-1390000')).length,
    assignees: nodes.filter((node) => node.assignee?.name).length,
    latePartFlags: nodes.filter((node) => node.hasLatePart === false).length,
  };
}

describe.each([
  ['the latest entries', NESTED],
  ['the first page of each timeline', NESTED_PAGED],
  ['a fragment', NESTED_FRAGMENT],
])('tickets with their relations and %s', (_name, query) => {
  test('100 tickets cost the same statements as 1, and at most 4 besides the transaction', async () => {
    await statementsFor(query, 1); // warm-up: first-use look-ups of the process are not the point here
    const one = await statementsFor(query, 1);
    const hundred = await statementsFor(query, 100);
    expect(one.tickets).toBe(1);
    expect(hundred.tickets).toBe(100);
    expect(hundred.entries).toEqual([5]);
    expect(hundred.dateChanges).toBe(200); // every part's one change, each under its own part
    // Every relation read with the page still reaches its own ticket.
    expect(hundred).toMatchObject({ customers: 100, devices: 100, assignees: 100, latePartFlags: 100 });
    expect(hundred.statements).toEqual(one.statements);
    // Besides BEGIN, set_config and COMMIT: the caller's check, the page of tickets with their customers, devices, assignees
    // and the store (its time zone, for lateness), the parts with their date changes, and the timeline entries.
    expect(hundred.statements).toMatchObject({ begin: 1, setConfig: 1, commit: 1 });
    expect(hundred.statements.work).toBeLessThanOrEqual(4);
  });
});
