import { Client } from 'pg';
import { complaintReadyToResolve } from '../domain/tickets/complaint.service';
import { TicketType } from '../core/desk-enums';
import { insertTicket, staffGlobalId, timelineOf } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Complaints through GraphQL: whom or what it is about, the investigation,
 * and the result reported back to the customer; only on complaint tickets.
 */
let api: TestApi;
let admin: Client;
let agentA: string;
let techA: string;
let techAId: string;
let managerBId: string;

const TICKET = `ticket { version complaintSubject complaintSubjectDetail complaintSubjectStaff { id name }
  investigationFindings complaintSubstantiated complaintActionTaken resultReportedAt resultReportedVia }`;
const SUBJECT = `mutation($input: RecordComplaintSubjectInput!) { recordComplaintSubject(input: $input) { ${TICKET} userErrors { field code message } } }`;
const INVESTIGATION = `mutation($input: RecordComplaintInvestigationInput!) { recordComplaintInvestigation(input: $input) { ${TICKET} userErrors { field code message } } }`;
const REPORT = `mutation($input: ReportComplaintResultInput!) { reportComplaintResult(input: $input) { ${TICKET} userErrors { field code message } } }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, input: Record<string, unknown>, token = agentA): Promise<any> {
  const res = await api.gql(query, { input }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data)[0];
}

const investigation = {
  findings: 'The agent promised 2-3 days without checking stock',
  substantiated: true,
  actionTaken: 'Coaching; parts stock is checked before promising',
};

beforeAll(async () => {
  api = await startTestApi();
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  [agentA, techA] = await Promise.all([api.login('store-a', 'agent@store-a.test'), api.login('store-a', 'tech@store-a.test')]);
  [techAId, managerBId] = await Promise.all([staffGlobalId(admin, 'tech@store-a.test'), staffGlobalId(admin, 'manager@store-b.test')]);
}, 60000);

afterAll(async () => {
  await admin.end();
  await api.stop();
});

test('a complaint from subject to investigation to the result reported to the customer', async () => {
  const ticketId = await insertTicket(admin, { type: 'COMPLAINT', problem: 'Promised 2-3 days, then 3-5, and nobody called' });

  const subject = await call(SUBJECT, { ticketId, expectedVersion: 1, subject: 'STAFF', staffId: techAId, detail: 'The technician at the counter' });
  expect(subject.userErrors).toEqual([]);
  expect(subject.ticket).toMatchObject({
    version: 2,
    complaintSubject: 'STAFF',
    complaintSubjectDetail: 'The technician at the counter',
    complaintSubjectStaff: { id: techAId, name: 'Tech A' },
  });

  // Nothing to report before the investigation is complete.
  const early = await call(REPORT, { ticketId, via: 'PHONE', message: 'We are sorry' });
  expect(early.userErrors[0]).toMatchObject({ code: 'INVESTIGATION_INCOMPLETE' });
  expect(early.userErrors[0].message).toContain('findings');

  const investigated = await call(INVESTIGATION, { ticketId, expectedVersion: 2, ...investigation });
  expect(investigated.userErrors).toEqual([]);
  expect(investigated.ticket).toMatchObject({
    version: 3,
    investigationFindings: investigation.findings,
    complaintSubstantiated: true,
    complaintActionTaken: investigation.actionTaken,
    resultReportedAt: null,
  });

  const message = 'You were right: we promised without checking. Your part arrives Friday and the repair is free.';
  const reported = await call(REPORT, { ticketId, expectedVersion: 3, via: 'PHONE', message });
  expect(reported.userErrors).toEqual([]);
  expect(reported.ticket).toMatchObject({ version: 4, resultReportedVia: 'PHONE' });
  expect(new Date(reported.ticket.resultReportedAt).getTime()).toBeGreaterThan(Date.now() - 60000);

  const timeline = await timelineOf(admin, ticketId);
  expect(timeline.map((e) => `${e.kind}:${e.visibility}`)).toEqual([
    'COMPLAINT_SUBJECT:INTERNAL',
    'COMPLAINT_INVESTIGATED:INTERNAL',
    'COMPLAINT_RESULT_REPORTED:CUSTOMER',
  ]);
  expect(timeline[2]).toMatchObject({ summary: message, data: { via: 'PHONE', substantiated: true } });
});

test('the subject must name a staff member for STAFF only, one of this store', async () => {
  const ticketId = await insertTicket(admin, { type: 'COMPLAINT' });
  expect((await call(SUBJECT, { ticketId, subject: 'STAFF', detail: 'Someone' })).userErrors[0]).toMatchObject({ code: 'STAFF_REQUIRED', field: ['staffId'] });
  expect((await call(SUBJECT, { ticketId, subject: 'PRODUCT', staffId: techAId, detail: 'x' })).userErrors[0].code).toBe('STAFF_NOT_EXPECTED');
  expect((await call(SUBJECT, { ticketId, subject: 'STAFF', staffId: managerBId, detail: 'x' })).userErrors[0].code).toBe('STAFF_NOT_FOUND');
  expect((await call(SUBJECT, { ticketId, subject: 'STORE', detail: '   ' })).userErrors[0]).toMatchObject({ code: 'INVALID_TEXT', field: ['detail'] });
  expect((await call(SUBJECT, { ticketId, subject: 'STORE', detail: 'x', expectedVersion: 9 })).userErrors[0].code).toBe('STALE');
  const ok = await call(SUBJECT, { ticketId, subject: 'PRODUCT', detail: 'The laptop overheats by design' });
  expect(ok.ticket).toMatchObject({ complaintSubject: 'PRODUCT', complaintSubjectStaff: null, version: 2 });
  expect(await timelineOf(admin, ticketId)).toHaveLength(1);
});

test('only complaint tickets; technicians may not record; a closed complaint is finished', async () => {
  const repair = await insertTicket(admin, { type: 'REPAIR' });
  expect((await call(SUBJECT, { ticketId: repair, subject: 'STORE', detail: 'x' })).userErrors[0]).toMatchObject({
    code: 'NOT_A_COMPLAINT',
    field: ['ticketId'],
  });
  expect((await call(INVESTIGATION, { ticketId: repair, ...investigation })).userErrors[0].code).toBe('NOT_A_COMPLAINT');
  expect((await call(REPORT, { ticketId: repair, via: 'SMS', message: 'x' })).userErrors[0].code).toBe('NOT_A_COMPLAINT');

  const complaint = await insertTicket(admin, { type: 'COMPLAINT' });
  const forbidden = await api.gql(INVESTIGATION, { input: { ticketId: complaint, ...investigation } }, techA);
  expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');

  const closed = await insertTicket(admin, { type: 'COMPLAINT', status: 'CLOSED' });
  expect((await call(INVESTIGATION, { ticketId: closed, ...investigation })).userErrors[0].code).toBe('TICKET_FINISHED');
});

describe('complaintReadyToResolve', () => {
  const complaint = { type: TicketType.COMPLAINT, investigationFindings: 'found', complaintSubstantiated: false, complaintActionTaken: 'apologised' };

  test('ready once findings, substantiated (even false) and action are recorded', () => {
    expect(complaintReadyToResolve(complaint)).toBeNull();
  });

  test('says what is missing', () => {
    expect(complaintReadyToResolve({ ...complaint, investigationFindings: null })).toContain('findings');
    expect(complaintReadyToResolve({ ...complaint, complaintSubstantiated: null })).toContain('substantiated');
    expect(complaintReadyToResolve({ ...complaint, complaintActionTaken: ' ' })).toContain('action taken');
    const all = complaintReadyToResolve({ type: TicketType.COMPLAINT, investigationFindings: null, complaintSubstantiated: null, complaintActionTaken: null });
    expect(all).toBe('record the findings of the investigation, whether it was substantiated, the action taken first');
  });

  test('other ticket types are never held back by it', () => {
    expect(
      complaintReadyToResolve({ type: TicketType.REPAIR, investigationFindings: null, complaintSubstantiated: null, complaintActionTaken: null }),
    ).toBeNull();
  });
});
