import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { Role, TenantKind } from '../core/enums';
import { toGlobalId } from '../core/global-id';
import { countStatements } from '../test/support/statement-counter';
import { startTestApi, TestApi } from '../test/support/test-api';

/**
 * P3: `registerTicket` through the api beside raw pg transactions writing the
 * same rows (same tables, columns and row counts, as the same runtime role
 * with the tenant set by set_config), at 1 and 8 concurrent clients, in
 * alternating rounds. Two registrations: a new customer with a new device, and
 * an existing customer without a device. CPU is this process's (the api runs
 * in it, beside the clients) per registration. `BENCH_REGISTRATIONS` sets the
 * registrations per round, `BENCH_ROUNDS` the rounds.
 */
const PER_ROUND = Number(process.env.BENCH_REGISTRATIONS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCIES = [1, 8];

type Write = (line: string) => void;
type Variant = 'new customer + device' | 'existing customer';
const VARIANTS: Variant[] = ['new customer + device', 'existing customer'];

interface Figures {
  count: number;
  seconds: number;
  latencies: number[];
  cpuMicros: number;
  failures: number;
}

interface Store {
  tenantId: string;
  modelId: string;
  customerId: string;
  apiKey: string;
  warranty: unknown;
  slaStandard: unknown;
}

let serial = 0;
/** A phone and a serial no registration of this run has used. */
function fresh(): { phone: string; serial: string } {
  serial += 1;
  return { phone: `137${String(serial).padStart(8, '0')}`, serial: `BENCH-${process.pid}-${serial}` };
}

async function closedLoop(count: number, concurrency: number, once: (client: number) => Promise<boolean>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (next < count) {
        next += 1;
        const t0 = process.hrtime.bigint();
        const ok = await once(client).catch(() => false);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ok) failures += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { count, seconds, latencies, cpuMicros: used.user + used.system, failures };
}

function merged(all: Figures[]): Figures {
  return {
    count: all.reduce((sum, f) => sum + f.count, 0),
    seconds: all.reduce((sum, f) => sum + f.seconds, 0),
    latencies: all.flatMap((f) => f.latencies).sort((a, b) => a - b),
    cpuMicros: all.reduce((sum, f) => sum + f.cpuMicros, 0),
    failures: all.reduce((sum, f) => sum + f.failures, 0),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function describe(name: string, f: Figures): string {
  return `${name.padEnd(46)} ${(f.count / f.seconds).toFixed(0).padStart(6)} reg/s   p50 ${quantile(f.latencies, 0.5).toFixed(2)} ms   p99 ${quantile(
    f.latencies,
    0.99,
  ).toFixed(2)} ms   CPU ${(f.cpuMicros / f.count / 1000).toFixed(2)} ms/reg   failures ${f.failures}`;
}

const REGISTER = `mutation($input: RegisterTicketInput!) { registerTicket(input: $input) {
  ticket { id number status version customer { id name } device { id serialNumber } } userErrors { code message } } }`;

function apiInput(store: Store, variant: Variant): Record<string, unknown> {
  const next = fresh();
  return variant === 'existing customer'
    ? { type: 'REPAIR', channel: 'PHONE', customerId: toGlobalId('Customer', store.customerId), problem: 'Screen flickers after an hour' }
    : {
        type: 'REPAIR',
        channel: 'WALK_IN',
        newCustomer: { name: 'Bench Customer', phone: next.phone },
        newDevice: { modelId: toGlobalId('ProductModel', store.modelId), serialNumber: next.serial, purchaseDate: '2026-06-01', purchaseSource: 'THIS_STORE' },
        problem: 'Laptop runs hot and shuts down under load',
      };
}

async function registerThroughApi(api: TestApi, store: Store, variant: Variant): Promise<boolean> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${store.apiKey}` },
    body: JSON.stringify({ query: REGISTER, variables: { input: apiInput(store, variant) } }),
  });
  const body = (await response.json()) as { errors?: unknown; data?: { registerTicket: { userErrors: unknown[] } } };
  return response.ok && !body.errors && body.data!.registerTicket.userErrors.length === 0;
}

/** The rows a registration writes, by hand: one statement per table, as the runtime role under RLS. */
async function registerRaw(client: Client, store: Store, variant: Variant): Promise<boolean> {
  const now = new Date();
  const next = fresh();
  const ticketId = randomUUID();
  const customerId = variant === 'existing customer' ? store.customerId : randomUUID();
  const deviceId = variant === 'existing customer' ? null : randomUUID();
  const eventId = randomUUID();
  await client.query('begin');
  try {
    await client.query({ name: 'tenant', text: `select set_config('app.tenant_id', $1, true)`, values: [store.tenantId] });
    if (deviceId) {
      await client.query({
        name: 'customer',
        text: `insert into customers (tenant_id, id, name, phone, email, tier, address, locale, notes, created_at, updated_at)
               values ($1, $2, $3, $4, null, 'STANDARD', null, 'zh-CN', null, $5, $5)`,
        values: [store.tenantId, customerId, 'Bench Customer', next.phone, now],
      });
      await client.query({
        name: 'device',
        text: `insert into devices (tenant_id, id, customer_id, model_id, serial_number, purchase_date, purchase_source, purchase_store_id,
               invoice_number, extended_warranty_until, created_at, updated_at) values ($1, $2, $3, $4, $5, '2026-06-01', 'THIS_STORE', null, null, null, $6, $6)`,
        values: [store.tenantId, deviceId, customerId, store.modelId, next.serial, now],
      });
    }
    const year = now.getUTCFullYear();
    const number = (await client.query({ name: 'number', text: 'select next_ticket_number($1, $2) as value', values: [store.tenantId, year] })).rows[0].value;
    await client.query({
      name: 'ticket',
      text: `insert into tickets (tenant_id, id, number, type, channel, priority, status, customer_id, device_id, problem, suspected_cause,
             contact_name, contact_phone, contact_address, warranty, sla_standard, created_at, updated_at)
             values ($1, $2, $3, 'REPAIR', 'WALK_IN', 'NORMAL', 'NEW', $4, $5, $6, null, 'Bench Customer', $7, null, $8, $9, $10, $10)`,
      values: [
        store.tenantId,
        ticketId,
        `A-${year}-${String(number).padStart(6, '0')}`,
        customerId,
        deviceId,
        'Laptop runs hot and shuts down under load',
        next.phone,
        deviceId ? JSON.stringify(store.warranty) : null,
        JSON.stringify(store.slaStandard),
        now,
      ],
    });
    await client.query({
      name: 'webhook-event',
      text: `insert into webhook_events (tenant_id, id, webhook_id, idempotency_key, type, data, ticket_id, occurred_at)
             values ($1, $2, $3, $4, 'ticket.created', $5, $6, $7)`,
      values: [
        store.tenantId,
        eventId,
        `msg_${eventId.replace(/-/g, '')}`,
        `ticket-created:${ticketId}`,
        JSON.stringify({ ticketNumber: number, type: 'REPAIR', channel: 'WALK_IN', priority: 'NORMAL', status: 'NEW' }),
        ticketId,
        now,
      ],
    });
    const token = randomBytes(24).toString('base64url');
    await client.query({
      name: 'status-link',
      text: `insert into ticket_status_links (tenant_id, id, ticket_id, token_hash, created_at) values ($1, $2, $3, $4, $5)`,
      values: [store.tenantId, randomUUID(), ticketId, createHash('sha256').update(token).digest('hex'), now],
    });
    await client.query({
      name: 'action',
      text: `insert into scheduled_actions (tenant_id, id, kind, idempotency_key, ticket_id, due_at, state, attempts, max_attempts, payload, trace_parent,
             created_at, updated_at) values ($1, $2, 'NOTIFICATION', $3, $4, $5, 'PENDING', 0, 5, $6, null, $5, $5)`,
      values: [
        store.tenantId,
        randomUUID(),
        `received:${ticketId}`,
        ticketId,
        now,
        JSON.stringify({
          template: 'TICKET_RECEIVED',
          recipient: { kind: 'CUSTOMER', customerId },
          params: { ticketNumber: String(number), statusToken: token },
        }),
      ],
    });
    await client.query({
      name: 'timeline',
      text: `insert into ticket_events (tenant_id, id, ticket_id, kind, visibility, summary, data, actor_kind, actor_id, occurred_at)
             values ($1, $2, $3, 'REGISTERED', 'INTERNAL', $4, $5, 'API_KEY', null, $6)`,
      values: [
        store.tenantId,
        randomUUID(),
        ticketId,
        'REPAIR registered via WALK_IN: Laptop runs hot and shuts down under load',
        JSON.stringify({ channel: 'WALK_IN', priority: 'NORMAL', warranty: null }),
        now,
      ],
    });
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function prepareStore(api: TestApi): Promise<Store> {
  const admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  try {
    const tenantId = (await admin.query(`select id from tenants where slug = 'store-a'`)).rows[0].id as string;
    const modelId = (
      await admin.query(
        `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months, main_part_categories)
         select id, 'BENCH-14', 'Bench Book 14', 'LAPTOP', 12, 24, '{CPU,MOTHERBOARD,DISK,SCREEN}' from tenants where slug = 'hq-one' returning id`,
      )
    ).rows[0].id as string;
    const key = await inTenantTransaction(api.orm, tenantId, (em) =>
      createApiKey(
        { tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock },
        { name: 'bench', role: Role.STORE_MANAGER },
      ),
    );
    const store: Store = { tenantId, modelId, customerId: '', apiKey: key.plaintext, warranty: null, slaStandard: null };
    // One registration through the api gives the existing customer and the warranty and standard snapshots the raw side copies.
    const first = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${store.apiKey}` },
      body: JSON.stringify({ query: REGISTER, variables: { input: apiInput(store, 'new customer + device') } }),
    });
    const ticketNumber = ((await first.json()) as { data: { registerTicket: { ticket: { number: string } } } }).data.registerTicket.ticket.number;
    const row = (await admin.query(`select customer_id, warranty, sla_standard from tickets where number = $1`, [ticketNumber])).rows[0];
    return { ...store, customerId: row.customer_id, warranty: row.warranty, slaStandard: row.sla_standard };
  } finally {
    await admin.end();
  }
}

