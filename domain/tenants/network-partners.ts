import type { TenantContext } from '../context';

export interface PartnerSummary {
  id: string;
  slug: string;
  name: string;
}

/** The active partners of the caller's HQ, by name: whom a store may dispatch a repair to. */
export async function networkPartners(ctx: TenantContext): Promise<PartnerSummary[]> {
  return ctx.em.execute<PartnerSummary[]>('select id, slug, name from network_partners()');
}
