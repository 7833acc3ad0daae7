import { randomUUID } from 'node:crypto';
import { ApiKey } from '../../schema/entities';
import { recordAudit } from '../audit';
import { atomically, TenantContext } from '../context';
import { notFound, UserInputError } from '../errors';
import { afterCondition, checkPageSize, NEWEST_FIRST, Page, PageRequest, toPage } from '../pagination';
import { roleFitsTenant } from '../permissions';
import { issueKeySecret } from './api-key-secret';
import type { CreateApiKeyInput } from '../../schema/graphql/staff.types';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full key: returned once, never stored, never shown again. */
  plaintext: string;
}

export async function createApiKey(ctx: TenantContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) {
    throw new UserInputError('INVALID_NAME', 'Name must be 1 to 200 characters', ['name']);
  }
  if (!roleFitsTenant(input.role, ctx.tenantKind)) {
    throw new UserInputError('ROLE_NOT_ALLOWED', `Role ${input.role} does not exist in a ${ctx.tenantKind} tenant`, ['role']);
  }
  return atomically(ctx, async () => {
    const id = randomUUID();
    const secret = issueKeySecret(id);
    const apiKey = ctx.em.create(ApiKey, {
      tenantId: ctx.tenantId,
      id,
      name,
      role: input.role,
      secretHash: secret.secretHash,
      createdBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
      createdAt: ctx.clock.now(),
    });
    recordAudit(ctx, 'API_KEY_CREATED', { keyId: id, role: input.role, name });
    return { apiKey, plaintext: secret.plaintext };
  });
}

/** Revoking twice is harmless: the first revocation time is kept. */
export async function revokeApiKey(ctx: TenantContext, keyId: string): Promise<ApiKey> {
  return atomically(ctx, async () => {
    const apiKey = await ctx.em.findOne(ApiKey, { tenantId: ctx.tenantId, id: keyId });
    if (!apiKey) throw notFound('API key');
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = ctx.clock.now();
      recordAudit(ctx, 'API_KEY_REVOKED', { keyId });
    }
    return apiKey;
  });
}

export async function listApiKeys(ctx: TenantContext, page: PageRequest): Promise<Page<ApiKey>> {
  checkPageSize(page.first);
  const rows = await ctx.em.find(ApiKey, { tenantId: ctx.tenantId, ...afterCondition(page.after) }, { orderBy: NEWEST_FIRST, limit: page.first + 1 });
  return toPage(rows, page.first);
}
