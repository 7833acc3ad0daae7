import { createApiKey, revokeApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../core/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { UserInputError, AccessError } from '../domain/errors';
import type { Config } from '../infra/config';
import { type CommandArgs, readCommandArgs } from '../infra/command-args';
import { inTenantTransaction } from '../domain/tenant-transaction';
import { openOrm } from '../infra/database';
import { Orm } from '../domain/ports/database';
import { Role, TenantKind } from '../core/enums';
import { readFileSync } from 'node:fs';
import { publishTemplate, standardInForce } from '../domain/standards/standard.service';
import { parseTemplate } from '../domain/standards/sla-template-file';
import { parseNationalYear } from '../domain/standards/national-calendar';
import { publishNationalCalendar } from '../domain/standards/national-calendar.service';
import { rebuildStoreDeadlines } from './store-deadlines';
import { rebuildStoreFigures } from './store-figures';
import { generateNetwork } from './generate-network/generate';
import { networkOptions } from './generate-network/options';
import { generateMonth } from './generate-month/generate';
import { monthOptions } from './generate-month/options';
import { applyTenants } from './provisioning/apply';
import { InvalidTenantFiles, loadTenantFiles } from './provisioning/load';
import { OperatorStatus } from '../domain/operators/operator';
import { createOperator, listOperators, reissueOperatorPassword, setOperatorStatus } from '../domain/operators/operator-registry';

const USAGE = `usage: npm run tenants -- <command>

  apply <file-or-folder>                       provision tenants and staff from YAML (idempotent)
  key create <tenant-slug> --role <ROLE> [--name NAME]
                                               create an API key; the key is the last line printed
  key revoke <key-id>                          revoke an API key
  standard publish <template-file>             publish a version of an HQ's service standard
                                               (idempotent: the same version again changes nothing)
  operator create <email> [--name NAME]        a platform operator, who signs in to the queue dashboard;
                                               the password is the last line printed, shown once
  operator disable <email>                     closes the operator's dashboard at once (enable reopens it)
  operator enable <email>
  operator password <email>                    a new password for a forgotten one, shown once
  operator list
  calendar publish <year-file> --hq <hq-slug>  publish a year of the national calendar for an HQ's network,
                                               as in tenants/calendars/*.yaml; open tickets' due times
                                               are recomputed (the same days again change nothing)
  generate-network --seed <n> [--stores 1000] [--tickets 2000000] [--as-of <ISO instant>]
                                               a franchise network at scale for measuring, in a freshly migrated
                                               database: the demo HQ, its partners, generated stores, customers,
                                               devices, staff and a year of tickets; the same seed writes the same
                                               network (the year ends at --as-of, by default the start of today UTC)
  generate-month --seed <n> [--month YYYY-MM] [--per-day 15]
                                               a realistic month of tickets with their histories in the demo
                                               network's stores (bj-zgc, sh-xjh, sz-hqb), then their clock
                                               deadlines and service-figure facts rebuilt; the same seed writes
                                               the same month (by default the previous one, Asia/Shanghai);
                                               refused when that month was already generated
  deadlines rebuild [--tenant <store-slug>]    write every open ticket's stored clock deadlines (what the work
                                               queue and the tickets at risk are ranked by) again from its
                                               clocks, for one store or all of them
  figures rebuild [--tenant <store-slug>]      write every ticket's service-figure facts (the runs of its clocks
                                               and their outcomes; its volume, backlog, escalation and parts
                                               rows) again from its history, for one store or all

roles: ${Object.values(Role).join(', ')}`;

class UsageError extends Error {}

/** Where the commands write, and which database they use: injected so tests run them in-process. */
export interface CliIo {
  config: Config;
  out(line: string): void;
  err(line: string): void;
}

async function dispatch(argv: string[], io: CliIo): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return;
  }
  if (command === 'apply') {
    const { positionals } = commandArgs('apply', rest);
    if (positionals.length !== 1) throw new UsageError('apply takes one file or folder');
    const loaded = loadTenantFiles(positionals[0]); // validate everything before touching the database
    await withOrm(io, async (orm) => {
      const changes = await applyTenants(orm, loaded, systemClock);
      for (const change of changes) io.out(change);
      io.out(changes.length ? `applied ${changes.length} change(s)` : `no changes: ${loaded.length} tenant(s) up to date`);
    });
    return;
  }
  if (command === 'key' && rest[0] === 'create') return keyCreate(rest.slice(1), io);
  if (command === 'standard' && rest[0] === 'publish') return standardPublish(rest.slice(1), io);
  if (command === 'key' && rest[0] === 'revoke') return keyRevoke(rest.slice(1), io);
  if (command === 'operator') return operatorCommand(rest, io);
  if (command === 'calendar' && rest[0] === 'publish') return calendarPublish(rest.slice(1), io);
  if (command === 'deadlines' && rest[0] === 'rebuild') return deadlinesRebuild(rest.slice(1), io);
  if (command === 'figures' && rest[0] === 'rebuild') return figuresRebuild(rest.slice(1), io);
  if (command === 'generate-network') return generateNetworkCommand(rest, io);
  if (command === 'generate-month') return generateMonthCommand(rest, io);
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

