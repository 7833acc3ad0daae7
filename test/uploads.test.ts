import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { fromGlobalId, toGlobalId } from '../core/global-id';
import { S3TestServer, startS3Server } from './support/s3-server';
import { startTestApi, TestApi } from './support/test-api';

/**
 * POST /uploads and GET /uploads/<id> through the real api: size limits per
 * purpose, types read from the file's bytes (a forged Content-Type refused),
 * tenants kept apart, the download's headers, nothing half-written when the
 * body breaks off or the row cannot be recorded; then uploads kept on
 * tickets as attachments. The same routes run once over an S3-compatible
 * server.
 */
const MIB = 1024 * 1024;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a photo of the cracked hinge')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR the screen')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 the keyboard')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
const GIF = Buffer.from('GIF89a a moving picture');

interface Sent {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

function routesOf(api: TestApi) {
  const base = new URL('/', api.url);
  return {
    async post(token: string | null, purpose: string, body: Buffer, type: string, filename?: string): Promise<Sent> {
      const url = new URL('/uploads', base);
      url.searchParams.set('purpose', purpose);
      if (filename !== undefined) url.searchParams.set('filename', filename);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async get(token: string | null, id: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
      const response = await fetch(new URL(`/uploads/${id}`, base), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    },
  };
}

describe('over a local directory', () => {
  let api: TestApi;
  let admin: Client;
  let directory: string;
  let routes: ReturnType<typeof routesOf>;
  const token: Record<'managerA' | 'techA' | 'managerB' | 'hqAdmin' | 'hq2Admin', string> = {
    managerA: '',
    techA: '',
    managerB: '',
    hqAdmin: '',
    hq2Admin: '',
  };
  const tenantId: Record<string, string> = {};

  /** The objects kept for a tenant, as files under STORAGE_DIR. */
  const filesOf = async (slug: string) => (await readdir(join(directory, tenantId[slug])).catch(() => [] as string[])).sort();
  const rowsOf = async (slug: string) =>
    (await admin.query<{ id: string }>('select id from uploads where tenant_id = $1 order by id', [tenantId[slug]])).rows.map((row) => row.id);

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'aftersales-uploads-'));
    api = await startTestApi({ env: { STORAGE_DIR: directory, PUBLIC_BASE_URL: 'https://service.example.test/' } });
    routes = routesOf(api);
    admin = new Client({ connectionString: api.db.adminUrl });
    await admin.connect();
    for (const row of (await admin.query<{ id: string; slug: string }>('select id, slug from tenants')).rows) tenantId[row.slug] = row.id;
    token.managerA = await api.login('store-a', 'manager@store-a.test');
    token.techA = await api.login('store-a', 'tech@store-a.test');
    token.managerB = await api.login('store-b', 'manager@store-b.test');
    token.hqAdmin = await api.login('hq-one', 'admin@hq-one.test');
    token.hq2Admin = await api.login('hq-two', 'admin@hq-two.test');
  });

