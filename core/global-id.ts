/**
 * Relay-style global ids: opaque to clients, they carry the type so that
 * `node(id:)` can route and an id of one type is never accepted for another.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lower-case UUID, as the database writes them. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export type NodeType =
  | 'Tenant'
  | 'StaffUser'
  | 'ApiKey'
  | 'Customer'
  | 'ProductModel'
  | 'Device'
  | 'Ticket'
  | 'PartsOrder'
  | 'Appointment'
  | 'Dispatch'
  | 'WorkOrder'
  | 'ScheduledAction'
  | 'WebhookEndpoint'
  | 'WebhookDelivery'
  | 'PaidService'
  | 'RepairQuote'
  | 'ServiceOrder'
  | 'Problem'
  | 'Upload'
  | 'InspectionChecklist'
  | 'InspectionChecklistItem'
  | 'Inspection'
  | 'InspectionResult'
  | 'CorrectiveAction';

export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a well-formed id of an allowed type. */
export function fromGlobalId(globalId: string, ...types: NodeType[]): { type: NodeType; id: string } | null {
  let decoded: string;
  try {
    decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const separator = decoded.indexOf(':');
  if (separator < 0) return null;
  const type = decoded.slice(0, separator) as NodeType;
  const id = decoded.slice(separator + 1);
  if (!UUID.test(id)) return null;
  if (types.length > 0 && !types.includes(type)) return null;
  return { type, id };
}
