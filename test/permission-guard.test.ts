import 'reflect-metadata';
import { graphql } from 'graphql';
import { buildSchema, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../api/context';
import { domainErrorMapper } from '../api/graphql/errors';
import { permissionGuard, Requires } from '../api/graphql/guard';
import { Permission, permissionsOf } from '../domain/permissions';
import { Role, TenantKind } from '../core/enums';

/** Deny by default: the guard refuses what declares nothing, whoever asks. */
@Resolver()
class ProbeResolver {
  @Query(() => String, { description: 'Declares nothing.' })
  undeclared(): string {
    return 'leaked';
  }

  @Query(() => String, { description: 'Needs STAFF_MANAGE.' })
  @Requires(Permission.STAFF_MANAGE)
  guarded(@Ctx() _ctx: ApiContext): string {
    return 'ok';
  }
}

function contextFor(role: Role | null): Partial<ApiContext> {
  if (!role) return { caller: null };
  return {
    caller: {
      tenantId: '00000000-0000-4000-8000-000000000001',
      tenantKind: TenantKind.HQ,
      principal: { kind: 'USER', id: 'u', role, permissions: permissionsOf(role) },
    },
  };
}

async function run(query: string, role: Role | null) {
  const schema = await buildSchema({ resolvers: [ProbeResolver], globalMiddlewares: [domainErrorMapper, permissionGuard], validate: false });
  return graphql({ schema, source: query, contextValue: contextFor(role) });
}

test('an operation without a declared permission is refused even for an HQ admin', async () => {
  const result = await run('{ undeclared }', Role.HQ_ADMIN);
  expect(result.data).toBeNull();
  expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('a declared permission admits the roles that hold it and refuses the others', async () => {
  expect((await run('{ guarded }', Role.STORE_MANAGER)).data).toEqual({ guarded: 'ok' });
  expect((await run('{ guarded }', Role.STORE_AGENT)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await run('{ guarded }', null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
