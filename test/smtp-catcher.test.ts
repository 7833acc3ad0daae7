import { connect, Socket } from 'node:net';
import { SmtpCatcher, startSmtpCatcher } from './support/smtp-catcher';

/**
 * A sender killed in the middle of a message (the worker-crash test does it
 * with SIGKILL) resets its connection inside a mail transaction. smtp-server
 * reports such a reset as an 'error' event on the server; the catcher must
 * hear every one, or the second would end the test process with
 * "read ECONNRESET" while no assertion failed.
 */
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
});

afterAll(async () => {
  await smtp.close();
});

/** Opens a conversation, starts a message, and resets the connection half-way through it. */
async function dropInTheMiddle(): Promise<void> {
  const { port } = new URL(smtp.url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  let answers = '';
  socket.on('data', (chunk: Buffer) => (answers += chunk.toString()));
  const answered = async (count: number) => {
    while ((answers.match(/^\d{3} /gm) ?? []).length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  await answered(1); // greeting
  for (const [i, line] of ['EHLO killed.test', 'MAIL FROM:<a@b.test>', 'RCPT TO:<c@d.test>', 'DATA'].entries()) {
    socket.write(`${line}\r\n`);
    await answered(i + 2);
  }
  socket.write('Subject: cut off\r\n\r\nhalf a mess');
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.resetAndDestroy();
}

test('senders that vanish in the middle of a message are counted, not thrown, and the catcher goes on receiving', async () => {
  await dropInTheMiddle();
  await dropInTheMiddle();
  await dropInTheMiddle();
  const deadline = Date.now() + 5000;
  while (smtp.droppedConnections.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(smtp.droppedConnections.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET', 'ECONNRESET', 'ECONNRESET']);
  expect(smtp.errors).toEqual([]);
  expect(smtp.messages).toEqual([]);
});
