import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../core/project-root';
import { loadConfig } from '../infra/config';
import { runTenantsCli } from '../tenants/tenants.commands';
import { startSmtpCatcher } from '../test/support/smtp-catcher';
import { createTestDatabase } from '../test/support/test-database';

/**
 * P9 (`BENCH_ONLY=steady npm run bench`): the product as deployed, the api
 * and the worker each its own process (`dist/bin/api.js`, `dist/bin/worker.js`),
 * on the demo network (its three stores, HQ and repair partner, the demo
 * standard published), under steady mixed traffic for BENCH_STEADY_MINUTES
 * (25 by default) at a constant offered load (BENCH_STEADY_LOAD times the
 * default, about 13 calls a second): every store registers a
 * ticket that its staff works to resolution and a repair that stays open
 * (the backlog grows as in a real afternoon), and reads its newest page; HQ
 * reads its tickets at risk and the month's figures; the partner reads its
 * work orders; a probe asks `{ viewer { role } }` four times a second. Each
 * minute prints the probe's p50 and p99, the calls and errors of the minute,
 * the open tickets, and the api's and the worker's RSS and CPU. The goal:
 * the probe's p99 and the api's RSS flat over the run (the last minutes
 * within 2× and 10% of the first).
 */
const MINUTES = Number(process.env.BENCH_STEADY_MINUTES ?? 25);
/** How many times the default offered load (about 13 calls a second): every client's pace is divided by it. */
const LOAD = Number(process.env.BENCH_STEADY_LOAD ?? 1);
const PORT = Number(process.env.BENCH_STEADY_PORT ?? 4590);
const STORES = ['bj-zgc', 'sh-xjh', 'sz-hqb'];
const PASSWORD = 'demo-password-1';
/** The first and last minutes compared. */
const EDGE_MINUTES = 3;

type Out = (line: string) => void;

interface Minute {
  probe: number[];
  calls: number;
  errors: number;
}

interface Sample {
  minute: number;
  p50: number;
  p99: number;
  calls: number;
  errors: number;
  open: number;
  apiRssMb: number;
  apiCpu: number;
  workerRssMb: number;
  workerCpu: number;
}

export async function benchSteady(out: Out): Promise<void> {
  out(`P9 steady traffic: ${MINUTES} minutes at ${LOAD}× the default load, api and worker as separate processes, the demo network`);
  const db = await createTestDatabase();
  const smtp = await startSmtpCatcher();
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  const children: ChildProcess[] = [];
  try {
    await provisionDemo(db.adminUrl, db.appUrl, out);
    const env = childEnv(db.adminUrl, db.appUrl, smtp.url);
    const api = startProcess('api', env);
    const worker = startProcess('worker', env);
    children.push(api, worker);
    const url = `http://127.0.0.1:${PORT}`;
    await untilReady(url, api);
    const traffic = new Traffic(`${url}/graphql`);
    await traffic.signIn();
    // The CPU of the first minute is counted from here.
    usage('api', api);
    usage('worker', worker);
    const samples = await traffic.run(MINUTES, async (minute, counts) => {
      const [apiUse, workerUse] = [usage('api', api), usage('worker', worker)];
      const sample: Sample = {
        minute,
        ...percentiles(counts.probe),
        calls: counts.calls,
        errors: counts.errors,
        open: await openTickets(admin),
        apiRssMb: apiUse.rssMb,
        apiCpu: apiUse.cpu,
        workerRssMb: workerUse.rssMb,
        workerCpu: workerUse.cpu,
      };
      out(formatSample(sample));
      return sample;
    });
    summarize(out, samples);
  } finally {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await admin.end();
    await smtp.close();
    await db.drop();
  }
}

async function provisionDemo(adminUrl: string, appUrl: string, out: Out): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: adminUrl, APP_DATABASE_URL: appUrl, LOG_LEVEL: 'silent' });
  const io = { config, out: () => undefined, err: (line: string) => out(`  ${line}`) };
  const root = projectRoot();
  for (const args of [
    ['apply', join(root, 'tenants', 'demo')],
    ['standard', 'publish', join(root, 'tenants', 'templates', 'demo-hq.yaml')],
  ]) {
    if ((await runTenantsCli(args, io)) !== 0) throw new Error(`tenants ${args.join(' ')} failed`);
  }
}

