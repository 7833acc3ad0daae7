import { TenantKind, TenantStatus, Locale } from '../../core/enums';
import { Tenant } from '../../schema/entities';
import { SYSTEM_PRINCIPAL, TenantContext } from '../context';
import { AccessError } from '../errors';
import type { LookupOrigin, StatusLookupDeps } from '../customer-status/status-lookup';
import { CustomerStore, storeCard } from '../customer-status/store-card';
import { callbackPolicyOf } from '../standards/callback-policy';
import { standardInForce } from '../standards/standard.service';
import { inTenantTransaction } from '../tenant-transaction';
import { Commitment, commitmentLines } from './commitment-lines';

/** A store's published commitments: who it is, how to reach it, and what it promises, in one language. */
export interface StoreCommitments {
  /** The store's code, as in its public address. */
  slug: string;
  store: CustomerStore;
  locale: Locale;
  commitments: Commitment[];
}

/** An unknown code, an HQ's or a partner's, a suspended store's: one answer, naming no tenant. */
const noSuchStore = () => new AccessError('NOT_FOUND', 'No store has this code: check the address of its commitments page');

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * The commitments page of the store with code `slug`, for anyone: no account,
 * read under the store's own RLS in a read-only transaction, from the
 * standard in force right now (HQ's latest version with the store's
 * overrides), the same rules a ticket registered now is held to. Look-ups are
 * counted per client address like the status page's, and one that finds its
 * store is taken back, so only guessing is slowed down.
 */
export async function storeCommitments(deps: StatusLookupDeps, origin: LookupOrigin, slug: string, locale: Locale): Promise<StoreCommitments> {
  const code = slug.trim().toLowerCase();
  // Not a code at all: refused without counting, as nothing was looked up.
  if (!SLUG.test(code)) throw noSuchStore();
  const attempt = await origin.throttle.byStore(origin.clientAddress, deps.clock.now());
  const [found] = await deps.orm.em
    .fork()
    .execute<{ id: string; kind: string; status: string }[]>('select id, kind, status from auth_tenant_by_slug(?)', [code]);
  if (!found || found.kind !== TenantKind.STORE || found.status !== TenantStatus.ACTIVE) throw noSuchStore();
  const page = await inTenantTransaction(deps.orm, found.id, async (em) => {
    // An anonymous reader writes nothing, whatever the code it runs through.
    await em.execute('set transaction read only');
    const tenant = await em.findOneOrFail(Tenant, { id: found.id });
    const ctx: TenantContext = { tenantId: tenant.id, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    const standard = await standardInForce(ctx);
    const commitments = standard.template
      ? commitmentLines(
          {
            hqRules: standard.template.targets,
            storeRules: standard.storeRules,
            callbacks: callbackPolicyOf({ slaStandard: { callbacks: standard.template.callbacks } }),
          },
          locale,
        )
      : [];
    return { slug: tenant.slug, store: await storeCard(ctx, tenant), locale, commitments };
  });
  await attempt.found();
  return page;
}
