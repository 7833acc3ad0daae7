import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A partner's webhook endpoint, as a real HTTP server in the test process. It
 * verifies every request with the Standard Webhooks library, as a receiver in
 * the wild would, and answers as scripted: accept, fail a number of times
 * first, always fail, or hang past the sender's timeout.
 */
export interface ReceivedRequest {
  webhookId: string | null;
  /** The raw body, exactly as signed. */
  body: string;
  headers: Record<string, string>;
  /** Whether the signature verified against the receiver's secret. */
  verified: boolean;
  /** What the receiver did: an HTTP status, or 'HUNG' when it never answered. */
  answer: number | 'HUNG';
}

type Script =
  | { kind: 'ACCEPT' }
  | { kind: 'FAIL_FIRST'; remaining: number; status: number }
  | { kind: 'ALWAYS_FAIL'; status: number }
  | { kind: 'HANG_FIRST'; remaining: number };

export class WebhookReceiver {
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[] = [];
  /** Set once the endpoint is created and its secret is known. */
  secret: string | null = null;
  private script: Script = { kind: 'ACCEPT' };
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}${path}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void receiver.handle(request, response));
    return receiver;
  }

  accept(): this {
    this.script = { kind: 'ACCEPT' };
    return this;
  }

  /** Answers `status` to the next `times` verified deliveries, then accepts. */
  failFirst(times: number, status = 500): this {
    this.script = { kind: 'FAIL_FIRST', remaining: times, status };
    return this;
  }

  alwaysFail(status = 500): this {
    this.script = { kind: 'ALWAYS_FAIL', status };
    return this;
  }

  /** Never answers the next `times` verified deliveries (until the receiver closes), then accepts. */
  hangFirst(times: number): this {
    this.script = { kind: 'HANG_FIRST', remaining: times };
    return this;
  }

  /** Requests that verified and were answered with a 2xx: the deliveries this receiver actually took. */
  accepted(webhookId?: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.verified && typeof r.answer === 'number' && r.answer < 300 && (!webhookId || r.webhookId === webhookId));
  }

  /** Requests whose signature did not verify (answered 401). */
  rejected(): ReceivedRequest[] {
    return this.requests.filter((r) => !r.verified);
  }

  /** Every request carrying this `webhook-id`, whatever the answer. */
  received(webhookId: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.webhookId === webhookId);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A sender killed while its request was on the way leaves a body that never ends ("aborted", ECONNRESET): there
    // is nothing to record, and the rejection must not escape into the test process.
    const body = await readBody(request).catch(() => null);
    if (body === null) return;
    const headers = flatHeaders(request);
    const verified = this.verifies(body, headers);
    const entry: ReceivedRequest = { webhookId: headers['webhook-id'] ?? null, body, headers, verified, answer: 401 };
    this.requests.push(entry);
    if (!verified) return void response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid signature');
    const answer = this.nextAnswer();
    entry.answer = answer;
    if (answer === 'HUNG') {
      this.hanging.add(response);
      return;
    }
    const text = answer < 300 ? '{"received":true}' : `upstream exploded (${answer})`;
    response.writeHead(answer, { 'content-type': answer < 300 ? 'application/json' : 'text/plain' }).end(text);
  }

  private verifies(body: string, headers: Record<string, string>): boolean {
    if (!this.secret) return false;
    try {
      new Webhook(this.secret).verify(body, headers);
      return true;
    } catch {
      return false;
    }
  }

  private nextAnswer(): number | 'HUNG' {
    const script = this.script;
    switch (script.kind) {
      case 'ACCEPT':
        return 200;
      case 'ALWAYS_FAIL':
        return script.status;
      case 'FAIL_FIRST':
        if (script.remaining === 0) return 200;
        script.remaining--;
        return script.status;
      case 'HANG_FIRST':
        if (script.remaining === 0) return 200;
        script.remaining--;
        return 'HUNG';
    }
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
