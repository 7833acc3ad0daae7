import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { authenticate } from '../domain/auth/authenticate';
import type { AuthDeps } from '../domain/auth/auth-deps';
import { systemClock } from '../core/clock';
import { AccessError } from '../domain/errors';
import { Config, loadConfig } from '../infra/config';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { projectRoot } from '../core/project-root';
import { runTenantsCli } from '../tenants/tenants.commands';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { calendarOf } from '../domain/standards/tenant-calendar';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { TenantKind } from '../core/enums';
import { verifyOperatorCredentials } from '../domain/operators/operator-sign-in';
import { registerTicket } from '../domain/tickets/ticket.service';
import { TicketChannel, TicketType } from '../core/desk-enums';

/**
 * The provisioning CLI, run in-process against a database of its own: apply is
 * idempotent and all-or-nothing, invalid files say where and what, and API
 * keys made on the command line authenticate until they are revoked.
 */
const DEMO = join(projectRoot(), 'tenants', 'demo');
const DEMO_SLUGS = ['bj-zgc', 'demo-hq', 'repair-partner', 'sh-xjh', 'sz-hqb'];
const KEY_FORMAT = /^ak_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/;

let db: TestDatabase;
let config: Config;
let admin: Client;

interface CliRun {
  code: number;
  out: string[];
  err: string;
}

async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTenantsCli(argv, { config, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err: err.join('\n') };
}

/** A fresh folder holding the given files. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Everything provisioning writes, as the admin connection sees it. */
async function dump() {
  const tenants = await admin.query('select * from tenants order by slug');
  const staff = await admin.query('select * from staff_users order by tenant_id, email');
  const audit = await admin.query('select tenant_id, action, detail from audit_events order by occurred_at, id');
  return { tenants: tenants.rows, staff: staff.rows, audit: audit.rows };
}

