import { Client } from 'pg';
import { toGlobalId } from '../core/global-id';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Isolation for every desk query and mutation that takes an id: store-a's
 * records, tried by its sibling store-b and by the partner it works with, are
 * NOT_FOUND (never someone else's data, never an error that reveals they
 * exist), and nothing of store-a changes. The partner sees its work order and
 * nothing else of the store.
 */
let api: TestApi;
let admin: Client;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const res = await api.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  const payload = Object.values(res.body.data)[0] as { userErrors?: unknown[] };
  if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
  return res.body.data;
}

async function snapshot(): Promise<unknown[]> {
  const { rows } = await admin.query(`
    select t.number, t.status, t.version, t.priority, t.assignee_id,
           (select count(*) from ticket_events e where e.ticket_id = t.id)::int as events,
           (select json_agg(json_build_object('s', p.status, 'e', p.expected_on, 'v', p.version) order by p.id) from parts_orders p where p.ticket_id = t.id) as parts,
           (select json_agg(json_build_object('s', a.status, 'w', a.window_start) order by a.id) from appointments a where a.ticket_id = t.id) as appointments,
           (select json_agg(d.partner_status) from dispatches d where d.ticket_id = t.id) as dispatches
    from tickets t join tenants s on s.id = t.tenant_id where s.slug = 'store-a' order by t.number`);
  return rows;
}

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  const model = await admin.query(
    `insert into product_models (tenant_id, model_code, name, category, whole_machine_months, main_parts_months)
     select id, 'ISO-1', 'Isolated', 'LAPTOP', 12, 24 from tenants where slug = 'hq-one' returning id`,
  );
  const tech = await admin.query(`select id from staff_users where email = 'tech@store-a.test'`);
  [tokens.agentA, tokens.managerA, tokens.agentB, tokens.managerB, tokens.partner] = await Promise.all([
    api.login('store-a', 'agent@store-a.test'),
    api.login('store-a', 'manager@store-a.test'),
    api.login('store-b', 'agent@store-b.test'),
    api.login('store-b', 'manager@store-b.test'),
    api.login('partner-p', 'manager@partner-p.test'),
  ]);
  const techId = toGlobalId('StaffUser', tech.rows[0].id);
  const registered = await ok(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id customer { id } device { id } } userErrors { code } } }`,
    {
      i: {
        type: 'REPAIR',
        channel: 'WALK_IN',
        problem: 'Isolated repair',
        newCustomer: { name: 'Private Person', phone: '13312345678' },
        newDevice: { modelId: toGlobalId('ProductModel', model.rows[0].id), serialNumber: 'ISO-SERIAL', purchaseSource: 'ELSEWHERE' },
      },
    },
    tokens.agentA,
  );
  ids.ticket = registered.registerTicket.ticket.id;
  ids.customer = registered.registerTicket.ticket.customer.id;
  ids.device = registered.registerTicket.ticket.device.id;
  ids.tech = techId;
  await ok(
    `mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }`,
    { i: { ticketId: ids.ticket, assigneeId: techId } },
    tokens.agentA,
  );
  const part = await ok(
    `mutation($i: OrderPartInput!) { orderPart(input: $i) { partsOrder { id } userErrors { code } } }`,
    { i: { ticketId: ids.ticket, partNumber: 'P-1', description: 'Fan', quantity: 1, supplier: 'S', expectedOn: '2099-01-01' } },
    tokens.agentA,
  );
  ids.part = part.orderPart.partsOrder.id;
  const start = new Date(Date.now() + 86400000);
  const appointment = await ok(
    `mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { appointment { id } userErrors { code } } }`,
    {
      i: {
        ticketId: ids.ticket,
        technicianId: techId,
        windowStart: start.toISOString(),
        windowEnd: new Date(start.getTime() + 7200000).toISOString(),
        address: '1 Road',
      },
    },
    tokens.agentA,
  );
  ids.appointment = appointment.scheduleAppointment.appointment.id;
  const partners = await ok(`{ networkPartners { id slug } }`, {}, tokens.agentA);
  ids.partnerTenant = partners.networkPartners.find((p: { slug: string }) => p.slug === 'partner-p').id;
  const dispatched = await ok(
    `mutation($i: DispatchToPartnerInput!) { dispatchToPartner(input: $i) { dispatch { id } userErrors { code } } }`,
    { i: { ticketId: ids.ticket, partnerTenantId: ids.partnerTenant } },
    tokens.agentA,
  );
  ids.dispatch = dispatched.dispatchToPartner.dispatch.id;
  const complaint = await ok(
    `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id } userErrors { code } } }`,
    { i: { type: 'COMPLAINT', channel: 'PHONE', problem: 'Rude answer', customerId: ids.customer } },
    tokens.agentA,
  );
  ids.complaint = complaint.registerTicket.ticket.id;
  const workOrders = await ok(`{ workOrders(first: 5) { edges { node { id } } } }`, {}, tokens.partner);
  ids.workOrder = workOrders.workOrders.edges[0].node.id;
}, 90000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

const soon = () => new Date(Date.now() + 2 * 86400000).toISOString();
const later = () => new Date(Date.now() + 2 * 86400000 + 3600000).toISOString();

/** Every desk operation that takes another record's id, with store-a's ids. */
const OPERATIONS: [string, string, () => Record<string, unknown>][] = [
  ['ticket', 'query($id: ID!) { ticket(id: $id) { number } }', () => ({ id: ids.ticket })],
  ['node(ticket)', 'query($id: ID!) { node(id: $id) { id } }', () => ({ id: ids.ticket })],
  ['device', 'query($id: ID!) { device(id: $id) { id } }', () => ({ id: ids.device })],
  ['node(device)', 'query($id: ID!) { node(id: $id) { id } }', () => ({ id: ids.device })],
  ['customer', 'query($id: ID!) { customer(id: $id) { id } }', () => ({ id: ids.customer })],
  ['node(partsOrder)', 'query($id: ID!) { node(id: $id) { id } }', () => ({ id: ids.part })],
  ['node(appointment)', 'query($id: ID!) { node(id: $id) { id } }', () => ({ id: ids.appointment })],
  ['node(dispatch)', 'query($id: ID!) { node(id: $id) { id } }', () => ({ id: ids.dispatch })],
  [
    'updateTicket',
    'mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, priority: 'LOW' } }),
  ],
  [
    'moveTicket',
    'mutation($i: MoveTicketInput!) { moveTicket(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, to: 'CANCELLED', note: 'x' } }),
  ],
  [
    'assignTicket',
    'mutation($i: AssignTicketInput!) { assignTicket(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, assigneeId: ids.tech } }),
  ],
  [
    'addTicketNote',
    'mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, body: 'x', visibility: 'INTERNAL' } }),
  ],
  [
    'recordCustomerContact',
    'mutation($i: RecordCustomerContactInput!) { recordCustomerContact(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, channel: 'PHONE', reached: true, outcome: 'x' } }),
  ],
  [
    'orderPart',
    'mutation($i: OrderPartInput!) { orderPart(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, partNumber: 'X', description: 'x', quantity: 1, supplier: 's', expectedOn: '2099-02-01' } }),
  ],
  [
    'changePartExpectedDate',
    'mutation($i: ChangePartExpectedDateInput!) { changePartExpectedDate(input: $i) { userErrors { code } } }',
    () => ({ i: { partsOrderId: ids.part, expectedOn: '2099-03-01' } }),
  ],
  ['markPartArrived', 'mutation($i: MarkPartArrivedInput!) { markPartArrived(input: $i) { userErrors { code } } }', () => ({ i: { partsOrderId: ids.part } })],
  [
    'cancelPartOrder',
    'mutation($i: CancelPartOrderInput!) { cancelPartOrder(input: $i) { userErrors { code } } }',
    () => ({ i: { partsOrderId: ids.part, reason: 'x' } }),
  ],
  [
    'scheduleAppointment',
    'mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, technicianId: ids.tech, windowStart: soon(), windowEnd: later(), address: 'x' } }),
  ],
  [
    'rescheduleAppointment',
    'mutation($i: RescheduleAppointmentInput!) { rescheduleAppointment(input: $i) { userErrors { code } } }',
    () => ({ i: { appointmentId: ids.appointment, windowStart: soon(), windowEnd: later() } }),
  ],
  [
    'completeAppointment',
    'mutation($i: CompleteAppointmentInput!) { completeAppointment(input: $i) { userErrors { code } } }',
    () => ({ i: { appointmentId: ids.appointment } }),
  ],
  [
    'cancelAppointment',
    'mutation($i: CancelAppointmentInput!) { cancelAppointment(input: $i) { userErrors { code } } }',
    () => ({ i: { appointmentId: ids.appointment, reason: 'x' } }),
  ],
  [
    'markAppointmentMissed',
    'mutation($i: MarkAppointmentMissedInput!) { markAppointmentMissed(input: $i) { userErrors { code } } }',
    () => ({ i: { appointmentId: ids.appointment } }),
  ],
  [
    'recordComplaintSubject',
    'mutation($i: RecordComplaintSubjectInput!) { recordComplaintSubject(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.complaint, subject: 'SERVICE', detail: 'x' } }),
  ],
  [
    'recordComplaintInvestigation',
    'mutation($i: RecordComplaintInvestigationInput!) { recordComplaintInvestigation(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.complaint, findings: 'x', substantiated: false, actionTaken: 'x' } }),
  ],
  [
    'reportComplaintResult',
    'mutation($i: ReportComplaintResultInput!) { reportComplaintResult(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.complaint, via: 'PHONE', message: 'x' } }),
  ],
  [
    'dispatchToPartner',
    'mutation($i: DispatchToPartnerInput!) { dispatchToPartner(input: $i) { userErrors { code } } }',
    () => ({ i: { ticketId: ids.ticket, partnerTenantId: ids.partnerTenant } }),
  ],
  [
    'updateDevice',
    'mutation($i: UpdateDeviceInput!) { updateDevice(input: $i) { userErrors { code } } }',
    () => ({ i: { id: ids.device, invoiceNumber: 'x' } }),
  ],
];

describe.each([
  ['a sibling store (manager)', 'managerB'],
  ['the partner it works with', 'partner'],
])('%s', (_who, caller) => {
  test.each(OPERATIONS)("%s with store-a's ids answers NOT_FOUND or FORBIDDEN, and changes nothing", async (_name, query, variables) => {
    const before = await snapshot();
    const res = await api.gql(query, variables(), tokens[caller]);
    expect(res.body.errors).toHaveLength(1);
    const code = res.body.errors[0].extensions.code;
    // FORBIDDEN only where the caller's role lacks the permission altogether (it says nothing about the id).
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
    if (code === 'NOT_FOUND') expect(res.body.errors[0].message).toMatch(/not found$/);
    expect(await snapshot()).toEqual(before);
  });
});

test('store-b lists none of store-a’s tickets, devices, customers, work orders or partners’ orders', async () => {
  const lists = await ok(
    `{ tickets(first: 100) { edges { node { id } } } devices(first: 100) { edges { node { id } } } customers(first: 100) { edges { node { id } } } }`,
    {},
    tokens.managerB,
  );
  expect(lists).toEqual({ tickets: { edges: [] }, devices: { edges: [] }, customers: { edges: [] } });
  const bySerial = await ok(`{ deviceBySerial(serialNumber: "ISO-SERIAL") { id } }`, {}, tokens.managerB);
  expect(bySerial.deviceBySerial).toBeNull();
});

test('the partner sees its work order and nothing else of the store; the store cannot touch the work order', async () => {
  const partner = await ok(
    `query($id: ID!) { workOrder(id: $id) { reference deviceSerial problem } tickets(first: 10) { edges { node { id } } } customers(first: 10) { edges { node { id } } } }`,
    { id: ids.workOrder },
    tokens.partner,
  );
  expect(partner.workOrder).toMatchObject({ deviceSerial: 'ISO-SERIAL', problem: expect.stringContaining('Isolated repair') });
  expect(JSON.stringify(partner.workOrder)).not.toContain('13312345678');
  expect(partner.tickets.edges).toEqual([]);
  expect(partner.customers.edges).toEqual([]);
  for (const token of [tokens.agentA, tokens.managerB]) {
    const read = await api.gql(`query($id: ID!) { workOrder(id: $id) { id } }`, { id: ids.workOrder }, token);
    expect(read.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const write = await api.gql(
      `mutation($i: UpdateWorkOrderInput!) { updateWorkOrder(input: $i) { userErrors { code } } }`,
      { i: { workOrderId: ids.workOrder, status: 'CANCELLED' } },
      token,
    );
    expect(write.body.errors[0].extensions.code).toBe('NOT_FOUND');
  }
});
