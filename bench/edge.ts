import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Role, TenantKind } from '../core/enums';
import { startTestApi } from '../test/support/test-api';
import { autocannonRound, RoundResult } from './autocannon-round';
import { startBareApollo, startBareGraphqlJs } from './bare-graphql';

/**
 * P1, the edge: `{ viewer { role } }` through the whole api (authentication,
 * a tenant transaction under RLS, guard, cost and rate limit, metrics) with an
 * API key and with an access token, beside a bare Apollo Server 5 on Fastify
 * and bare graphql-js over node:http answering the same query with a
 * constant. autocannon loads each from its own process, in alternating rounds
 * (A, B, C, D, A, B, ...) so that a noisy moment of the machine falls on all
 * of them alike; the medians and the ratios come last.
 *
 * BENCH_EDGE_ROUNDS (default 5), BENCH_EDGE_SECONDS per round (default 5),
 * BENCH_EDGE_CONNECTIONS (default 10).
 */
const ROUNDS = Number(process.env.BENCH_EDGE_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_EDGE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_EDGE_CONNECTIONS ?? 10);
const PING = JSON.stringify({ query: '{ viewer { role } }' });

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  rounds: RoundResult[];
}

export async function benchEdge(print: (line: string) => void): Promise<void> {
  const api = await startTestApi({
    env: {
      RATE_LIMIT_KEY_CAPACITY: '100000000',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '100000000',
      RATE_LIMIT_TENANT_CAPACITY: '100000000',
      RATE_LIMIT_TENANT_REFILL_PER_SECOND: '100000000',
    },
  });
  const apollo = await startBareApollo();
  const bare = await startBareGraphqlJs();
  try {
    const tenantId = (await api.orm.em.fork().execute<{ id: string }[]>(`select id from auth_tenant_by_slug('store-a')`))[0].id;
    const key = await inTenantTransaction(api.orm, tenantId, (em) =>
      createApiKey(
        { tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock },
        { name: 'bench', role: Role.STORE_MANAGER },
      ),
    );
    const token = await api.login('store-a', 'manager@store-a.test');
    const targets: Target[] = [
      { name: 'A full edge, API key', url: api.url, headers: { authorization: `Bearer ${key.plaintext}` }, rounds: [] },
      { name: 'B bare Apollo 5 on Fastify', url: apollo.url, headers: {}, rounds: [] },
      { name: 'C bare graphql-js on node:http', url: bare.url, headers: {}, rounds: [] },
      { name: 'D full edge, access token', url: api.url, headers: { authorization: `Bearer ${token}` }, rounds: [] },
    ];
    for (const target of targets) await expectRole(target);
    print(`P1 edge: { viewer { role } }, ${ROUNDS} alternating rounds of ${SECONDS} s, ${CONNECTIONS} connections, autocannon in its own process`);
    for (const target of targets) await autocannonRound(target.url, PING, target.headers, 2, CONNECTIONS); // warm-up
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const target of targets) {
        const result = await autocannonRound(target.url, PING, target.headers, SECONDS, CONNECTIONS);
        target.rounds.push(result);
        print(`  round ${round} ${target.name.padEnd(32)} ${format(result)}`);
      }
    }
    print('medians:');
    const medians = new Map(targets.map((target) => [target.name, medianOf(target.rounds)]));
    for (const [name, median] of medians) print(`  ${name.padEnd(40)} ${format(median)}`);
    const [edgeKey, apolloBare, graphqlBare, edgeToken] = targets.map((target) => medians.get(target.name)!);
    print('ratios (throughput, medians):');
    print(`  full edge (API key) / bare Apollo      ${(edgeKey.perSecond / apolloBare.perSecond).toFixed(2)}   (goal >= 0.85)`);
    print(`  full edge (access token) / bare Apollo ${(edgeToken.perSecond / apolloBare.perSecond).toFixed(2)}   (goal >= 0.85)`);
    print(`  full edge (API key) / bare graphql-js  ${(edgeKey.perSecond / graphqlBare.perSecond).toFixed(2)}`);
    print(`  bare Apollo / bare graphql-js          ${(apolloBare.perSecond / graphqlBare.perSecond).toFixed(2)}`);
  } finally {
    await bare.close();
    await apollo.close();
    await api.stop();
  }
}

async function expectRole(target: Target): Promise<void> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: PING });
  const body = (await response.json()) as { data?: { viewer?: { role?: string } } };
  if (!body.data?.viewer?.role) throw new Error(`${target.name} did not answer the ping: ${JSON.stringify(body)}`);
}

function format(result: RoundResult): string {
  return `${result.perSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50Ms.toFixed(1).padStart(5)} ms   p99 ${result.p99Ms.toFixed(1).padStart(5)} ms   failures ${result.failures}`;
}

function medianOf(rounds: RoundResult[]): RoundResult {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  return {
    perSecond: median(rounds.map((r) => r.perSecond)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    requests: median(rounds.map((r) => r.requests)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}