async function slugs(): Promise<string[]> {
  return (await admin.query<{ slug: string }>('select slug from tenants order by slug')).rows.map((r) => r.slug);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function tenantCount(slug: string): Promise<number> {
  return (await admin.query('select count(*)::int as n from tenants where slug = $1', [slug])).rows[0].n;
}

beforeAll(async () => {
  db = await createTestDatabase();
  config = loadConfig({ ...process.env, DATABASE_URL: db.adminUrl, APP_DATABASE_URL: db.appUrl, LOG_LEVEL: 'silent' });
  admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

describe('apply', () => {
  test('provisions the demo network', async () => {
    const run = await cli('apply', DEMO);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(await slugs()).toEqual(DEMO_SLUGS);
    expect(run.out).toContain('demo-hq: tenant created');
    expect(run.out).toContain('bj-zgc: staff manager@bj-zgc.example.com created');
    expect(run.out[run.out.length - 1]).toMatch(/^applied \d+ change\(s\)$/);

    const { rows } = await admin.query(`select t.slug, t.kind, p.slug as parent from tenants t left join tenants p on p.id = t.parent_id order by t.slug`);
    expect(rows).toEqual([
      { slug: 'bj-zgc', kind: 'STORE', parent: 'demo-hq' },
      { slug: 'demo-hq', kind: 'HQ', parent: null },
      { slug: 'repair-partner', kind: 'PARTNER', parent: 'demo-hq' },
      { slug: 'sh-xjh', kind: 'STORE', parent: 'demo-hq' },
      { slug: 'sz-hqb', kind: 'STORE', parent: 'demo-hq' },
    ]);
    const staff = await admin.query<{ role: string; password_hash: string; tenant_slug: string }>(
      'select s.role, s.password_hash, t.slug as tenant_slug from staff_users s join tenants t on t.id = s.tenant_id',
    );
    expect(staff.rows).toHaveLength(17);
    expect(staff.rows.filter((r) => !r.password_hash.startsWith('$argon2id$'))).toEqual([]);
    expect(
      staff.rows
        .filter((r) => r.tenant_slug === 'demo-hq')
        .map((r) => r.role)
        .sort(),
    ).toEqual(['HQ_ADMIN', 'HQ_SUPERVISOR']);
  });

  test('a second apply prints "no changes" and changes nothing', async () => {
    const before = await dump();
    const run = await cli('apply', DEMO);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['no changes: 5 tenant(s) up to date']);
    expect(await dump()).toEqual(before);
  });

  test("a tenant's new name in a file is applied, and only that", async () => {
    const original = readFileSync(join(DEMO, 'bj-zgc.yaml'), 'utf8');
    expect(original).toContain('name: Beijing Zhongguancun Store');
    const dir = folderWith({ 'bj-zgc.yaml': original.replace('name: Beijing Zhongguancun Store', 'name: Beijing Zhongguancun Flagship') });
    const before = await dump();

    const run = await cli('apply', join(dir, 'bj-zgc.yaml'));
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['bj-zgc: tenant updated (name)', 'applied 1 change(s)']);

    const after = await dump();
    const renamed = after.tenants.find((t) => t.slug === 'bj-zgc');
    expect(renamed.name).toBe('Beijing Zhongguancun Flagship');
    expect(after.tenants.filter((t) => t.slug !== 'bj-zgc')).toEqual(before.tenants.filter((t) => t.slug !== 'bj-zgc'));
    expect(after.staff).toEqual(before.staff);
    expect(after.audit.slice(before.audit.length)).toEqual([{ tenant_id: renamed.id, action: 'PROVISIONED', detail: { changes: ['tenant updated (name)'] } }]);

    // Applying the demo folder again puts the original name back.
    const back = await cli('apply', DEMO);
    expect(back.out).toEqual(['bj-zgc: tenant updated (name)', 'applied 1 change(s)']);
  });
});

describe('invalid files are rejected whole, saying where and what', () => {
  test('a NUL character in a name is reported with its path', async () => {
    const dir = folderWith({ 'nul.yaml': 'tenants:\n  - slug: nul-hq\n    name: "Bad\\0Name"\n    kind: HQ\n' });
    const run = await cli('apply', dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/nul\.yaml: tenants\[0\]\.name: must not contain a NUL character/);
    expect(await tenantCount('nul-hq')).toBe(0);
  });

  const VALID_NEW_HQ = `
tenants:
  - slug: cli-new-hq
    name: New HQ
    kind: HQ
    staff:
      - { email: admin@cli-new-hq.test, name: Admin, role: HQ_ADMIN, password: new-hq-password }
`;

  test('one invalid file keeps the valid file next to it from being applied', async () => {
    const dir = folderWith({
      'a-valid.yaml': VALID_NEW_HQ,
      'b-invalid.yaml': `
tenants:
  - slug: cli-new-store
    name: New Store
    kind: STORE
    parent: cli-new-hq
    staff:
      - { email: manager@cli-new-store.test, name: Manager, role: STORE_MANAGER }
      - { email: wizard@cli-new-store.test, name: Wizard, role: WIZARD }
  - slug: Not A Slug
    name: Second
    kind: STORE
    parent: cli-new-hq
`,
    });
    const before = await dump();
    const run = await cli('apply', dir);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toMatch(/nothing applied/);
    expect(run.err).toMatch(/b-invalid\.yaml: tenants\[0\]\.staff\[1\]\.role: Invalid option: expected one of .*STORE_MANAGER/);
    // Every problem is reported at once, not only the first.
    expect(run.err).toMatch(/b-invalid\.yaml: tenants\[1\]\.slug: lower-case letters, digits and dashes/);
    expect(run.err).not.toMatch(/a-valid\.yaml/);
    expect(await tenantCount('cli-new-hq')).toBe(0);
    expect(await dump()).toEqual(before);
  });

  test('a YAML syntax error is reported with its line', async () => {
    const dir = folderWith({
      // Line 4 has a mapping nested where YAML allows none.
      'broken.yaml': 'tenants:\n  - slug: cli-broken\n    name: Broken\n    kind: HQ: extra\n',
    });
    const run = await cli('apply', join(dir, 'broken.yaml'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/broken\.yaml: line 4, column \d+: Nested mappings are not allowed/);
    expect(await tenantCount('cli-broken')).toBe(0);
  });

  test('a store with an HQ_ADMIN is reported at the staff member', async () => {
    const dir = folderWith({
      'store.yaml': `
tenants:
  - slug: cli-store-with-admin
    name: Store
    kind: STORE
    parent: demo-hq
    staff:
      - { email: admin@cli-store.test, name: Admin, role: HQ_ADMIN }
`,
    });
    const run = await cli('apply', dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/store\.yaml: tenants\[0\]\.staff\[0\]\.role: role HQ_ADMIN does not exist in a STORE tenant/);
    expect(await tenantCount('cli-store-with-admin')).toBe(0);
  });

  test('an unknown parent is reported, and the HQ applied before it in the same run is rolled back', async () => {
    const dir = folderWith({
      'network.yaml': `${VALID_NEW_HQ}
  - slug: cli-orphan
    name: Orphan
    kind: STORE
    parent: no-such-hq
`,
    });
    const run = await cli('apply', dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/network\.yaml: tenants\[1\]\.parent: no HQ with slug no-such-hq/);
    expect(await tenantCount('cli-new-hq')).toBe(0);
    expect(await tenantCount('cli-orphan')).toBe(0);
  });
});

describe('a failure in the middle of an apply rolls all of it back', () => {
  test('a parent that exists in the database as a STORE, not an HQ', async () => {
    const before = await dump();
    const dir = folderWith({
      'a-hq.yaml': `
tenants:
  - slug: cli-rollback-hq
    name: Rollback HQ
    kind: HQ
    staff:
      - { email: admin@cli-rollback-hq.test, name: Admin, role: HQ_ADMIN }
`,
      'b-store.yaml': `
tenants:
  - slug: cli-under-a-store
    name: Under a store
    kind: STORE
    parent: bj-zgc
`,
    });
    const run = await cli('apply', dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/b-store\.yaml: tenants\[0\]\.parent: no HQ with slug bj-zgc/);
    expect(await dump()).toEqual(before);
  });

  test('the unique slug refusing the second tenant, because another provisioning committed it first', async () => {
    const dir = folderWith({
      'network.yaml': `
tenants:
  - slug: cli-race-hq
    name: Race HQ
    kind: HQ
    staff:
      - { email: admin@cli-race-hq.test, name: Admin, role: HQ_ADMIN }
  - slug: cli-race-store
    name: Race Store
    kind: STORE
    parent: cli-race-hq
    staff:
      - { email: manager@cli-race-store.test, name: Manager, role: STORE_MANAGER }
`,
    });
    const before = await dump();
    // Another operator is provisioning the same store slug and has not committed yet.
    const other = new Client({ connectionString: db.adminUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`insert into tenants (slug, name, kind, parent_id) select 'cli-race-store', 'Raced', 'STORE', id from tenants where slug = 'demo-hq'`);
      const running = cli('apply', dir);
      // The apply has written cli-race-hq and its staff, and now waits on the other transaction's slug.
      await waitUntil(async () => {
        const { rows } = await admin.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into "tenants"%'`,
        );
        return rows[0].n > 0;
      });
      await other.query('commit');
      const run = await running;
      expect(run.code).toBe(1);
      expect(run.out).toEqual([]);
      expect(run.err).toMatch(/^tenants failed: UniqueConstraintViolationException: .*tenants_slug_key/s);
    } finally {
      await other.end();
    }
    expect(await tenantCount('cli-race-hq')).toBe(0);
    const after = await dump();
    expect(after.tenants.filter((t) => t.slug !== 'cli-race-store')).toEqual(before.tenants);
    expect(after.tenants.filter((t) => t.slug === 'cli-race-store').map((t) => t.name)).toEqual(['Raced']);
    expect(after.staff).toEqual(before.staff);
    expect(after.audit).toEqual(before.audit);
  });
});

describe('key create and key revoke', () => {
  let orm: Orm;
  let deps: AuthDeps;

  beforeAll(async () => {
    orm = await openOrm(db.appUrl, 2);
    deps = {
      orm,
      clock: systemClock,
      tokens: { secret: config.JWT_SECRET, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS },
    };
  });

  afterAll(async () => {
    await orm?.close();
  });

  async function keyCount(): Promise<number> {
    return (await admin.query('select count(*)::int as n from api_keys')).rows[0].n;
  }

  async function rejection(key: string): Promise<AccessError> {
    const error = await authenticate(deps, key).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AccessError);
    return error as AccessError;
  }

  test('a key is created, printed last, authenticates, and stops once revoked', async () => {
    const created = await cli('key', 'create', 'bj-zgc', '--role', 'STORE_AGENT', '--name', 'ERP');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const key = created.out[created.out.length - 1];
    expect(key).toMatch(KEY_FORMAT);
    const keyId = /^key id: ([0-9a-f-]{36})$/.exec(created.out[0])?.[1];
    expect(keyId).toBeDefined();
    expect(created.out.slice(1, 4)).toEqual(['tenant: bj-zgc', 'role: STORE_AGENT', 'name: ERP']);

    const bjZgc = (await admin.query(`select id from tenants where slug = 'bj-zgc'`)).rows[0].id;
    const caller = await authenticate(deps, key);
    expect(caller.tenantId).toBe(bjZgc);
    expect(caller.tenantKind).toBe('STORE');
    expect(caller.principal).toMatchObject({ kind: 'API_KEY', id: keyId, role: 'STORE_AGENT' });
    expect(caller.principal.permissions.has('CUSTOMER_READ' as never)).toBe(true);

    const { rows } = await admin.query('select name, role, secret_hash, created_by, revoked_at from api_keys where id = $1', [keyId]);
    expect(rows[0]).toMatchObject({ name: 'ERP', role: 'STORE_AGENT', created_by: null, revoked_at: null });
    // the secret is everything after the key id; it may itself contain underscores
    expect(JSON.stringify(rows[0])).not.toContain(key.split('_').slice(2).join('_'));

    const revoked = await cli('key', 'revoke', keyId!);
    expect(revoked.err).toBe('');
    expect(revoked.code).toBe(0);
    expect(revoked.out).toEqual([`revoked ${keyId}`]);
    expect((await rejection(key)).code).toBe('UNAUTHENTICATED');

    const audit = await admin.query(`select action, actor_kind from audit_events where tenant_id = $1 and action like 'API_KEY_%' order by occurred_at`, [
      bjZgc,
    ]);
    expect(audit.rows).toEqual([
      { action: 'API_KEY_CREATED', actor_kind: 'SYSTEM' },
      { action: 'API_KEY_REVOKED', actor_kind: 'SYSTEM' },
    ]);
  });

  test('the name defaults from the role; a partner system key fits a partner', async () => {
    const created = await cli('key', 'create', 'repair-partner', '--role', 'PARTNER_SYSTEM');
    expect(created.code).toBe(0);
    expect(created.out).toContain('name: PARTNER_SYSTEM key');
    const caller = await authenticate(deps, created.out[created.out.length - 1]);
    expect(caller.principal.role).toBe('PARTNER_SYSTEM');
  });

  test('an unknown tenant, an unknown role, a missing slug or a role that does not fit the tenant is refused', async () => {
    const before = await keyCount();
    const unknownSlug = await cli('key', 'create', 'no-such-store', '--role', 'STORE_AGENT');
    expect(unknownSlug.code).toBe(1);
    expect(unknownSlug.out).toEqual([]);
    expect(unknownSlug.err).toMatch(/^no tenant with slug no-such-store/);

    const unknownRole = await cli('key', 'create', 'bj-zgc', '--role', 'WIZARD');
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.err).toMatch(/^--role must be one of HQ_ADMIN, /);

    const noRole = await cli('key', 'create', 'bj-zgc');
    expect(noRole.code).toBe(1);
    expect(noRole.err).toMatch(/^--role must be one of/);

    const noSlug = await cli('key', 'create', '--role', 'STORE_AGENT');
    expect(noSlug.code).toBe(1);
    expect(noSlug.err).toMatch(/^key create needs a tenant slug/);

    for (const [slug, role] of [
      ['bj-zgc', 'HQ_ADMIN'],
      ['bj-zgc', 'PARTNER_SYSTEM'],
      ['demo-hq', 'STORE_AGENT'],
    ]) {
      const misfit = await cli('key', 'create', slug, '--role', role);
      expect(misfit.code).toBe(1);
      expect(misfit.out).toEqual([]);
      expect(misfit.err).toMatch(new RegExp(`^Role ${role} does not exist in a (STORE|HQ) tenant$`));
    }
    expect(await keyCount()).toBe(before);
  });

  test('revoking an unknown or malformed key id is refused', async () => {
    const unknown = await cli('key', 'revoke', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^no API key with id 00000000-0000-4000-8000-000000000000/);
    const malformed = await cli('key', 'revoke', 'not-a-uuid');
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/^key revoke needs a key id/);
  });

  test('an unknown command prints the usage', async () => {
    const run = await cli('frobnicate');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^unknown command: frobnicate\n\nusage: /);
  });

  test('an option the command does not take, or one given without its value, is refused with the usage', async () => {
    const unknown = await cli('key', 'revoke', '00000000-0000-4000-8000-000000000000', '--force');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toEqual([]);
    expect(unknown.err).toMatch(/^key revoke: Unknown option '--force'\n\nusage: /);
    const notHere = await cli('operator', 'disable', 'someone@platform.test', '--name', 'Someone');
    expect(notHere.err).toMatch(/^operator disable: Unknown option '--name'\n\nusage: /);
    const noValue = await cli('deadlines', 'rebuild', '--tenant');
    expect(noValue.code).toBe(1);
    expect(noValue.err).toMatch(/^deadlines rebuild: Option '--tenant <value>' argument missing\n\nusage: /);
  });

  test('options may come before the positionals, and as --name=value', async () => {
    const created = await cli('key', 'create', '--role=STORE_AGENT', '--name', 'Front desk', 'bj-zgc');
    expect(created.code).toBe(0);
    expect(created.out).toContain('role: STORE_AGENT');
    expect(created.out).toContain('name: Front desk');
  });
});

