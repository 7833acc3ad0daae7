import DataLoader from 'dataloader';
import type { TenantContext } from '../domain/context';
import { ApiContext, tenantOf } from './context';

/** Loaders kept beside each request's context, by name, and dropped with it. */
const loaders = new WeakMap<ApiContext, Map<string, DataLoader<string, unknown>>>();

/**
 * A batch loader for one relation, made once per request: a page of N items
 * costs one query for it, not N. `load` receives every key asked for in one
 * tick and answers in their order.
 */
export function requestLoader<T>(ctx: ApiContext, name: string, load: (tenant: TenantContext, keys: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
  let byName = loaders.get(ctx);
  if (!byName) loaders.set(ctx, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<string, T> | undefined;
  if (!loader) {
    const tenant = tenantOf(ctx);
    loader = new DataLoader<string, T>((keys) => load(tenant, keys));
    byName.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
