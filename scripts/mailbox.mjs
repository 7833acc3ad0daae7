// `npm run mailbox`: a local mailbox for the demo. It accepts every e-mail
// sent to it over plain SMTP (no TLS, no login) on port 1025, prints each one
// as it arrives, and serves them as JSON at http://localhost:1080/messages so
// a script can read them (`?to=<address>` keeps one recipient's mail).
//
//   MAILBOX_PORT=1025 MAILBOX_HTTP_PORT=1080 MAILBOX_HOST=127.0.0.1 npm run mailbox
//
// GET /messages lists every message, oldest first; DELETE /messages empties
// the list. Nothing is written to disk: stopping the mailbox forgets the mail.
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const SMTP_PORT = port('MAILBOX_PORT', 1025);
const HTTP_PORT = port('MAILBOX_HTTP_PORT', 1080);
const HOST = process.env.MAILBOX_HOST || '127.0.0.1';
/** Demo mail is small; anything bigger is refused rather than kept in memory. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    process.stderr.write(`${name} must be a port number, not "${raw}"\n`);
    process.exit(2);
  }
  return value;
}

/** @type {{ id: number, receivedAt: string, from: string, to: string[], subject: string, text: string, messageId: string, date: string | null, duplicateOf: number | null, envelope: { from: string, to: string[] } }[]} */
const messages = [];
let nextId = 1;

const addresses = (field) => (field ? (Array.isArray(field) ? field : [field]).flatMap((f) => f.value.map((a) => a.address || a.name)) : []);

function record(parsed, envelope) {
  const messageId = parsed.messageId || '';
  const earlier = messageId ? messages.find((m) => m.messageId === messageId) : undefined;
  const message = {
    id: nextId++,
    receivedAt: new Date().toISOString(),
    from: parsed.from?.text || envelope.from,
    to: addresses(parsed.to).length > 0 ? addresses(parsed.to) : envelope.to,
    subject: parsed.subject || '',
    text: (parsed.text || '').replace(/\s+$/, ''),
    messageId,
    date: parsed.date ? parsed.date.toISOString() : null,
    // The same Message-ID again: the sender resent a message it could not be sure had arrived.
    duplicateOf: earlier ? earlier.id : null,
    envelope,
  };
  messages.push(message);
  print(message);
}

function print(message) {
  const lines = [
    `── message ${message.id} at ${message.receivedAt}${message.duplicateOf ? `  (a resend of message ${message.duplicateOf}: same Message-ID)` : ''}`,
    `From:       ${message.from}`,
    `To:         ${message.to.join(', ')}`,
    `Subject:    ${message.subject}`,
    `Message-ID: ${message.messageId}`,
    '',
    message.text,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const smtp = new SMTPServer({
  // Plain local SMTP: no TLS upgrade to negotiate and no login to give.
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  size: MAX_MESSAGE_BYTES,
  banner: 'demo mailbox',
  logger: false,
  onData(stream, session, callback) {
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    };
    simpleParser(stream)
      .then((parsed) => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error(`Message larger than ${MAX_MESSAGE_BYTES} bytes`), { responseCode: 552 }));
          return;
        }
        record(parsed, envelope);
        callback(null, `Ok: queued as MAILBOX${String(messages.length).padStart(4, '0')}`);
      })
      .catch((error) => {
        process.stderr.write(`mailbox: could not read a message: ${error.message}\n`);
        callback(Object.assign(new Error('Could not read the message'), { responseCode: 451 }));
      });
  },
});
// A client that disconnects mid-conversation is no reason to stop the mailbox.
smtp.on('error', (error) => process.stderr.write(`mailbox: SMTP: ${error.message}\n`));

const http = createServer((request, response) => {
  const url = new URL(request.url || '/', 'http://mailbox');
  const send = (status, body) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body, null, 2)}\n`);
  if (url.pathname === '/messages' && request.method === 'GET') {
    const to = url.searchParams.get('to')?.toLowerCase();
    return send(200, to ? messages.filter((m) => [...m.to, ...m.envelope.to].some((a) => a.toLowerCase() === to)) : messages);
  }
  if (url.pathname === '/messages' && request.method === 'DELETE') {
    messages.length = 0;
    return send(200, { cleared: true });
  }
  if (url.pathname === '/' && request.method === 'GET') {
    return send(200, { messages: messages.length, list: '/messages', smtp: `smtp://${HOST}:${SMTP_PORT}` });
  }
  send(404, { error: 'GET /messages, GET /messages?to=<address> or DELETE /messages' });
});

function listening(server, portNumber, what) {
  return new Promise((resolve) => {
    server.once('error', (error) => {
      const hint = error.code === 'EADDRINUSE' ? ` (port ${portNumber} is taken: set ${what === 'SMTP' ? 'MAILBOX_PORT' : 'MAILBOX_HTTP_PORT'})` : '';
      process.stderr.write(`mailbox: cannot listen for ${what} on ${HOST}:${portNumber}: ${error.message}${hint}\n`);
      process.exit(1);
    });
    server.listen(portNumber, HOST, resolve);
  });
}

await listening(smtp.server, SMTP_PORT, 'SMTP');
await listening(http, HTTP_PORT, 'HTTP');
process.stdout.write(
  `mailbox: SMTP on smtp://${HOST}:${SMTP_PORT}, messages as JSON at http://${['127.0.0.1', '0.0.0.0', '::', '::1'].includes(HOST) ? 'localhost' : HOST}:${HTTP_PORT}/messages\n\n`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(0);
    stopping = true;
    http.closeAllConnections();
    http.close();
    smtp.close(() => process.exit(0));
    // smtp-server waits for open sessions; do not hang on a pooled client that stays connected.
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
