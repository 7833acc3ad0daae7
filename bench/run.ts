import 'reflect-metadata';
import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Role, TenantKind } from '../core/enums';
import { startTestApi } from '../test/support/test-api';
import { benchActions } from './actions';
import { benchCalendar } from './calendar';
import { benchConsole } from './console';
import { benchRegistration } from './registration';
import { benchRls } from './rls/rls-bench';
import { benchEdge } from './edge';
import { benchFigures } from './figures';
import { benchScale } from './scale';
import { benchSteady } from './steady';
import { formatResult, runLoad } from './load';
import { benchNested } from './nested';

/**
 * `npm run bench`: working-calendar due dates, then the cost of the GraphQL edge on this machine. The baseline
 * is GET /healthz on the same server in the same run (Fastify alone); the
 * GraphQL figures add authentication, a tenant transaction with RLS, the
 * guard, cost and rate limit, and the resolvers. Last, the scheduled-action
 * engine beside plain BullMQ (bench/actions.ts), and the console's budgets in
 * a browser (bench/console.ts). BENCH_ONLY picks one bench alone: calendar,
 * actions, console, edge (P1: the edge beside bare Apollo and graphql-js),
 * nested (P2: a nested read beside one SQL query), registration (P3: beside
 * raw pg transactions), rls (P4: an indexed read with and without row level
 * security), scale (P7: a generated network of a thousand stores) or figures (P8: HQ's service figures
 * over that network beside a plain SQL scan) or steady (P9: 25 minutes of mixed traffic on the api and the
 * worker as deployed). A budget the console misses
 * makes the run exit non-zero, after every figure is printed.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'actions') return benchActions((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'console') return runConsoleBench();
  if (process.env.BENCH_ONLY === 'registration') return benchRegistration((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'rls') return benchRls((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'edge') return benchEdge((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'nested') return benchNested((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'scale') return benchScale((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'figures') return benchFigures((line) => process.stdout.write(`${line}\n`));
  if (process.env.BENCH_ONLY === 'steady') return benchSteady((line) => process.stdout.write(`${line}\n`));
  for (const line of benchCalendar()) process.stdout.write(`${line}\n`);
  if (process.env.BENCH_ONLY === 'calendar') return;
  const api = await startTestApi({
    env: {
      RATE_LIMIT_KEY_CAPACITY: '100000000',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '100000000',
      RATE_LIMIT_TENANT_CAPACITY: '100000000',
      RATE_LIMIT_TENANT_REFILL_PER_SECOND: '100000000',
    },
  });
  try {
    const tenantId = (await api.orm.em.fork().execute<{ id: string }[]>(`select id from auth_tenant_by_slug('store-a')`))[0].id;
    const key = await inTenantTransaction(api.orm, tenantId, (em) =>
      createApiKey(
        { tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock },
        { name: 'bench', role: Role.STORE_MANAGER },
      ),
    );
    const health = api.url.replace('/graphql', '/healthz');
    const graphql = (query: string) => () =>
      fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key.plaintext}` },
        body: JSON.stringify({ query }),
      });
    const ok = (response: Response, body: string) => response.ok && !body.includes('"errors"');
    for (let i = 0; i < 20; i += 1)
      await api.gql(
        'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { userErrors { code } } }',
        { i: { name: `Bench ${i}`, phone: `1390000${String(i).padStart(4, '0')}` } },
        key.plaintext,
      );

    process.stdout.write(`${REQUESTS} requests, ${CONCURRENCY} concurrent clients, loopback\n`);
    await runLoad(
      300,
      CONCURRENCY,
      () => fetch(health),
      (r) => r.ok,
    ); // warm-up
    process.stdout.write(
      `${formatResult(
        'baseline: GET /healthz',
        await runLoad(
          REQUESTS,
          CONCURRENCY,
          () => fetch(health),
          (r) => r.ok,
        ),
      )}\n`,
    );
    process.stdout.write(`${formatResult('graphql: { viewer { role } }', await runLoad(REQUESTS, CONCURRENCY, graphql('{ viewer { role } }'), ok))}\n`);
    process.stdout.write(
      `${formatResult('graphql: customers(first: 20)', await runLoad(REQUESTS, CONCURRENCY, graphql('{ customers(first: 20) { edges { node { id name phone tier } } } }'), ok))}\n`,
    );
  } finally {
    await api.stop();
  }
  await benchActions((line) => process.stdout.write(`${line}\n`));
  await runConsoleBench();
}

async function runConsoleBench(): Promise<void> {
  if (!(await benchConsole((line) => process.stdout.write(`${line}\n`)))) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