describe('standard publish', () => {
  const TEMPLATE = join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml');

  test('publishes the demo standard once; the same version again changes nothing; other content under it is refused', async () => {
    await cli('apply', DEMO);
    const first = await cli('standard', 'publish', TEMPLATE);
    expect(first.code).toBe(0);
    expect(first.out).toEqual(['published demo-hq-standard version 1 for demo-hq']);
    const again = await cli('standard', 'publish', TEMPLATE);
    expect(again.out).toEqual(['no changes: demo-hq-standard version 1 is in force']);
    const changed = folderWith({ 'changed.yaml': readFileSync(TEMPLATE, 'utf8').replace('atRiskShare: 0.75', 'atRiskShare: 0.5') });
    const conflict = await cli('standard', 'publish', join(changed, 'changed.yaml'));
    expect(conflict.code).toBe(1);
    expect(conflict.err).toMatch(/already published with other content; raise the version/);
    const { rows } = await admin.query(`select code, version from sla_templates`);
    expect(rows).toEqual([{ code: 'demo-hq-standard', version: 1 }]);
  });

  test('a template with a fractional number of working days is refused before anything is written', async () => {
    await cli('apply', DEMO);
    const text = readFileSync(TEMPLATE, 'utf8').replace('version: 1', 'version: 7').replace('amount: 2, unit: WORKING_DAYS', 'amount: 1.5, unit: WORKING_DAYS');
    const folder = folderWith({ 'fraction.yaml': text });
    const refused = await cli('standard', 'publish', join(folder, 'fraction.yaml'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/fraction\.yaml: targets\.\d+\.amount: RESOLUTION: 1\.5 WORKING_DAYS: WORKING_DAYS counts whole days/);
    const { rows } = await admin.query(`select version from sla_templates where version = 7`);
    expect(rows).toEqual([]);
  });
});

describe('deadlines rebuild', () => {
  test("writes every open ticket's stored clock points again, for all stores or one; HQ is not a store", async () => {
    await cli('apply', DEMO);
    await cli('standard', 'publish', join(projectRoot(), 'tenants', 'templates', 'demo-hq.yaml'));
    const store = (await admin.query<{ id: string }>(`select id from tenants where slug = 'bj-zgc'`)).rows[0].id;
    const orm = await openOrm(config.APP_DATABASE_URL, 1);
    try {
      await inTenantTransaction(orm, store, (em) =>
        registerTicket(
          { tenantId: store, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock },
          { type: TicketType.REPAIR, channel: TicketChannel.WALK_IN, problem: 'Runs hot', newCustomer: { name: 'Rebuild', phone: '13900001111' } },
        ),
      );
    } finally {
      await orm.close();
    }
    const points = `select ticket_id, metric, at_risk_at, due_at from ticket_clock_points where tenant_id = $1 order by metric`;
    const written = (await admin.query(points, [store])).rows;
    expect(written.length).toBeGreaterThan(0);
    expect(written[0].due_at).toBeInstanceOf(Date);
    await admin.query(`delete from ticket_clock_points`);

    const all = await cli('deadlines', 'rebuild');
    expect(all.code).toBe(0);
    expect(all.out).toContain('bj-zgc: 1 open ticket(s)');
    const stores = (await admin.query(`select count(*)::int as n from tenants where kind = 'STORE' and status = 'ACTIVE'`)).rows[0].n;
    expect(all.out[all.out.length - 1]).toBe(`rebuilt the clock deadlines of 1 open ticket(s) in ${stores} store(s)`);
    expect((await admin.query(points, [store])).rows).toEqual(written);

    const one = await cli('deadlines', 'rebuild', '--tenant', 'bj-zgc');
    expect(one.out).toEqual(['bj-zgc: 1 open ticket(s)', 'rebuilt the clock deadlines of 1 open ticket(s) in 1 store(s)']);
    const hq = await cli('deadlines', 'rebuild', '--tenant', 'demo-hq');
    expect(hq.code).toBe(1);
    expect(hq.err).toMatch(/^no store with slug demo-hq/);
  });
});

describe('calendars in tenant files', () => {
  test("a store's calendar from its file drives its working time: its hours, its closures and the national holidays", async () => {
    await cli('apply', DEMO);
    const { rows } = await admin.query(`select t.slug, c.national_code from tenant_calendars c join tenants t on t.id = c.tenant_id`);
    expect(rows).toEqual([{ slug: 'bj-zgc', national_code: 'CN' }]);
    const orm = await openOrm(config.APP_DATABASE_URL, 1);
    try {
      const tenantId = (await admin.query(`select id from tenants where slug = 'bj-zgc'`)).rows[0].id;
      const calendar = await inTenantTransaction(orm, tenantId, (em) =>
        calendarOf({ tenantId, tenantKind: TenantKind.STORE, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }),
      );
      expect(calendar.isWorkingDay('2026-06-30')).toBe(false); // the store's own closure
      expect(calendar.isWorkingDay('2026-10-02')).toBe(false); // National Day
      expect(calendar.workingMinutesOn('2026-03-14')).toBe(360); // Saturday 10:00-16:00
      expect(calendar.isWorkingDay('2026-03-15')).toBe(false); // Sunday
    } finally {
      await orm.close();
    }
    expect((await cli('apply', DEMO)).out.at(-1)).toMatch(/^no changes/);
  });
});

describe('platform operators', () => {
  let orm: Orm;

  beforeAll(async () => {
    orm = await openOrm(db.appUrl, 2);
  });

  afterAll(async () => {
    await orm?.close();
  });

  /** What the api does at sign-in, over the runtime connection. */
  const signIn = (email: string, password: string) => verifyOperatorCredentials({ orm, clock: systemClock }, email, password);

  async function operatorRow(email: string) {
    return (await admin.query('select email, name, status, password_hash from platform_operators where email = $1', [email])).rows[0];
  }

  test('operator create makes one outside every tenant, prints its password last and once, and it signs in', async () => {
    const tenantsBefore = await dump();
    const created = await cli('operator', 'create', 'Ops.Lead@Platform.test', '--name', 'Ops Lead');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out.slice(0, 2)).toEqual(['operator: ops.lead@platform.test', 'name: Ops Lead']);
    const password = created.out[created.out.length - 1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const row = await operatorRow('ops.lead@platform.test');
    expect(row).toMatchObject({ name: 'Ops Lead', status: 'ACTIVE' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);
    // no tenant, staff user or audit row was touched
    expect(await dump()).toEqual(tenantsBefore);

    expect(await signIn('ops.lead@platform.test', password)).toMatchObject({ email: 'ops.lead@platform.test', name: 'Ops Lead' });
    expect(await signIn('ops.lead@platform.test', `${password}x`)).toBeNull();
  });

  test('the same e-mail twice, a missing or malformed e-mail and an unknown action are refused, and nothing is written', async () => {
    await cli('operator', 'create', 'twice@platform.test');
    const count = async () => (await admin.query('select count(*)::int as n from platform_operators')).rows[0].n;
    const before = await count();
    const again = await cli('operator', 'create', 'TWICE@platform.test');
    expect(again.code).toBe(1);
    expect(again.out).toEqual([]);
    expect(again.err).toMatch(/^an operator twice@platform\.test already exists/);
    const malformed = await cli('operator', 'create', 'not-an-email');
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/^not an e-mail address: not-an-email/);
    const missing = await cli('operator', 'create', '--name', 'Nobody');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^operator create needs an e-mail address/);
    const unknown = await cli('operator', 'promote', 'twice@platform.test');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^operator takes one of create, disable, enable, password, list/);
    expect(await count()).toBe(before);
  });

  test('disable refuses the sign-in until enable; both say when nothing changed; an unknown operator is refused', async () => {
    const created = await cli('operator', 'create', 'rotating@platform.test');
    const password = created.out[created.out.length - 1];
    expect(await cli('operator', 'disable', 'rotating@platform.test')).toEqual({ code: 0, out: ['disabled rotating@platform.test'], err: '' });
    expect((await operatorRow('rotating@platform.test')).status).toBe('DISABLED');
    expect(await signIn('rotating@platform.test', password)).toBeNull();
    expect((await cli('operator', 'disable', 'rotating@platform.test')).out).toEqual(['disabled rotating@platform.test (it already was)']);
    expect((await cli('operator', 'enable', 'rotating@platform.test')).out).toEqual(['enabled rotating@platform.test']);
    expect(await signIn('rotating@platform.test', password)).not.toBeNull();

    const unknown = await cli('operator', 'disable', 'ghost@platform.test');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('no operator ghost@platform.test');
  });

  test('operator password issues a new password once and the old one stops working', async () => {
    const created = await cli('operator', 'create', 'forgetful@platform.test');
    const old = created.out[created.out.length - 1];
    const reissued = await cli('operator', 'password', 'forgetful@platform.test');
    expect(reissued.code).toBe(0);
    const fresh = reissued.out[reissued.out.length - 1];
    expect(fresh).not.toBe(old);
    expect(await signIn('forgetful@platform.test', old)).toBeNull();
    expect(await signIn('forgetful@platform.test', fresh)).not.toBeNull();
  });

  test('operator list shows each operator with its status and last sign-in, never a password', async () => {
    const created = await cli('operator', 'create', 'listed@platform.test', '--name', 'Listed');
    await signIn('listed@platform.test', created.out[created.out.length - 1]);
    const listed = await cli('operator', 'list');
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    const line = listed.out.find((l) => l.startsWith('listed@platform.test'));
    expect(line).toMatch(/^listed@platform\.test\tACTIVE\tListed\tlast sign-in: \d{4}-\d\d-\d\dT/);
    expect(listed.out.join('\n')).not.toMatch(/argon2/);
  });
});
