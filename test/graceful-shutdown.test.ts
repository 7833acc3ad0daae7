import { Client } from 'pg';
import { startTestApi } from './support/test-api';

/**
 * Closing the server (what SIGTERM does) lets a request that is already
 * running finish and commit, refuses new connections, and only then resolves.
 */
test('an in-flight request completes and commits while the server shuts down', async () => {
  const api = await startTestApi();
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  let stopped = false;
  try {
    const token = await api.login('store-a', 'agent@store-a.test');
    const created = await api.gql(`mutation { createCustomer(input: { name: "Slow Update", phone: "13700000001" }) { customer { id } } }`, undefined, token);
    const id = created.body.data.createCustomer.customer.id;

    // Hold the row so the update below is still running when shutdown starts.
    await admin.query('begin');
    await admin.query(`select 1 from customers where phone = '13700000001' for update`);
    const inFlight = api.gql(
      `mutation($id: ID!) { updateCustomer(input: { id: $id, notes: "written during shutdown" }) { customer { notes } userErrors { code } } }`,
      { id },
      token,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closing = api.server.close().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stopped).toBe(false); // still draining
    await admin.query('commit');

    const result = await inFlight;
    expect(result.status).toBe(200);
    expect(result.body.data.updateCustomer.customer.notes).toBe('written during shutdown');
    await closing;
    expect(stopped).toBe(true);
    const { rows } = await admin.query(`select notes from customers where phone = '13700000001'`);
    expect(rows).toEqual([{ notes: 'written during shutdown' }]);
    await expect(fetch(api.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  } finally {
    await admin.end();
    await api.stop().catch(() => undefined);
  }
});