function childEnv(adminUrl: string, appUrl: string, smtpUrl: string): NodeJS.ProcessEnv {
  const unlimited = '100000000';
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: `steady-bench-${randomBytes(24).toString('hex')}`,
    DATABASE_URL: adminUrl,
    APP_DATABASE_URL: appUrl,
    REDIS_PREFIX: `bench-steady-${randomBytes(4).toString('hex')}`,
    PORT: String(PORT),
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'error',
    ACCESS_TOKEN_TTL_SECONDS: String((MINUTES + 10) * 60),
    RATE_LIMIT_KEY_CAPACITY: unlimited,
    RATE_LIMIT_KEY_REFILL_PER_SECOND: unlimited,
    RATE_LIMIT_TENANT_CAPACITY: unlimited,
    RATE_LIMIT_TENANT_REFILL_PER_SECOND: unlimited,
    RATE_LIMIT_ANONYMOUS_CAPACITY: unlimited,
    RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND: unlimited,
  };
}

/** Set when the run is over: the processes are stopped on purpose. */
let stopping = false;

function startProcess(name: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'bin', `${name}.js`)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`the ${name} process exited (${code ?? signal}) during the run\n`);
  });
  return child;
}

async function untilReady(url: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the api exited with ${api.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(250);
  }
  throw new Error('the api was not ready within a minute');
}

/** The traffic of the run: each client a loop at its own pace, whatever the answers' speed (constant offered load). */
class Traffic {
  private tokens = new Map<string, string>();
  private minute: Minute = { probe: [], calls: 0, errors: 0 };
  private serial = 0;

  constructor(private readonly endpoint: string) {}

  async signIn(): Promise<void> {
    for (const store of STORES) this.tokens.set(store, await this.login(store, `manager@${store}.example.com`));
    this.tokens.set('hq', await this.login('demo-hq', 'supervisor@demo-hq.example.com'));
    this.tokens.set('partner', await this.login('repair-partner', 'manager@repair-partner.example.com'));
  }

  async run(minutes: number, everyMinute: (minute: number, counts: Minute) => Promise<Sample>): Promise<Sample[]> {
    const end = Date.now() + minutes * 60_000;
    const loops = [
      ...STORES.flatMap((store) => [
        this.every(3_000, end, () => this.registerAndWork(store)),
        this.every(6_000, end, () => this.registerRepair(store)),
        this.every(1_000, end, () => this.call(store, `{ tickets(first: 20) { edges { node { id number status createdAt } } } }`)),
      ]),
      this.every(5_000, end, () => this.call('hq', `{ ticketsAtRisk(first: 20) { number storeSlug mostUrgent { metric state dueAt } } }`)),
      this.every(5_000, end, () => this.call('hq', FIGURES, { filter: { period: { month: new Date().toISOString().slice(0, 7) } } })),
      this.every(5_000, end, () => this.call('partner', `{ workOrders(first: 20) { edges { node { id status } } } }`)),
      this.every(250, end, () => this.probe()),
    ];
    const samples: Sample[] = [];
    for (let minute = 1; minute <= minutes; minute++) {
      await sleep(Math.max(0, end - (minutes - minute) * 60_000 - Date.now()));
      const counts = this.minute;
      this.minute = { probe: [], calls: 0, errors: 0 };
      samples.push(await everyMinute(minute, counts));
    }
    await Promise.all(loops);
    return samples;
  }

  /** A store's walk-in enquiry, worked to resolution as the desk does: assigned, the customer called, resolved. */
  private async registerAndWork(store: string): Promise<void> {
    const id = await this.register(store, 'INQUIRY');
    if (!id) return;
    const staff = await this.call(store, `{ staffUsers(first: 5) { edges { node { id role } } } }`);
    const assignee = (staff?.staffUsers as { edges: { node: { id: string } }[] } | undefined)?.edges[0]?.node.id;
    if (!assignee) return;
    await this.call(store, `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`, {
      i: { ticketId: id, assigneeId: assignee },
    });
    await this.call(store, `mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }`, {
      i: { ticketId: id, channel: 'PHONE', reached: true, outcome: 'Explained the settings' },
    });
    await this.call(store, `mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code } } }`, {
      i: { ticketId: id, to: 'RESOLVED', note: 'Answered on the phone' },
    });
  }

  /** A repair that stays open: the backlog the watch and HQ's list carry grows over the run. */
  private async registerRepair(store: string): Promise<void> {
    await this.register(store, 'REPAIR');
  }

  private async register(store: string, type: string): Promise<string | null> {
    this.serial += 1;
    const phone = `139${String(process.pid % 1000).padStart(3, '0')}${String(this.serial).padStart(5, '0')}`;
    const data = await this.call(store, `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code message } } }`, {
      i: { type, channel: 'WALK_IN', problem: 'The laptop runs hot under load', newCustomer: { name: `Steady ${this.serial}`, phone } },
    });
    const registered = data?.registerTicket as { ticket: { id: string } | null; userErrors: unknown[] } | undefined;
    if (!registered?.ticket) {
      if (registered) this.minute.errors += 1;
      return null;
    }
    return registered.ticket.id;
  }

