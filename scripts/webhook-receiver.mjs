// `npm run webhook-receiver -- <secret>` (or WEBHOOK_SECRET=<secret>): a
// partner's webhook endpoint for the demo, on http://localhost:4100 (any path,
// e.g. /hooks). It verifies every delivery with the Standard Webhooks library,
// as a receiver in the wild would, prints `✓ <webhook-id> <type>` or
// `✗ rejected: <reason>`, answers 204 or 401, and lists what it accepted at
// GET /events (each event once, however often it was delivered).
//
//   WEBHOOK_RECEIVER_PORT=4100 WEBHOOK_RECEIVER_HOST=127.0.0.1
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const USAGE =
  'usage: npm run webhook-receiver -- <secret>   (or WEBHOOK_SECRET=<secret>)\n' + 'The secret is the whsec_... value createWebhookEndpoint returned.\n';

let args;
try {
  args = parseArgs({ allowPositionals: true, strict: true, options: {} }).positionals;
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.length > 1) {
  process.stderr.write(`webhook-receiver takes one secret, not ${args.length} arguments\n${USAGE}`);
  process.exit(2);
}
const secret = args[0] || process.env.WEBHOOK_SECRET || '';
const PORT = Number(process.env.WEBHOOK_RECEIVER_PORT || 4100);
const HOST = process.env.WEBHOOK_RECEIVER_HOST || '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

if (!secret) {
  process.stderr.write(USAGE);
  process.exit(2);
}
if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  process.stderr.write(`WEBHOOK_RECEIVER_PORT must be a port number, not "${process.env.WEBHOOK_RECEIVER_PORT}"\n`);
  process.exit(2);
}

let verifier;
try {
  verifier = new Webhook(secret);
} catch (error) {
  process.stderr.write(`the secret is not a Standard Webhooks secret (whsec_<base64>): ${error.message}\n`);
  process.exit(2);
}

/** Accepted events by webhook-id, in arrival order: a retry of the same event is counted, not listed twice. */
const events = new Map();
let rejected = 0;

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`body larger than ${MAX_BODY_BYTES} bytes`), { status: 413 }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response, status, body) {
  if (body === undefined) return void response.writeHead(status).end();
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body, null, 2)}\n`);
}

async function receive(request, response) {
  let body;
  try {
    body = await readBody(request);
  } catch (error) {
    process.stdout.write(`✗ rejected: ${error.message}\n`);
    rejected++;
    return answer(response, error.status || 400, { error: error.message });
  }
  let payload;
  try {
    // Verifies the signature over id, timestamp and the raw body, and that the timestamp is recent (replay protection).
    payload = verifier.verify(body, request.headers);
  } catch (error) {
    rejected++;
    process.stdout.write(`✗ rejected: ${error.message}\n`);
    return answer(response, 401, { error: error.message });
  }
  const id = request.headers['webhook-id'];
  const type = payload && typeof payload === 'object' ? payload.type : undefined;
  const data = payload && typeof payload === 'object' ? payload.data : undefined;
  const earlier = events.get(id);
  const detail = [data?.ticketNumber, data?.metric, data?.level !== undefined ? `level ${data.level}` : null, data?.to].filter(Boolean).join(' ');
  if (earlier) {
    // At-least-once delivery: the sender could not be sure we had it. Same id, so it is the same event: take it again, act once.
    earlier.deliveries++;
    process.stdout.write(`✓ ${id} ${type} (again: delivery ${earlier.deliveries} of an event already received)\n`);
  } else {
    events.set(id, { webhookId: id, type, timestamp: payload?.timestamp ?? null, data: data ?? null, receivedAt: new Date().toISOString(), deliveries: 1 });
    process.stdout.write(`✓ ${id} ${type}${detail ? `  ${detail}` : ''}\n`);
  }
  answer(response, 204);
}

const server = createServer((request, response) => {
  const path = new URL(request.url || '/', 'http://receiver').pathname;
  if (request.method === 'GET' && path === '/events') return answer(response, 200, [...events.values()]);
  if (request.method === 'GET' && path === '/') return answer(response, 200, { events: events.size, rejected, list: '/events' });
  if (request.method === 'POST') {
    receive(request, response).catch((error) => {
      process.stderr.write(`webhook-receiver: ${error.stack || error}\n`);
      if (!response.headersSent) answer(response, 500, { error: 'receiver error' });
    });
    return;
  }
  answer(response, 405, { error: 'POST a delivery to any path, or GET /events' });
});

server.once('error', (error) => {
  const hint = error.code === 'EADDRINUSE' ? ' (the port is taken: set WEBHOOK_RECEIVER_PORT)' : '';
  process.stderr.write(`webhook-receiver: cannot listen on ${HOST}:${PORT}: ${error.message}${hint}\n`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  const shown = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(HOST) ? 'localhost' : HOST;
  process.stdout.write(`webhook-receiver: verifying deliveries on http://${shown}:${PORT}/hooks; received events at http://${shown}:${PORT}/events\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
