import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the catcher received it over SMTP. */
export interface CaughtMessage {
  /** Envelope recipients (RCPT TO), in order. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** With its angle brackets, as in the header. */
  messageId: string;
  /** What the catcher answered to DATA: "250 <reply>". */
  reply: string;
}

/**
 * A real SMTP server in the test process: mail senders hold a real SMTP
 * conversation with it, and tests read what arrived. It can be told to refuse
 * the next messages with a temporary error, as a busy server would.
 */
export interface SmtpCatcher {
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages: CaughtMessage[];
  /** Resolves once at least `count` messages arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMessage[]>;
  /**
   * Clients that vanished in the middle of a mail transaction (the socket
   * reset after MAIL FROM: a sender process killed while sending). The server
   * reports each as an 'error' event; a test that kills a sender expects them.
   */
  droppedConnections: Error[];
  /** Any other error the server reported: none is expected. */
  errors: Error[];
  /** The next `count` messages are answered 451 (try again later). */
  refuseNext(count: number): void;
  clear(): void;
  close(): Promise<void>;
}

/** Socket errors that mean the client went away, as smtp-server names them. */
const CLIENT_WENT_AWAY = new Set(['ECONNRESET', 'EPIPE']);

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMessage[] = [];
  let refusals = 0;
  let queued = 0;
  const server = new SMTPServer({
    // Plain local SMTP: no TLS upgrade to negotiate and no login to give.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (refusals > 0) {
            refusals--;
            callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
            return;
          }
          const reply = `Ok: queued as CATCH${String(++queued).padStart(4, '0')}`;
          messages.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').replace(/\n$/, ''),
            messageId: parsed.messageId ?? '',
            reply: `250 ${reply}`,
          });
          callback(null, reply);
        })
        .catch((error: Error) => callback(error));
    },
  });
  const droppedConnections: Error[] = [];
  const errors: Error[] = [];
  // Always listened to: a connection reset inside a mail transaction reaches the server as an 'error' event, and an
  // unheard 'error' event would end the test process with "read ECONNRESET" whatever the test asserts.
  server.on('error', (error: Error & { code?: string }) => (CLIENT_WENT_AWAY.has(error.code ?? '') ? droppedConnections : errors).push(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    droppedConnections,
    errors,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return messages.slice(0, count);
    },
    refuseNext(count) {
      refusals = count;
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
