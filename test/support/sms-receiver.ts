import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An SMS as the receiver accepted it. */
export interface ReceivedSms {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  /** The Idempotency-Key header, when the sender sent one. */
  idempotencyKey: string | null;
}

/**
 * An HTTP server in the test process speaking the wire shape of Twilio's
 * Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded,
 * HTTP Basic auth with the account SID and auth token, 201 with the message
 * resource as JSON, errors as `{code, message, more_info, status}`.
 */
export interface SmsReceiver {
  /** The base URL to give a sender, e.g. http://127.0.0.1:54321 */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  messages: ReceivedSms[];
  /** Answers the next `count` valid requests with `status` (default 503), as an overloaded provider would. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startSmsReceiver(credentials: { accountSid?: string; authToken?: string } = {}): Promise<SmsReceiver> {
  const accountSid = credentials.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = credentials.authToken ?? randomBytes(16).toString('hex');
  const expectedAuthorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages: ReceivedSms[] = [];
  let failures = { count: 0, status: 503 };

  const server = createServer((request, response) => {
    readBody(request)
      .then((raw) => handle(request, raw, response))
      .catch(() => reply(response, 400, twilioError(400, 20001, 'Unreadable request')));
  });

  function handle(request: IncomingMessage, raw: string, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (request.method !== 'POST' || !match) return reply(response, 404, twilioError(404, 20404, 'The requested resource was not found'));
    if (request.headers.authorization !== expectedAuthorization || decodeURIComponent(match[1]) !== accountSid) {
      return reply(response, 401, twilioError(401, 20003, 'Authenticate'));
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return reply(response, 400, twilioError(400, 20001, 'Expected a form-encoded body'));
    }
    const form = new URLSearchParams(raw);
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body');
    if (!to) return reply(response, 400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!from) return reply(response, 400, twilioError(400, 21603, "A 'From' phone number is required."));
    if (!body) return reply(response, 400, twilioError(400, 21602, 'Message body is required.'));
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return reply(response, failures.status, twilioError(failures.status, 20500, 'Service temporarily unavailable'));
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const idempotencyKey = request.headers['idempotency-key'];
    messages.push({ sid, accountSid, to, from, body, idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null });
    reply(response, 201, {
      sid,
      account_sid: accountSid,
      to,
      from,
      body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