async function keyCreate(args: string[], io: CliIo): Promise<void> {
  const { positionals, values } = commandArgs('key create', args, ['role', 'name']);
  const slug = positionals[0];
  const role = values.role;
  const name = values.name ?? `${role} key`;
  if (!slug) throw new UsageError('key create needs a tenant slug');
  if (!role || !Object.values(Role).includes(role as Role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
  await withOrm(io, async (orm) => {
    const rows = await orm.em.fork().execute<{ id: string; kind: TenantKind }[]>('select id, kind from auth_tenant_by_slug(?)', [slug]);
    if (!rows[0]) throw new UsageError(`no tenant with slug ${slug}`);
    const { id: tenantId, kind } = rows[0];
    const created = await inTenantTransaction(orm, tenantId, (em) =>
      createApiKey({ tenantId, tenantKind: kind, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, { name, role: role as Role }),
    );
    io.out(`key id: ${created.apiKey.id}`);
    io.out(`tenant: ${slug}`);
    io.out(`role: ${role}`);
    io.out(`name: ${name}`);
    io.out('the key below is shown once; store it now');
    io.out(created.plaintext);
  });
}

async function keyRevoke(args: string[], io: CliIo): Promise<void> {
  const keyId = commandArgs('key revoke', args).positionals[0];
  if (!keyId || !/^[0-9a-f-]{36}$/.test(keyId)) throw new UsageError('key revoke needs a key id (a uuid, as printed by key create)');
  await withOrm(io, async (orm) => {
    const rows = await orm.em.fork().execute<{ tenant_id: string | null }[]>('select auth_api_key_tenant(?) as tenant_id', [keyId]);
    const tenantId = rows[0]?.tenant_id;
    if (!tenantId) throw new UsageError(`no API key with id ${keyId}`);
    await inTenantTransaction(orm, tenantId, async (em) => {
      const tenant = await em.execute<{ kind: TenantKind }[]>('select kind from tenants where id = ?', [tenantId]);
      await revokeApiKey({ tenantId, tenantKind: tenant[0].kind, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, keyId);
    });
    io.out(`revoked ${keyId}`);
  });
}

async function standardPublish(args: string[], io: CliIo): Promise<void> {
  const file = commandArgs('standard publish', args).positionals[0];
  if (!file) throw new UsageError('standard publish needs a template file');
  let definition: string;
  let template;
  try {
    definition = readFileSync(file, 'utf8');
    template = parseTemplate(definition, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  await withOrm(io, async (orm) => {
    const rows = await orm.em.fork().execute<{ id: string; kind: TenantKind }[]>('select id, kind from auth_tenant_by_slug(?)', [template.ownerSlug]);
    if (!rows[0] || rows[0].kind !== TenantKind.HQ) throw new UsageError(`no HQ with slug ${template.ownerSlug}`);
    const { id: tenantId } = rows[0];
    const outcome = await inTenantTransaction(orm, tenantId, async (em) => {
      const ctx = { tenantId, tenantKind: TenantKind.HQ, principal: SYSTEM_PRINCIPAL, em, clock: systemClock };
      const current = await standardInForce(ctx);
      if (current.template?.code === template.code && current.template.version === template.version) {
        if (canonical(current.template) !== canonical(template)) {
          throw new UsageError(`version ${template.version} of ${template.code} is already published with other content; raise the version`);
        }
        return 'unchanged';
      }
      await publishTemplate(ctx, definition);
      return 'published';
    });
    io.out(
      outcome === 'published'
        ? `published ${template.code} version ${template.version} for ${template.ownerSlug}`
        : `no changes: ${template.code} version ${template.version} is in force`,
    );
  });
}

/**
 * Platform operators live outside the tenant tree and are written over the
 * admin connection (DATABASE_URL), which the api never uses for requests.
 */
async function operatorCommand(args: string[], io: CliIo): Promise<void> {
  const action = args[0];
  const actions = ['create', 'disable', 'enable', 'password', 'list'];
  if (!actions.includes(action)) throw new UsageError(`operator takes one of ${actions.join(', ')}`);
  const { positionals, values } = commandArgs(`operator ${action}`, args.slice(1), action === 'create' ? ['name'] : []);
  const email = positionals[0];
  if (action !== 'list' && !email) throw new UsageError(`operator ${action} needs an e-mail address`);
  await withAdminOrm(io, async (orm) => {
    if (action === 'create') {
      const issued = await createOperator(orm, systemClock, { email, name: values.name });
      io.out(`operator: ${issued.operator.email}`);
      io.out(`name: ${issued.operator.name}`);
      io.out('sign in at /admin/login with the password below; it is shown once, store it now');
      io.out(issued.password);
    } else if (action === 'password') {
      const issued = await reissueOperatorPassword(orm, systemClock, email);
      io.out(`operator: ${issued.operator.email}`);
      io.out('the old password no longer works; the new one below is shown once, store it now');
      io.out(issued.password);
    } else if (action === 'list') {
      const operators = await listOperators(orm);
      for (const o of operators) {
        io.out(`${o.email}\t${o.status}\t${o.name}\tlast sign-in: ${o.lastSignInAt?.toISOString() ?? 'never'}`);
      }
      if (operators.length === 0) io.out('no operators yet: npm run tenants -- operator create <email>');
    } else {
      const status = action === 'disable' ? OperatorStatus.DISABLED : OperatorStatus.ACTIVE;
      const { operator, changed } = await setOperatorStatus(orm, systemClock, email, status);
      io.out(`${action}d ${operator.email}${changed ? '' : ' (it already was)'}`);
    }
  });
}

async function calendarPublish(args: string[], io: CliIo): Promise<void> {
  const { positionals, values } = commandArgs('calendar publish', args, ['hq']);
  const file = positionals[0];
  const slug = values.hq;
  if (!file) throw new UsageError('calendar publish needs a year file');
  if (!slug) throw new UsageError('calendar publish needs --hq <hq-slug>');
  let definition: string;
  try {
    definition = readFileSync(file, 'utf8');
    parseNationalYear(definition, file); // refuse a wrong file before connecting
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  await withOrm(io, async (orm) => {
    const rows = await orm.em.fork().execute<{ id: string; kind: TenantKind }[]>('select id, kind from auth_tenant_by_slug(?)', [slug]);
    if (!rows[0] || rows[0].kind !== TenantKind.HQ) throw new UsageError(`no HQ with slug ${slug}`);
    const { id: tenantId } = rows[0];
    const outcome = await inTenantTransaction(orm, tenantId, (em) =>
      publishNationalCalendar({ tenantId, tenantKind: TenantKind.HQ, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, definition),
    );
    const { code, year, revision } = outcome.year;
    io.out(
      outcome.changed
        ? `published ${code} ${year} for ${slug} (revision ${revision}); ${outcome.tenantsRecomputing} tenant(s) recompute their open tickets' due times`
        : `no changes: ${code} ${year} is already published for ${slug} with these days`,
    );
  });
}

/** What a rebuild command says: the command's name, how one store is rebuilt, and its words. */
interface StoreRebuild {
  command: string;
  rebuild(orm: Orm, tenantId: string): Promise<{ slug: string; count: number } | null>;
  /** A store's line, from how many tickets it rebuilt. */
  storeLine(count: number): string;
  /** The closing line, from the tickets and the stores. */
  summary(total: number, stores: number): string;
}

/** Rebuilds one store (`--tenant <slug>`) or every active store, a line per store and a closing line. */
async function rebuildStores(spec: StoreRebuild, args: string[], io: CliIo): Promise<void> {
  const slug = commandArgs(spec.command, args, ['tenant']).values.tenant;
  await withOrm(io, async (orm) => {
    const ids = slug
      ? await orm.em.fork().execute<{ id: string }[]>(`select id from auth_tenant_by_slug(?) where kind = ?`, [slug, TenantKind.STORE])
      : await orm.em.fork().execute<{ id: string }[]>('select worker_active_tenant_ids() as id');
    if (slug && !ids[0]) throw new UsageError(`no store with slug ${slug}`);
    let total = 0;
    let stores = 0;
    for (const { id } of ids) {
      const rebuilt = await spec.rebuild(orm, id);
      if (!rebuilt) continue; // HQ and partners keep none of it
      io.out(`${rebuilt.slug}: ${spec.storeLine(rebuilt.count)}`);
      total += rebuilt.count;
      stores += 1;
    }
    io.out(spec.summary(total, stores));
  });
}

function deadlinesRebuild(args: string[], io: CliIo): Promise<void> {
  return rebuildStores(
    {
      command: 'deadlines rebuild',
      rebuild: rebuildStoreDeadlines,
      storeLine: (count) => `${count} open ticket(s)`,
      summary: (total, stores) => `rebuilt the clock deadlines of ${total} open ticket(s) in ${stores} store(s)`,
    },
    args,
    io,
  );
}

function figuresRebuild(args: string[], io: CliIo): Promise<void> {
  return rebuildStores(
    {
      command: 'figures rebuild',
      rebuild: (orm, tenantId) => rebuildStoreFigures(orm, tenantId),
      storeLine: (count) => `${count} ticket(s)`,
      summary: (total, stores) => `rebuilt the service-figure facts of ${total} ticket(s) in ${stores} store(s)`,
    },
    args,
    io,
  );
}

async function generateNetworkCommand(args: string[], io: CliIo): Promise<void> {
  const { positionals, values } = commandArgs('generate-network', args, ['seed', 'stores', 'tickets', 'as-of']);
  if (positionals.length) throw new UsageError('generate-network takes only options');
  let options;
  try {
    options = networkOptions(values, systemClock.now());
  } catch (error) {
    throw new UsageError(`generate-network: ${(error as Error).message}`);
  }
  await withOrm(io, async (orm) => {
    const network = await generateNetwork(options, { adminUrl: io.config.DATABASE_URL, orm, clock: systemClock, out: io.out });
    io.out(
      `generated ${network.stores} stores, ${network.tickets} tickets (${network.openTickets} open), ${network.timelineEntries} timeline entries, ` +
        `${network.clockPoints} clock points, ${network.metricFacts} service-figure facts in ${network.seconds.toFixed(0)} s`,
    );
    io.out(`content hash ${network.content.hash}`);
  });
}

async function generateMonthCommand(args: string[], io: CliIo, clock = systemClock): Promise<void> {
  const { positionals, values } = commandArgs('generate-month', args, ['seed', 'month', 'per-day']);
  if (positionals.length) throw new UsageError('generate-month takes only options');
  let options;
  try {
    options = monthOptions(values, clock.now());
  } catch (error) {
    throw new UsageError(`generate-month: ${(error as Error).message}`);
  }
  await withOrm(io, async (orm) => {
    let month;
    try {
      month = await generateMonth(options, { adminUrl: io.config.DATABASE_URL, orm, clock, out: io.out });
    } catch (error) {
      if ((error as Error).message.includes('demo') || (error as Error).message.includes('already')) throw new UsageError((error as Error).message);
      throw error;
    }
    const total = month.tickets.reduce((sum, s) => sum + s.count, 0);
    io.out(`generated ${total} tickets in ${options.month} (${month.tickets.map((s) => `${s.slug} ${s.count}`).join(', ')}); ${month.runs} clock runs written`);
  });
}

/** JSON with keys in one order: the database keeps its own key order in jsonb. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}

/** A command's own arguments (positionals and the string options it takes); anything else is a usage error. */
function commandArgs(command: string, args: string[], optionNames: string[] = []): CommandArgs {
  try {
    return readCommandArgs(args, optionNames);
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

async function withOrm(io: CliIo, work: (orm: Orm) => Promise<void>): Promise<void> {
  const orm = await openOrm(io.config.APP_DATABASE_URL, 2);
  try {
    await work(orm);
  } finally {
    await orm.close();
  }
}

async function withAdminOrm(io: CliIo, work: (orm: Orm) => Promise<void>): Promise<void> {
  const orm = await openOrm(io.config.DATABASE_URL, 1);
  try {
    await work(orm);
  } finally {
    await orm.close();
  }
}

/** Runs one command; returns the process exit code. */
export async function runTenantsCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await dispatch(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof InvalidTenantFiles) {
      io.err(`invalid tenant files, nothing applied:\n${error.message}`);
    } else if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
    } else if (error instanceof UserInputError || error instanceof AccessError) {
      io.err(error.message);
    } else {
      io.err(`tenants failed: ${(error as Error).stack ?? String(error)}`);
    }
    return 1;
  }
}