  private async probe(): Promise<void> {
    const started = process.hrtime.bigint();
    const data = await this.call(STORES[0], `{ viewer { role } }`);
    if (data) this.minute.probe.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  private async call(who: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown> | null> {
    this.minute.calls += 1;
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(who)}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (!response.ok || body.errors) {
        this.minute.errors += 1;
        return null;
      }
      return body.data ?? null;
    } catch {
      this.minute.errors += 1;
      return null;
    }
  }

  private async login(tenant: string, email: string): Promise<string> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: LoginInput!) { login(input: $input) { session { accessToken } userErrors { code message } } }`,
        variables: { input: { tenantSlug: tenant, email, password: PASSWORD } },
      }),
    });
    const body = (await response.json()) as { data?: { login: { session: { accessToken: string } | null } } };
    const token = body.data?.login.session?.accessToken;
    if (!token) throw new Error(`could not sign in ${email}: ${JSON.stringify(body)}`);
    return token;
  }

  /** Calls `work` every `periodMs` until `end`, each call started on time even while earlier ones are still waiting. */
  private async every(periodMs: number, end: number, work: () => Promise<unknown>): Promise<void> {
    const running: Promise<unknown>[] = [];
    for (let next = Date.now(); next < end; next += periodMs / LOAD) {
      await sleep(next - Date.now());
      running.push(work().catch(() => undefined));
    }
    await Promise.all(running);
  }
}

const FIGURES = `query($filter: ServiceFigureFilter!) { serviceFigures(filter: $filter) {
  metrics { metric measured met breached compliancePercent medianWorkingMinutes }
  firstResponse { measured responded medianMinutes within24HoursPercent } } }`;

async function openTickets(admin: Client): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(`select count(*) as n from tickets where status not in ('RESOLVED', 'CLOSED', 'CANCELLED')`);
  return Number(rows[0].n);
}

const previousCpu = new Map<string, { ticks: number; at: number }>();

/** RSS in MB and the share of a core used since the last sample, from /proc. */
function usage(name: 'api' | 'worker', child: ChildProcess): { rssMb: number; cpu: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the stat line (11 and 12 after the command's name), in clock ticks.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const at = Date.now();
  const before = previousCpu.get(name);
  previousCpu.set(name, { ticks, at });
  const cpu = before ? (ticks - before.ticks) / 100 / ((at - before.at) / 1000) : 0;
  return { rssMb: rssKb / 1024, cpu };
}

function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

function formatSample(s: Sample): string {
  return (
    `  minute ${String(s.minute).padStart(2)}: probe p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms; ${s.calls} calls, ${s.errors} errors; ` +
    `${s.open} open tickets; api ${s.apiRssMb.toFixed(0)} MB, ${(s.apiCpu * 100).toFixed(0)}% of a core; worker ${s.workerRssMb.toFixed(0)} MB, ${(s.workerCpu * 100).toFixed(0)}%`
  );
}

function summarize(out: Out, samples: Sample[]): void {
  if (samples.length < 1 + 2 * EDGE_MINUTES) {
    out(`(fewer than ${1 + 2 * EDGE_MINUTES} minutes: no comparison of the first and last minutes)`);
    return;
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  // The first minute is the api warming up (compiling, filling its pools): both are compared from the second minute
  // on, or a slow start would make any later p99 look flat.
  const first = samples.slice(1, 1 + EDGE_MINUTES);
  const last = samples.slice(-EDGE_MINUTES);
  const p99Ratio = mean(last.map((s) => s.p99)) / mean(first.map((s) => s.p99));
  const rssStart = mean(first.map((s) => s.apiRssMb));
  const rssGrowth = mean(last.map((s) => s.apiRssMb)) / rssStart - 1;
  const errors = samples.reduce((sum, s) => sum + s.errors, 0);
  out(
    `probe p99: minutes 2-${1 + EDGE_MINUTES} ${mean(first.map((s) => s.p99)).toFixed(1)} ms, last ${EDGE_MINUTES} ${mean(last.map((s) => s.p99)).toFixed(1)} ms: ` +
      `${p99Ratio.toFixed(2)}× (goal within 2×: ${p99Ratio <= 2 ? 'met' : 'not met'})`,
  );
  out(
    `api RSS: minutes 2-${1 + EDGE_MINUTES} ${rssStart.toFixed(0)} MB, last ${EDGE_MINUTES} ${mean(last.map((s) => s.apiRssMb)).toFixed(0)} MB: ` +
      `${(rssGrowth * 100).toFixed(1)}% (goal within 10%: ${Math.abs(rssGrowth) <= 0.1 ? 'met' : 'not met'})`,
  );
  out(`errors over the run: ${errors}; open tickets ${samples[0].open} → ${samples[samples.length - 1].open}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
