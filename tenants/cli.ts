import 'reflect-metadata';
import { createApiKey, revokeApiKey } from '../domain/auth/api-key.service';
import { systemClock } from '../domain/clock';
import { SYSTEM_PRINCIPAL } from '../domain/context';
import { UserInputError, AccessError } from '../domain/errors';
import { loadConfigOrExit } from '../infra/config';
import { inTenantTransaction, openOrm, Orm } from '../infra/database';
import { Role, TenantKind } from '../schema/enums';
import { applyTenants } from './provisioning/apply';
import { InvalidTenantFiles, loadTenantFiles } from './provisioning/load';

const USAGE = `usage: npm run tenants -- <command>

  apply <file-or-folder>                       provision tenants and staff from YAML (idempotent)
  key create <tenant-slug> --role <ROLE> [--name NAME]
                                               create an API key; the key is the last line printed
  key revoke <key-id>                          revoke an API key

roles: ${Object.values(Role).join(', ')}`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'apply') {
    if (rest.length !== 1) throw new UsageError('apply takes one file or folder');
    const loaded = loadTenantFiles(rest[0]); // validate everything before touching the database
    await withOrm(async (orm) => {
      const changes = await applyTenants(orm, loaded, systemClock);
      for (const change of changes) process.stdout.write(`${change}\n`);
      process.stdout.write(changes.length ? `applied ${changes.length} change(s)\n` : `no changes: ${loaded.length} tenant(s) up to date\n`);
    });
    return;
  }
  if (command === 'key' && rest[0] === 'create') return keyCreate(rest.slice(1));
  if (command === 'key' && rest[0] === 'revoke') return keyRevoke(rest.slice(1));
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

async function keyCreate(args: string[]): Promise<void> {
  const slug = args[0];
  const role = option(args, '--role');
  const name = option(args, '--name') ?? `${role} key`;
  if (!slug || slug.startsWith('--')) throw new UsageError('key create needs a tenant slug');
  if (!role || !Object.values(Role).includes(role as Role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
  await withOrm(async (orm) => {
    const rows = await orm.em.fork().execute<{ id: string; kind: TenantKind }[]>('select id, kind from auth_tenant_by_slug(?)', [slug]);
    if (!rows[0]) throw new UsageError(`no tenant with slug ${slug}`);
    const { id: tenantId, kind } = rows[0];
    const created = await inTenantTransaction(orm, tenantId, (em) =>
      createApiKey({ tenantId, tenantKind: kind, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, { name, role: role as Role }),
    );
    process.stdout.write(`key id: ${created.apiKey.id}\ntenant: ${slug}\nrole: ${role}\nname: ${name}\n`);
    process.stdout.write('the key below is shown once; store it now\n');
    process.stdout.write(`${created.plaintext}\n`);
  });
}

async function keyRevoke(args: string[]): Promise<void> {
  const keyId = args[0];
  if (!keyId || !/^[0-9a-f-]{36}$/.test(keyId)) throw new UsageError('key revoke needs a key id (a uuid, as printed by key create)');
  await withOrm(async (orm) => {
    const rows = await orm.em.fork().execute<{ tenant_id: string | null }[]>('select auth_api_key_tenant(?) as tenant_id', [keyId]);
    const tenantId = rows[0]?.tenant_id;
    if (!tenantId) throw new UsageError(`no API key with id ${keyId}`);
    await inTenantTransaction(orm, tenantId, async (em) => {
      const tenant = await em.execute<{ kind: TenantKind }[]>('select kind from tenants where id = ?', [tenantId]);
      await revokeApiKey({ tenantId, tenantKind: tenant[0].kind, principal: SYSTEM_PRINCIPAL, em, clock: systemClock }, keyId);
    });
    process.stdout.write(`revoked ${keyId}\n`);
  });
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function withOrm(work: (orm: Orm) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit();
  const orm = await openOrm(config.APP_DATABASE_URL, 2);
  try {
    await work(orm);
  } finally {
    await orm.close();
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof InvalidTenantFiles) {
    process.stderr.write(`invalid tenant files, nothing applied:\n${error.message}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  } else if (error instanceof UserInputError || error instanceof AccessError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`tenants failed: ${error.stack ?? error.message}\n`);
  }
  process.exit(1);
});
