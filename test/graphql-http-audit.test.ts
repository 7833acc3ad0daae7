import { AuditResult, serverAudits } from 'graphql-http';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The GraphQL over HTTP conformance audits of the `graphql-http` reference
 * implementation, run against a real server. Every MUST holds; a SHOULD or MAY
 * that is not met is a warning or a notice, which is acceptable (Apollo answers
 * a request that fails to parse or validate with 400 under `application/json`
 * too, where the spec recommends 200).
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60000);

afterAll(async () => {
  await api.stop();
});

/** Sequentially, to keep the load on a small CI machine low. */
async function audit(fetchFn: typeof fetch): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url: api.url, fetchFn })) results.push(await fn());
  return results;
}

function describeFailures(results: AuditResult[], status: AuditResult['status']): string[] {
  return results.filter((result) => result.status === status).map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
}

test('a client with no special headers: every MUST of the spec holds', async () => {
  const results = await audit(fetch);
  expect(results.length).toBeGreaterThan(30);
  expect(describeFailures(results, 'error')).toEqual([]);
  // Under the spec's own media type even the recommendations hold (e.g. 400 for a document that fails to parse).
  const modern = results.filter((result) => result.name.includes('application/graphql-response+json'));
  expect(describeFailures(modern, 'warn')).toEqual([]);
});

test('CSRF prevention stays on: a simple GET without a preflight header is refused', async () => {
  // Exactly what a cross-site <img src> or link would send: no content type, no custom header.
  const response = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`);
  expect(response.status).toBe(400);
  const body = (await response.json()) as { errors: { message: string }[] };
  expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
});

test('a client that sends the CSRF preflight header: every MUST holds and GET queries are served', async () => {
  // A browser cannot add a custom header to a cross-site request without a CORS
  // preflight, so Apollo's CSRF prevention serves any request that carries
  // `apollo-require-preflight`; non-browser clients (like this audit) are meant
  // to send it. The server keeps refusing simple requests (see the test above).
  const withPreflight: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('apollo-require-preflight', 'true');
    return fetch(input, { ...init, headers });
  };
  const results = await audit(withPreflight);
  expect(describeFailures(results, 'error')).toEqual([]);
  // With the header, GET requests (query in the URL, variables as URL-encoded JSON) are served too.
  const getAudits = results.filter((result) => /\bGET\b/.test(result.name));
  expect(getAudits.length).toBeGreaterThan(0);
  expect(describeFailures(getAudits, 'notice')).toEqual([]);
  expect(describeFailures(getAudits, 'warn')).toEqual([]);
});
