import { GqlResponse, startTestApi, TestApi } from './support/test-api';

/**
 * Abuse at the edge is refused with a code of its own, and refusing it costs
 * the server so little that the next ordinary request is answered at once.
 */
let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await startTestApi();
  token = await api.login('store-a', 'manager@store-a.test');
}, 60000);

afterAll(async () => {
  await api.stop();
});

/** Generous for a busy two-core CI machine, yet far below what a stalled event loop would take. */
const PROMPT_MS = 1500;

async function expectStillServing(): Promise<void> {
  const started = Date.now();
  const result = await api.gql('{ viewer { role } }', undefined, token);
  const elapsed = Date.now() - started;
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data).toEqual({ viewer: { role: 'STORE_MANAGER' } });
  expect(elapsed).toBeLessThan(PROMPT_MS);
}

/** POST a raw body, for requests the harness's `gql` cannot express. */
async function post(body: string, headers: Record<string, string> = {}): Promise<GqlResponse> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

test('a normal query reports its cost and the caller’s throttle status', async () => {
  const result = await api.gql('{ viewer { role tenant { slug } } }', undefined, token);
  expect(result.status).toBe(200);
  expect(result.body.data.viewer.tenant.slug).toBe('store-a');
  const cost = result.body.extensions.cost;
  expect(cost.requestedQueryCost).toBe(2);
  expect(cost.maximumCost).toBe(api.config.MAX_QUERY_COST);
  expect(cost.throttleStatus).toEqual({
    maximumAvailable: api.config.RATE_LIMIT_KEY_CAPACITY,
    currentlyAvailable: expect.any(Number),
    restoreRate: api.config.RATE_LIMIT_KEY_REFILL_PER_SECOND,
  });
  expect(cost.throttleStatus.currentlyAvailable).toBeLessThan(api.config.RATE_LIMIT_KEY_CAPACITY);
});

test('a query 30 levels deep is refused with MAX_DEPTH_EXCEEDED', async () => {
  let selection = '__typename';
  for (let level = 0; level < 30; level++) selection = `... on Viewer { ${selection} }`;
  const result = await api.gql(`{ viewer { ${selection} } }`, undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors[0].extensions.code).toBe('MAX_DEPTH_EXCEEDED');
  await expectStillServing();
});

test('depth hidden in a chain of named fragments is counted too', async () => {
  const fragments = Array.from({ length: 30 }, (_, i) => (i === 29 ? `fragment F${i} on Viewer { role }` : `fragment F${i} on Viewer { ...F${i + 1} }`));
  const result = await api.gql(`{ viewer { ...F0 } } ${fragments.join(' ')}`, undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.errors[0].extensions.code).toBe('MAX_DEPTH_EXCEEDED');
  await expectStillServing();
});

test('500 aliases are refused with MAX_ALIASES_EXCEEDED', async () => {
  const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: role`).join(' ');
  const result = await api.gql(`{ viewer { ${aliases} } }`, undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors[0].extensions.code).toBe('MAX_ALIASES_EXCEEDED');
  await expectStillServing();
});

test('the alias limit is exact: at the limit passes, one more is refused', async () => {
  const limit = api.config.MAX_QUERY_ALIASES;
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: role`).join(' ');
  const atLimit = await api.gql(`{ viewer { ${aliases(limit)} } }`, undefined, token);
  expect(atLimit.status).toBe(200);
  expect(atLimit.body.data.viewer[`a${limit - 1}`]).toBe('STORE_MANAGER');
  const over = await api.gql(`{ viewer { ${aliases(limit + 1)} } }`, undefined, token);
  expect(over.body.errors[0].extensions.code).toBe('MAX_ALIASES_EXCEEDED');
});

test('a query costing far more than the maximum is refused with MAX_COST_EXCEEDED and its cost', async () => {
  // 6 x (2 + 100 x 2) = 1212 points, with only 6 aliases.
  const page = (alias: string) => `${alias}: customers(first: 100) { edges { node { id name } } }`;
  const query = `{ ${['a', 'b', 'c', 'd', 'e', 'f'].map(page).join(' ')} }`;
  const result = await api.gql(query, undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
  expect(result.body.extensions.cost).toEqual({ requestedQueryCost: 1212, maximumCost: api.config.MAX_QUERY_COST });
  await expectStillServing();
});

test('a refused query is not charged to the caller’s bucket', async () => {
  const before = (await api.gql('{ viewer { role } }', undefined, token)).body.extensions.cost.throttleStatus.currentlyAvailable;
  const page = (alias: string) => `${alias}: customers(first: 100) { edges { node { id } } }`;
  await api.gql(`{ ${['a', 'b', 'c', 'd', 'e', 'f'].map(page).join(' ')} }`, undefined, token);
  const after = (await api.gql('{ viewer { role } }', undefined, token)).body.extensions.cost.throttleStatus.currentlyAvailable;
  // Only the two 1-point probes were paid for (the bucket refills meanwhile, so allow for that).
  expect(after).toBeGreaterThanOrEqual(before - 1);
});

test('a 5 MB body is refused with HTTP 413 PAYLOAD_TOO_LARGE', async () => {
  const padding = 'x'.repeat(5 * 1024 * 1024);
  const result = await post(JSON.stringify({ query: `{ viewer { role } } # ${padding}` }));
  expect(result.status).toBe(413);
  expect(result.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  await expectStillServing();
});

test('a batch of 1,000 operations is refused with HTTP 400 BATCHING_NOT_SUPPORTED', async () => {
  const batch = Array.from({ length: 1000 }, (_, i) => ({ query: `query Q${i} { viewer { role } }` }));
  const result = await post(JSON.stringify(batch));
  expect(result.status).toBe(400);
  expect(result.body.errors[0].extensions.code).toBe('BATCHING_NOT_SUPPORTED');
  await expectStillServing();
});

test('5,000 tokens are refused with MAX_TOKENS_EXCEEDED', async () => {
  const fields = Array.from({ length: 5000 }, () => '__typename').join(' ');
  const result = await api.gql(`{ ${fields} }`, undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors[0].extensions.code).toBe('MAX_TOKENS_EXCEEDED');
  await expectStillServing();
});

test('a plain syntax error is a 400 GRAPHQL_PARSE_FAILED, not a server error', async () => {
  const result = await api.gql('{ viewer { role }', undefined, token);
  expect(result.status).toBe(400);
  expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  await expectStillServing();
});

test('a NUL character in an input is refused as BAD_USER_INPUT, nothing is stored, and the request goes on', async () => {
  const result = await api.gql(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }`,
    { input: { name: 'Nul\u0000Name', phone: '13900001111' } },
    token,
  );
  expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(result.body.errors[0].extensions.field).toEqual(['input', 'name']);
  const found = await api.gql('{ customers(first: 5, phone: "13900001111") { edges { node { id } } } }', undefined, token);
  expect(found.body.data.customers.edges).toEqual([]);
  await expectStillServing();
});

test('500 __typename aliases are refused too', async () => {
  const aliases = Array.from({ length: 500 }, (_, i) => `t${i}: __typename`).join(' ');
  const result = await api.gql(`{ ${aliases} }`, undefined, token);
  expect(result.body.errors[0].extensions.code).toBe('MAX_ALIASES_EXCEEDED');
  await expectStillServing();
});
