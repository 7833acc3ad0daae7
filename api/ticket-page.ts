import type { GraphQLResolveInfo } from 'graphql';
import { TicketSort } from '../core/desk-enums';
import { searchTickets } from '../domain/tickets/ticket-search';
import type { TicketPageRelated, TicketPageRelations } from '../domain/tickets/ticket-page-relations';
import type { Ticket } from '../schema/entities';
import type { ConnectionShape } from '../schema/graphql/connection';
import type { TicketsArgs } from '../schema/graphql/ticket.types';
import { ApiContext, loadersOf, tenantOf } from './context';
import type { Loaders } from './loaders';
import { toConnection } from './graphql/relay';
import { selects } from './graphql/selection';

/**
 * A page of `tickets` with, in the same statement, the relations the query
 * selects under its nodes; their loaders are primed with them, so the field
 * resolvers find them without another read.
 */
export async function readTicketPage(ctx: ApiContext, args: TicketsArgs, info: GraphQLResolveInfo): Promise<ConnectionShape<Ticket>> {
  const page = await searchTickets(tenantOf(ctx), args, args.sort ?? TicketSort.NEWEST, args, relationsSelected(info));
  prime(loadersOf(ctx), page.related);
  return toConnection(page);
}

function relationsSelected(info: GraphQLResolveInfo): TicketPageRelations {
  const node = (...path: string[]) => selects(info, ['edges', 'node', ...path]);
  return {
    customer: node('customer'),
    device: node('device'),
    assignee: node('assignee'),
    // Lateness is judged on the store's today, in its time zone.
    store: node('hasLatePart') || node('partsOrders', 'late'),
  };
}

function prime(loaders: Loaders, related: TicketPageRelated): void {
  for (const customer of related.customers) loaders.customer.prime(customer.id, customer);
  for (const device of related.devices) loaders.device.prime(device.id, device);
  for (const assignee of related.assignees) loaders.staffUser.prime(assignee.id, assignee);
  if (related.store) loaders.tenant.prime(related.store.id, related.store);
}