async function statementsPerRegistration(api: TestApi, store: Store, variant: Variant): Promise<string> {
  const counter = countStatements();
  await registerThroughApi(api, store, variant);
  const count = counter.stop();
  return `${count.total} statements (${count.work} besides BEGIN, set_config and COMMIT)`;
}

export async function benchRegistration(write: Write): Promise<void> {
  const api = await startTestApi({
    env: {
      RATE_LIMIT_KEY_CAPACITY: '100000000',
      RATE_LIMIT_KEY_REFILL_PER_SECOND: '100000000',
      RATE_LIMIT_TENANT_CAPACITY: '100000000',
      RATE_LIMIT_TENANT_REFILL_PER_SECOND: '100000000',
    },
  });
  const clients = await Promise.all(
    Array.from({ length: Math.max(...CONCURRENCIES) }, async () => {
      const client = new Client({ connectionString: api.db.appUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    const store = await prepareStore(api);
    write(`P3 registration: ${ROUNDS} alternating rounds of ${PER_ROUND} registrations per side, variant and concurrency`);
    for (const variant of VARIANTS) write(`  registerTicket, ${variant}: ${await statementsPerRegistration(api, store, variant)}`);
    // Warm-up of both sides: first-use costs (JIT, prepared plans, pools) are not the point.
    for (const variant of VARIANTS) {
      await closedLoop(50, 8, () => registerThroughApi(api, store, variant));
      await closedLoop(50, 8, (c) => registerRaw(clients[c], store, variant));
    }
    const ratios: string[] = [];
    for (const concurrency of CONCURRENCIES) {
      for (const variant of VARIANTS) {
        const apiRounds: Figures[] = [];
        const rawRounds: Figures[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          apiRounds.push(await closedLoop(PER_ROUND, concurrency, () => registerThroughApi(api, store, variant)));
          rawRounds.push(await closedLoop(PER_ROUND, concurrency, (c) => registerRaw(clients[c], store, variant)));
        }
        const viaApi = merged(apiRounds);
        const raw = merged(rawRounds);
        write(describe(`raw pg, ${variant}, ${concurrency} client(s)`, raw));
        write(describe(`registerTicket, ${variant}, ${concurrency} client(s)`, viaApi));
        ratios.push(
          `ratio ${variant}, ${concurrency} client(s): throughput ${(viaApi.count / viaApi.seconds / (raw.count / raw.seconds)).toFixed(2)} of raw pg (goal >= 0.3), ` +
            `p99 ${(quantile(viaApi.latencies, 0.99) / quantile(raw.latencies, 0.99)).toFixed(1)}x raw (goal <= 5), ` +
            `CPU ${(viaApi.cpuMicros / viaApi.count / (raw.cpuMicros / raw.count)).toFixed(1)}x raw`,
        );
      }
    }
    for (const line of ratios) write(line);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await api.stop();
  }
}
