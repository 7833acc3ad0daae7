import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../core/clock';
import { fromGlobalId } from '../core/global-id';
import { tenantGlobalId } from './support/desk-fixtures';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Photos as evidence of an inspection's findings: HQ uploads them
 * (INSPECTION_EVIDENCE) and links them to findings in the draft; what may be
 * linked and what is refused (with nothing changed); the inspected store sees
 * them once the inspection is submitted, through GraphQL, through the upload
 * route and through the database's policy, and no other store ever does; and
 * the short-lived signed links an <img> uses instead of a bearer token.
 */
const clock = new ManualClock(new Date('2026-12-04T02:00:00Z'));
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 the counter without a price list')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR the untidy workplace')]);

let api: TestApi;
let admin: Client;
let app: Client;
let directory: string;
const token: Record<string, string> = {};
const tenantId: Record<string, string> = {};

const LOGINS: [string, string, string][] = [
  ['hq', 'hq-one', 'admin@hq-one.test'],
  ['sup', 'hq-one', 'supervisor@hq-one.test'],
  ['managerA', 'store-a', 'manager@store-a.test'],
  ['techA', 'store-a', 'tech@store-a.test'],
  ['managerB', 'store-b', 'manager@store-b.test'],
  ['hqTwo', 'hq-two', 'admin@hq-two.test'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(query: string, variables: Record<string, unknown>, who: string): Promise<any> {
  clock.advance(1000);
  const res = await api.gql(query, variables, token[who]);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function upload(who: string, purpose: string, body: Buffer, type: string, filename: string): Promise<string> {
  const url = new URL('/uploads', api.url);
  url.searchParams.set('purpose', purpose);
  url.searchParams.set('filename', filename);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token[who]}` }, body });
  expect(response.status).toBe(201);
  return ((await response.json()) as { upload: { id: string } }).upload.id;
}

async function get(path: string, who?: string): Promise<{ status: number; headers: Headers; bytes: Buffer; code?: string }> {
  const response = await fetch(new URL(path, api.url), { headers: who ? { authorization: `Bearer ${token[who]}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const code =
    response.status >= 400 ? (JSON.parse(bytes.toString('utf8')) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code : undefined;
  return { status: response.status, headers: response.headers, bytes, code };
}

/** Rows the runtime role sees acting for `slug`; always rolled back. */
async function visibleAs(slug: string, sql: string, hqScope = false): Promise<Record<string, unknown>[]> {
  await app.query('begin');
  try {
    await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId[slug]]);
    if (hqScope) await app.query(`select set_config('app.hq_scope', 'on', true)`);
    return (await app.query(sql)).rows;
  } finally {
    await app.query('rollback');
  }
}

const FINDINGS = `results { id passed item { position } evidence { id filename contentType url downloadUrl } }`;
const RECORD = `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { inspection { id version ${FINDINGS} } userErrors { field code } } }`;
const SUBMIT = `mutation($i: SubmitInspectionInput!) { submitInspection(input: $i) { inspection { id version } userErrors { code } } }`;
const ONE = `query($id: ID!) { inspection(id: $id) { id status ${FINDINGS} } }`;

const inspection = { id: '', version: 0, items: [] as string[], other: '' };
const photo: Record<string, string> = {};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aftersales-evidence-'));
  api = await startTestApi({ clock, env: { STORAGE_DIR: directory, RATE_LIMIT_KEY_CAPACITY: '1000000', RATE_LIMIT_TENANT_CAPACITY: '1000000' } });
  admin = new Client({ connectionString: api.db.adminUrl });
  await admin.connect();
  app = new Client({ connectionString: api.db.appUrl });
  await app.connect();
  for (const [who, slug, email] of LOGINS) token[who] = await api.login(slug, email);
  for (const row of (await admin.query<{ id: string; slug: string }>('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;

  const published = await call(
    `mutation($i: PublishInspectionChecklistInput!) { publishInspectionChecklist(input: $i) { checklist { id items { id } } userErrors { code } } }`,
    {
      i: {
        code: 'EVIDENCE',
        titleZhCn: '前台巡检',
        titleEn: 'Counter',
        items: [
          { weight: 60, textZhCn: '价目表公示', textEn: 'Prices are displayed' },
          { weight: 40, textZhCn: '工作台面整洁', textEn: 'The workplace is tidy' },
        ],
      },
    },
    'hq',
  );
  const checklist = published.publishInspectionChecklist.checklist;
  inspection.items = checklist.items.map((item: { id: string }) => item.id);
  const schedule = `mutation($i: ScheduleInspectionInput!) { scheduleInspection(input: $i) { inspection { id version } userErrors { code } } }`;
  const scheduled = await call(
    schedule,
    { i: { storeId: await tenantGlobalId(admin, 'store-a'), checklistId: checklist.id, scheduledOn: '2026-12-04', announced: false } },
    'hq',
  );
  Object.assign(inspection, { id: scheduled.scheduleInspection.inspection.id, version: scheduled.scheduleInspection.inspection.version });
  const other = await call(
    schedule,
    { i: { storeId: await tenantGlobalId(admin, 'store-a'), checklistId: checklist.id, scheduledOn: '2026-12-05', announced: true } },
    'hq',
  );
  inspection.other = other.scheduleInspection.inspection.id;

  photo.prices = await upload('sup', 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg', '价目表.jpg');
  photo.prices2 = await upload('sup', 'INSPECTION_EVIDENCE', PNG, 'image/png', 'counter-wide.png');
  photo.desk = await upload('hq', 'INSPECTION_EVIDENCE', PNG, 'image/png', 'desk.png');
  photo.spare = await upload('hq', 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg', 'spare.jpg');
  photo.ticket = await upload('techA', 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', 'hinge.jpg');
  photo.ticketOfHq = await upload('hq', 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg', 'placeholder.jpg');
  // An upload of HQ's that is not evidence: HQ has no ticket attachments of its own, so the purpose is changed under it.
  await admin.query(`update uploads set purpose = 'TICKET_ATTACHMENT' where id = $1`, [fromGlobalId(photo.ticketOfHq)!.id]);
  photo.otherNetwork = await upload('hqTwo', 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg', 'theirs.jpg');
}, 60000);

afterAll(async () => {
  await app?.end();
  await admin?.end();
  await api?.stop();
  await rm(directory, { recursive: true, force: true });
});

async function record(results: Record<string, unknown>[], who = 'sup', id = inspection.id, version: number | null = inspection.version) {
  const payload = (await call(RECORD, { i: { inspectionId: id, expectedVersion: version, results } }, who)).recordInspection;
  if (!payload.userErrors.length && id === inspection.id) inspection.version = payload.inspection.version;
  return payload;
}

describe('linking photos to findings', () => {
  test('the draft keeps each finding’s photos in the order given, and the store sees nothing of them yet', async () => {
    const saved = await record([
      { itemId: inspection.items[0], passed: false, evidenceIds: [photo.prices, photo.prices2] },
      { itemId: inspection.items[1], passed: true, evidenceIds: [photo.desk] },
    ]);
    expect(saved.userErrors).toEqual([]);
    const byPosition = Object.fromEntries(
      saved.inspection.results.map((r: { item: { position: number }; evidence: { id: string }[] }) => [r.item.position, r.evidence.map((u) => u.id)]),
    );
    expect(byPosition).toEqual({ 1: [photo.prices, photo.prices2], 2: [photo.desk] });
    expect(saved.inspection.results[0].evidence[0]).toMatchObject({ filename: '价目表.jpg', contentType: 'image/jpeg' });
    // The store's transaction sees neither the links nor the photos of the unannounced draft.
    expect(await visibleAs('store-a', 'select id from inspection_evidence')).toEqual([]);
    expect(await visibleAs('store-a', `select id from uploads where purpose = 'INSPECTION_EVIDENCE'`)).toEqual([]);
    expect((await get(`/uploads/${photo.prices}`, 'managerA')).status).toBe(404);
  });

  test('giving a finding again without evidenceIds keeps its photos; an empty list removes them; a new list replaces them', async () => {
    let saved = await record([{ itemId: inspection.items[1], passed: false }]);
    expect(saved.inspection.results[1].evidence.map((u: { id: string }) => u.id)).toEqual([photo.desk]);
    saved = await record([{ itemId: inspection.items[1], passed: false, evidenceIds: [] }]);
    expect(saved.inspection.results[1].evidence).toEqual([]);
    saved = await record([{ itemId: inspection.items[1], passed: false, evidenceIds: [photo.spare, photo.desk] }]);
    expect(saved.inspection.results[1].evidence.map((u: { id: string }) => u.id)).toEqual([photo.spare, photo.desk]);
    // The photos of the first finding moved in place: reordered, nothing left behind.
    saved = await record([{ itemId: inspection.items[0], passed: false, evidenceIds: [photo.prices2, photo.prices] }]);
    expect(saved.inspection.results[0].evidence.map((u: { id: string }) => u.id)).toEqual([photo.prices2, photo.prices]);
    expect(Number((await admin.query(`select count(*) from inspection_evidence`)).rows[0].count)).toBe(4);
  });

  test.each([
    ['a store’s upload', () => [photo.ticket], 'UPLOAD_NOT_FOUND'],
    ['another network’s evidence', () => [photo.otherNetwork], 'UPLOAD_NOT_FOUND'],
    ['an upload that is not evidence', () => [photo.ticketOfHq], 'UPLOAD_PURPOSE_MISMATCH'],
    ['a photo already evidence of the other finding', () => [photo.desk], 'UPLOAD_ALREADY_LINKED'],
    ['the same photo twice', () => [photo.prices, photo.prices], 'UPLOAD_ALREADY_LINKED'],
    ['eleven photos', () => Array.from({ length: 11 }, () => photo.prices), 'TOO_MANY_PHOTOS'],
  ])('%s is refused with a code, and nothing of the draft changes', async (_, ids, code) => {
    const before = (await admin.query(`select result_id, upload_id, position from inspection_evidence order by result_id, position`)).rows;
    const saved = await record([
      { itemId: inspection.items[1], passed: true, note: 'changed', evidenceIds: [] },
      { itemId: inspection.items[0], passed: true, evidenceIds: ids() },
    ]);
    expect(saved.userErrors).toEqual([{ field: expect.arrayContaining(['results', '1', 'evidenceIds']), code }]);
    expect((await admin.query(`select result_id, upload_id, position from inspection_evidence order by result_id, position`)).rows).toEqual(before);
    expect((await admin.query(`select passed from inspection_results order by passed`)).rows.map((r) => r.passed)).toEqual([false, false]);
  });

  test('a photo of one inspection cannot be evidence in another', async () => {
    const other = (await call(ONE, { id: inspection.other }, 'hq')).inspection;
    expect(other.results).toEqual([]);
    const saved = await record([{ itemId: inspection.items[0], passed: true, evidenceIds: [photo.prices] }], 'hq', inspection.other, null);
    expect(saved.userErrors).toEqual([{ field: ['results', '0', 'evidenceIds', '0'], code: 'UPLOAD_ALREADY_LINKED' }]);
  });
});

describe('after submission', () => {
  beforeAll(async () => {
    const submitted = (await call(SUBMIT, { i: { inspectionId: inspection.id, expectedVersion: inspection.version } }, 'sup')).submitInspection;
    expect(submitted.userErrors).toEqual([]);
  });

  test('the inspected store reads the photos of its findings through GraphQL and downloads them with its credential', async () => {
    const seen = (await call(ONE, { id: inspection.id }, 'managerA')).inspection;
    expect(seen.results.map((r: { evidence: { id: string }[] }) => r.evidence.map((u) => u.id))).toEqual([
      [photo.prices2, photo.prices],
      [photo.spare, photo.desk],
    ]);
    const download = await get(`/uploads/${photo.prices}`, 'managerA');
    expect(download.status).toBe(200);
    expect(download.bytes).toEqual(JPEG);
    // Its database transaction sees exactly those four photos of its HQ, no other upload of HQ's.
    const rows = await visibleAs('store-a', `select id from uploads where tenant_id = '${tenantId['hq-one']}' order by id`);
    expect(rows.map((r) => r.id)).toEqual([photo.prices, photo.prices2, photo.desk, photo.spare].map((id) => fromGlobalId(id)!.id).sort());
  });

  test('a sibling store and another network see nothing of them, by any route', async () => {
    for (const who of ['managerB', 'hqTwo']) {
      const res = await api.gql(ONE, { id: inspection.id }, token[who]);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await get(`/uploads/${photo.prices}`, who)).status).toBe(404);
    }
    expect(await visibleAs('store-b', 'select id from inspection_evidence', true)).toEqual([]);
    expect(await visibleAs('store-b', `select id from uploads where purpose = 'INSPECTION_EVIDENCE'`, true)).toEqual([]);
    expect(await visibleAs('hq-two', `select id from inspection_evidence`, true)).toEqual([]);
  });

  test('a submitted inspection’s photos are final', async () => {
    const saved = await record([{ itemId: inspection.items[0], passed: true, evidenceIds: [] }], 'sup', inspection.id, null);
    expect(saved.userErrors.map((e: { code: string }) => e.code)).toEqual(['INSPECTION_SUBMITTED']);
  });
});

describe('signed links', () => {
  test('Upload.url reads the photo without a credential, for HQ and for the inspected store alike', async () => {
    for (const who of ['sup', 'managerA']) {
      const url = (await call(ONE, { id: inspection.id }, who)).inspection.results[0].evidence[1].url as string;
      expect(url).toMatch(new RegExp(`^/uploads/${photo.prices}\\?tenant=[0-9a-f-]{36}&expires=\\d+&sig=[A-Za-z0-9_-]{43}$`));
      const read = await get(url);
      expect(read.status).toBe(200);
      expect(read.bytes).toEqual(JPEG);
      expect(read.headers.get('content-type')).toBe('image/jpeg');
      expect(read.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(read.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(Number(/max-age=(\d+)/.exec(read.headers.get('cache-control')!)![1])).toBeLessThanOrEqual(600 + 60);
    }
  });

  test('a changed signature, upload, tenant or time is refused; so is a link past its time', async () => {
    const url = new URL((await call(ONE, { id: inspection.id }, 'sup')).inspection.results[0].evidence[1].url, api.url);
    const altered = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy.pathname + copy.search;
    };
    const sig = url.searchParams.get('sig')!;
    const refusals = await Promise.all(
      [
        altered((u) => u.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1))),
        altered((u) => u.searchParams.set('sig', '')),
        altered((u) => (u.pathname = `/uploads/${photo.desk}`)),
        altered((u) => u.searchParams.set('tenant', tenantId['store-a'])),
        altered((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600))),
        altered((u) => u.searchParams.delete('tenant')),
      ].map((path) => get(path)),
    );
    expect(refusals.map((r) => [r.status, r.code])).toEqual(Array.from({ length: 6 }, () => [403, 'INVALID_SIGNATURE']));
    // A bearer token does not rescue a bad signature: the link is judged on its own.
    expect(
      (
        await get(
          altered((u) => u.searchParams.set('sig', 'x')),
          'sup',
        )
      ).status,
    ).toBe(403);
    expect((await get(url.pathname + url.search)).status).toBe(200);
    clock.advance(11 * 60 * 1000);
    expect(await get(url.pathname + url.search).then((r) => [r.status, r.code])).toEqual([403, 'LINK_EXPIRED']);
    // Without a signature the route still asks for a credential.
    expect((await get(url.pathname)).status).toBe(401);
  });
});
