import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../resolvers/auth.resolver';
import { CustomerResolver } from '../resolvers/customer.resolver';
import { NodeResolver } from '../resolvers/node.resolver';
import { ApiKeyFieldsResolver, StaffResolver } from '../resolvers/staff.resolver';
import { TenantResolver } from '../resolvers/tenant.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';
import { domainErrorMapper } from './errors';
import { permissionGuard } from './guard';
import { rejectUnstorableText } from './input-sanity';

export const RESOLVERS = [
  AuthResolver,
  ViewerResolver,
  TenantResolver,
  StaffResolver,
  ApiKeyFieldsResolver,
  CustomerResolver,
  NodeResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process; the guard runs before the error mapper sees anything. */
export function appSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    globalMiddlewares: [domainErrorMapper, permissionGuard, rejectUnstorableText],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}
