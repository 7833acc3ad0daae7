import { Customer, Device, StaffUser, Tenant, Ticket } from '../../schema/entities';
import type { TenantContext } from '../context';
import { prefixedColumns, splitJoinedRow } from '../joined-columns';
import { readOnlyEntity } from '../read-only-entities';

/** The rows a page of tickets can read in its own statement, when the caller asks for them. */
export interface TicketPageRelations {
  customer?: boolean;
  device?: boolean;
  assignee?: boolean;
  /** The store's own row (its time zone tells which parts are late). */
  store?: boolean;
}

/** What came with the page, each row once. */
export interface TicketPageRelated {
  customers: Customer[];
  devices: Device[];
  assignees: StaffUser[];
  store: Tenant | null;
}

interface Join {
  prefix: string;
  entity: typeof Customer | typeof Device | typeof StaffUser | typeof Tenant;
  /** The join itself; the page's ticket is `t`. */
  sql: string;
}

// Every join follows a key to at most one row, so the page keeps its rows and its order.
const JOINS: Record<keyof TicketPageRelations, Join> = {
  customer: { prefix: 'customer', entity: Customer, sql: 'left join customers rc on rc.tenant_id = t.tenant_id and rc.id = t.customer_id' },
  device: { prefix: 'device', entity: Device, sql: 'left join devices rd on rd.tenant_id = t.tenant_id and rd.id = t.device_id' },
  assignee: { prefix: 'assignee', entity: StaffUser, sql: 'left join staff_users ra on ra.tenant_id = t.tenant_id and ra.id = t.assignee_id' },
  store: { prefix: 'store', entity: Tenant, sql: 'left join tenants rs on rs.id = t.tenant_id' },
};

const ALIAS: Record<keyof TicketPageRelations, string> = { customer: 'rc', device: 'rd', assignee: 'ra', store: 'rs' };

function wanted(relations: TicketPageRelations): (keyof TicketPageRelations)[] {
  return (Object.keys(JOINS) as (keyof TicketPageRelations)[]).filter((name) => relations[name]);
}

/**
 * Wraps a query returning ticket rows (as `t.*`) so that the asked-for
 * relations come in the same statement: the inner query picks and orders the
 * page, the joins only add columns. `orderBy` repeats the page's order.
 */
export function withRelations(ctx: TenantContext, pageSql: string, orderBy: string, relations: TicketPageRelations): string {
  const names = wanted(relations);
  if (!names.length) return pageSql;
  const columns = names.map((name) => prefixedColumns(ctx.em, JOINS[name].entity, ALIAS[name], JOINS[name].prefix));
  return `select t.*, ${columns.join(', ')} from (${pageSql}) t ${names.map((name) => JOINS[name].sql).join(' ')} order by ${orderBy}`;
}

/** Maps the rows to tickets and their relations, each related row to one entity. */
export function mapWithRelations(
  ctx: TenantContext,
  rows: Record<string, unknown>[],
  relations: TicketPageRelations,
): { tickets: Ticket[]; related: TicketPageRelated } {
  const prefixes = wanted(relations).map((name) => JOINS[name].prefix);
  const related: TicketPageRelated = { customers: [], devices: [], assignees: [], store: null };
  const seen = new Set<string>();
  const tickets = rows.map((row) => {
    const { own, joined } = splitJoinedRow(row, prefixes);
    const take = <T extends object>(prefix: string, entity: new () => T, into: T[]) => {
      const part = joined.get(prefix);
      if (!part || seen.has(`${prefix}:${String(part.id)}`)) return;
      seen.add(`${prefix}:${String(part.id)}`);
      into.push(readOnlyEntity(ctx.em, entity, part));
    };
    take('customer', Customer, related.customers);
    take('device', Device, related.devices);
    take('assignee', StaffUser, related.assignees);
    const store = joined.get('store');
    if (store && !related.store) related.store = readOnlyEntity(ctx.em, Tenant, store);
    return readOnlyEntity(ctx.em, Ticket, own);
  });
  return { tickets, related };
}