  afterAll(async () => {
    await admin?.end();
    await api?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  test('a photo is stored under its tenant, answered with its id, and read back with safe headers', async () => {
    const sent = await routes.post(token.techA, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', '铰链裂纹 "left".jpg');
    expect(sent.status).toBe(201);
    const id = sent.body.upload.id;
    const uuid = fromGlobalId(id, 'Upload')!.id;
    expect(sent.body.upload).toEqual({
      id,
      purpose: 'TICKET_ATTACHMENT',
      filename: '铰链裂纹 "left".jpg',
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      downloadUrl: `https://service.example.test/uploads/${id}`,
      url: expect.stringMatching(new RegExp(`^/uploads/${id}\\?tenant=${tenantId['store-a']}&expires=\\d+&sig=`)),
    });
    expect(sent.headers.get('location')).toBe(`/uploads/${id}`);
    expect(await filesOf('store-a')).toEqual([uuid]);
    expect(await readFile(join(directory, tenantId['store-a'], uuid))).toEqual(JPEG);

    const read = await routes.get(token.managerA, id);
    expect(read.status).toBe(200);
    expect(read.bytes).toEqual(JPEG);
    expect(read.headers.get('content-type')).toBe('image/jpeg');
    expect(read.headers.get('content-length')).toBe(String(JPEG.length));
    expect(read.headers.get('content-disposition')).toBe(
      `inline; filename="____ _left_.jpg"; filename*=UTF-8''%E9%93%B0%E9%93%BE%E8%A3%82%E7%BA%B9%20%22left%22.jpg`,
    );
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(read.headers.get('cache-control')).toBe('private, no-store');

    const node = await api.gql(
      'query($id: ID!) { node(id: $id) { id ... on Upload { purpose filename contentType sizeBytes downloadUrl } } }',
      { id },
      token.managerA,
    );
    expect(node.body.data).toEqual({
      node: {
        id,
        purpose: 'TICKET_ATTACHMENT',
        filename: '铰链裂纹 "left".jpg',
        contentType: 'image/jpeg',
        sizeBytes: JPEG.length,
        downloadUrl: `https://service.example.test/uploads/${id}`,
      },
    });
    const { rows } = await admin.query('select uploaded_by_id is not null as by_user from uploads where id = $1', [uuid]);
    expect(rows).toEqual([{ by_user: true }]);
    const audit = await admin.query(`select detail from audit_events where tenant_id = $1 and action = 'UPLOAD_STORED'`, [tenantId['store-a']]);
    expect(audit.rows).toEqual([{ detail: { uploadId: uuid, purpose: 'TICKET_ATTACHMENT', contentType: 'image/jpeg', sizeBytes: JPEG.length } }]);
  });

  test('a PDF is offered as a download; PNG and WebP photos are recognised; a generic type is read from the bytes', async () => {
    const pdf = await routes.post(token.managerA, 'TICKET_ATTACHMENT', PDF, 'application/pdf', 'C:\\Users\\desk\\receipt.pdf');
    expect([pdf.status, pdf.body.upload.contentType, pdf.body.upload.filename]).toEqual([201, 'application/pdf', 'receipt.pdf']);
    const read = await routes.get(token.managerA, pdf.body.upload.id);
    expect(read.headers.get('content-disposition')).toBe(`attachment; filename="receipt.pdf"; filename*=UTF-8''receipt.pdf`);
    expect(read.headers.get('content-type')).toBe('application/pdf');

    const png = await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', PNG, 'image/png');
    expect([png.status, png.body.upload.contentType, png.body.upload.filename]).toEqual([201, 'image/png', 'upload.png']);
    const webp = await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', WEBP, 'application/octet-stream', 'counter.webp');
    expect([webp.status, webp.body.upload.contentType]).toEqual([201, 'image/webp']);
  });

  test('each purpose has its size limit: refused before a byte is kept', async () => {
    const [filesBefore, rowsBefore] = [await filesOf('hq-one'), await rowsOf('hq-one')];
    const evidence = Buffer.concat([JPEG, Buffer.alloc(10 * MIB + 1 - JPEG.length)]);
    const tooLarge = await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', evidence, 'image/jpeg');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0]).toEqual({
      message: `INSPECTION_EVIDENCE files may be at most ${10 * MIB} bytes; this one has ${10 * MIB + 1}`,
      extensions: { code: 'TOO_LARGE' },
    });
    expect([await filesOf('hq-one'), await rowsOf('hq-one')]).toEqual([filesBefore, rowsBefore]);
    // The same file is within a ticket attachment's 20 MiB; one byte over those is refused too.
    const attachment = await routes.post(token.managerA, 'TICKET_ATTACHMENT', evidence, 'image/jpeg', 'large.jpg');
    expect([attachment.status, attachment.body.upload.sizeBytes]).toEqual([201, 10 * MIB + 1]);
    const over = await routes.post(token.managerA, 'TICKET_ATTACHMENT', Buffer.concat([PDF, Buffer.alloc(20 * MIB + 1 - PDF.length)]), 'application/pdf');
    expect([over.status, over.body.errors[0].extensions.code]).toEqual([413, 'TOO_LARGE']);
    const empty = await routes.post(token.managerA, 'TICKET_ATTACHMENT', Buffer.alloc(0), 'image/jpeg');
    expect([empty.status, empty.body.errors[0].extensions.code]).toEqual([400, 'EMPTY']);
  });

  test('types are read from the bytes: an unsupported type and a forged Content-Type are refused, and nothing is kept', async () => {
    const [filesBefore, rowsBefore] = [await filesOf('store-a'), await rowsOf('store-a')];
    const refusals = [
      await routes.post(token.managerA, 'TICKET_ATTACHMENT', GIF, 'image/gif'),
      await routes.post(token.managerA, 'TICKET_ATTACHMENT', GIF, 'application/octet-stream'),
      await routes.post(token.managerA, 'TICKET_ATTACHMENT', HTML, 'image/png', 'innocent.png'),
      await routes.post(token.managerA, 'TICKET_ATTACHMENT', PDF, 'image/jpeg', 'photo.jpg'),
      await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', PDF, 'application/pdf'),
      await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', PDF, 'application/octet-stream'),
    ];
    expect(refusals.map((sent) => [sent.status, sent.body.errors[0].extensions.code])).toEqual([
      [415, 'UNSUPPORTED_TYPE'],
      [415, 'UNSUPPORTED_TYPE'],
      [415, 'UNSUPPORTED_TYPE'],
      [415, 'TYPE_MISMATCH'],
      [415, 'UNSUPPORTED_TYPE'],
      [415, 'UNSUPPORTED_TYPE'],
    ]);
    expect(refusals[3].body.errors[0].message).toBe('The file was sent as image/jpeg but is application/pdf');
    expect([await filesOf('store-a'), await rowsOf('store-a')]).toEqual([filesBefore, rowsBefore]);
  });

  test('who may upload: signed in, with the purpose’s permission, for a purpose that exists', async () => {
    expect((await routes.post(null, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg')).status).toBe(401);
    const technician = await routes.post(token.techA, 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg');
    expect([technician.status, technician.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const hq = await routes.post(token.hqAdmin, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg');
    expect([hq.status, hq.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const purpose = await routes.post(token.managerA, 'SELFIE', JPEG, 'image/jpeg');
    expect([purpose.status, purpose.body.errors[0].extensions.code]).toEqual([400, 'INVALID_PURPOSE']);
    const name = await routes.post(token.managerA, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', '../');
    expect([name.status, name.body.errors[0].extensions.code]).toEqual([400, 'INVALID_FILENAME']);
  });

  test("another tenant's upload answers 404 exactly like one that does not exist; its HQ reads it through the audited network scope", async () => {
    const id = (await routes.post(token.managerA, 'TICKET_ATTACHMENT', PNG, 'image/png', 'a.png')).body.upload.id;
    const missing = toGlobalId('Upload', randomUUID());
    for (const intruder of [token.managerB, token.hq2Admin]) {
      const foreign = await routes.get(intruder, id);
      const absent = await routes.get(intruder, missing);
      expect([foreign.status, foreign.bytes.toString()]).toEqual([404, absent.bytes.toString()]);
      expect(JSON.parse(foreign.bytes.toString())).toEqual({ errors: [{ message: 'Upload not found', extensions: { code: 'NOT_FOUND' } }] });
      const node = await api.gql('query($id: ID!) { upload(id: $id) { filename } }', { id }, intruder);
      expect(node.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await routes.get(token.managerA, 'not-an-id')).status).toBe(404);
    expect((await routes.get(null, id)).status).toBe(401);

    const audited = async () =>
      (await admin.query(`select count(*)::int as n from audit_events where tenant_id = $1 and action = 'NETWORK_READ'`, [tenantId['hq-one']])).rows[0].n;
    const before = await audited();
    const hq = await routes.get(token.hqAdmin, id);
    expect([hq.status, hq.bytes]).toEqual([200, PNG]);
    expect(await audited()).toBe(before + 1);
  });

  test('a body sent without its length (chunked) is refused with 411 before it is read', async () => {
    const url = new URL('/uploads?purpose=TICKET_ATTACHMENT', api.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.managerA}`, 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.end(JPEG);
    });
    expect(answer.status).toBe(411);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: 'Send the file with a Content-Length header', extensions: { code: 'LENGTH_REQUIRED' } }] });
  });

  test('a body that breaks off leaves no file and no row', async () => {
    const [filesBefore, rowsBefore] = [await filesOf('store-a'), await rowsOf('store-a')];
    const url = new URL('/uploads?purpose=TICKET_ATTACHMENT', api.url);
    await new Promise<void>((resolve) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.managerA}`, 'content-type': 'image/jpeg', 'content-length': String(JPEG.length + 1000) },
      });
      request.on('error', () => resolve());
      request.on('response', () => resolve());
      request.write(JPEG, () => setTimeout(() => request.destroy(), 300));
    });
    // The server notices the broken connection on its own time.
    for (let i = 0; i < 50 && (await readdir(join(directory, tenantId['store-a']))).some((name) => name.endsWith('.part')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([await readdir(join(directory, tenantId['store-a'])).then((names) => names.sort()), await rowsOf('store-a')]).toEqual([filesBefore, rowsBefore]);
  });

  test('when the row cannot be recorded, the stored object is removed again', async () => {
    await admin.query(`create function refuse_upload() returns trigger language plpgsql as $$
      begin if new.filename = 'refused.jpg' then raise exception 'refused for the test'; end if; return new; end $$`);
    await admin.query('create trigger refuse_upload before insert on uploads for each row execute function refuse_upload()');
    try {
      const [filesBefore, rowsBefore] = [await filesOf('store-a'), await rowsOf('store-a')];
      const sent = await routes.post(token.managerA, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', 'refused.jpg');
      expect(sent.status).toBe(500);
      expect([await filesOf('store-a'), await rowsOf('store-a')]).toEqual([filesBefore, rowsBefore]);
    } finally {
      await admin.query('drop trigger refuse_upload on uploads; drop function refuse_upload()');
    }
  });

  describe('attachments on tickets', () => {
    const registerTicket = async (credential: string, phone: string) => {
      const res = await api.gql(
        `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { ticket { id version } userErrors { code } } }`,
        { i: { type: 'REPAIR', channel: 'WALK_IN', problem: 'Hinge cracked', newCustomer: { name: 'Hinge', phone } } },
        credential,
      );
      return res.body.data.registerTicket.ticket as { id: string; version: number };
    };
    const attach = async (credential: string, ticketId: string, uploadId: string, expectedVersion?: number) =>
      (
        await api.gql(
          `mutation($i: AttachUploadToTicketInput!) { attachUploadToTicket(input: $i) {
             ticket { id attachments { id filename contentType sizeBytes } recentTimeline(limit: 1) { kind summary } } userErrors { code field } } }`,
          { i: { ticketId, uploadId, expectedVersion } },
          credential,
        )
      ).body;

    test('a technician keeps a photo and a PDF on a ticket, in order; the timeline says so', async () => {
      const ticket = await registerTicket(token.managerA, '13955550001');
      const photo = (await routes.post(token.techA, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', 'hinge.jpg')).body.upload;
      const invoice = (await routes.post(token.techA, 'TICKET_ATTACHMENT', PDF, 'application/pdf', 'invoice.pdf')).body.upload;
      const first = await attach(token.techA, ticket.id, photo.id, ticket.version);
      expect(first.data.attachUploadToTicket.userErrors).toEqual([]);
      const second = await attach(token.techA, ticket.id, invoice.id);
      expect(second.data.attachUploadToTicket.ticket.attachments).toEqual([
        { id: photo.id, filename: 'hinge.jpg', contentType: 'image/jpeg', sizeBytes: JPEG.length },
        { id: invoice.id, filename: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
      ]);
      expect(second.data.attachUploadToTicket.ticket.recentTimeline).toEqual([
        { kind: 'ATTACHMENT_ADDED', summary: `Attached invoice.pdf (application/pdf, ${PDF.length} bytes)` },
      ]);
      // Attaching the same upload again changes nothing.
      const again = await attach(token.techA, ticket.id, photo.id);
      expect(again.data.attachUploadToTicket.ticket.attachments.map((upload: { id: string }) => upload.id)).toEqual([photo.id, invoice.id]);
      // A stale version is refused.
      const stale = await attach(token.techA, ticket.id, invoice.id, ticket.version);
      expect(stale.data.attachUploadToTicket.userErrors).toEqual([{ code: 'STALE', field: ['expectedVersion'] }]);
    });

    test('only a TICKET_ATTACHMENT of the same store, on one ticket', async () => {
      const ticket = await registerTicket(token.managerA, '13955550002');
      const other = await registerTicket(token.managerA, '13955550003');
      const evidence = (await routes.post(token.hqAdmin, 'INSPECTION_EVIDENCE', JPEG, 'image/jpeg')).body.upload;
      const storeB = (await routes.post(token.managerB, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg')).body.upload;
      const own = (await routes.post(token.managerA, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg')).body.upload;
      expect((await attach(token.managerA, ticket.id, evidence.id)).data.attachUploadToTicket.userErrors).toEqual([
        { code: 'UPLOAD_NOT_FOUND', field: ['uploadId'] },
      ]);
      expect((await attach(token.managerA, ticket.id, storeB.id)).data.attachUploadToTicket.userErrors).toEqual([
        { code: 'UPLOAD_NOT_FOUND', field: ['uploadId'] },
      ]);
      expect((await attach(token.managerA, ticket.id, own.id)).data.attachUploadToTicket.userErrors).toEqual([]);
      expect((await attach(token.managerA, other.id, own.id)).data.attachUploadToTicket.userErrors).toEqual([
        { code: 'UPLOAD_ALREADY_ATTACHED', field: ['uploadId'] },
      ]);
      // store-b cannot attach to store-a's ticket, nor see its attachments.
      const foreign = await api.gql(
        `mutation($i: AttachUploadToTicketInput!) { attachUploadToTicket(input: $i) { ticket { id } userErrors { code } } }`,
        { i: { ticketId: ticket.id, uploadId: storeB.id } },
        token.managerB,
      );
      expect(foreign.body.errors?.[0]?.extensions?.code ?? foreign.body.data.attachUploadToTicket.userErrors[0].code).toMatch(/NOT_FOUND/);
      const rows = await admin.query('select count(*)::int as n from ticket_attachments where tenant_id = $1', [tenantId['store-b']]);
      expect(rows.rows[0].n).toBe(0);
    });
  });
});

describe('over an S3-compatible service', () => {
  let api: TestApi;
  let s3: S3TestServer;
  let admin: Client;

  beforeAll(async () => {
    s3 = await startS3Server();
    api = await startTestApi({ env: s3.env() });
    admin = new Client({ connectionString: api.db.adminUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await api?.stop();
    await s3?.stop();
  });

  test('an upload is one signed PUT of the whole file under <tenant>/<upload>, read back by GET; a failed row removes it', async () => {
    const routes = routesOf(api);
    const manager = await api.login('store-a', 'manager@store-a.test');
    const tenant = (await admin.query<{ id: string }>(`select id from tenants where slug = 'store-a'`)).rows[0].id;
    const sent = await routes.post(manager, 'TICKET_ATTACHMENT', PDF, 'application/pdf', 'report.pdf');
    expect(sent.status).toBe(201);
    const key = `${tenant}/${fromGlobalId(sent.body.upload.id, 'Upload')!.id}`;
    expect([...s3.objects.entries()]).toEqual([[key, { body: PDF, contentType: 'application/pdf' }]]);
    const read = await routes.get(manager, sent.body.upload.id);
    expect([read.status, read.bytes, read.headers.get('content-type')]).toEqual([200, PDF, 'application/pdf']);

    await admin.query(`create function refuse_upload() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await admin.query('create trigger refuse_upload before insert on uploads for each row execute function refuse_upload()');
    const refused = await routes.post(manager, 'TICKET_ATTACHMENT', JPEG, 'image/jpeg', 'orphan.jpg');
    expect(refused.status).toBe(500);
    expect([...s3.objects.keys()]).toEqual([key]);
    expect(s3.requests.map((request) => [request.method, request.status])).toEqual([
      ['PUT', 200],
      ['GET', 200],
      ['PUT', 200],
      ['DELETE', 204],
    ]);
  });
});
