import { createTransport } from 'nodemailer';
import type { EmailSender, OutgoingEmail, SentReceipt } from '../../domain/ports/message-channels';

export interface SmtpSettings {
  /** smtp:// or smtps://, credentials in the URL. */
  url: string;
  /** The From header, e.g. `Aftersales <no-reply@example.com>`. */
  from: string;
  /** Simultaneous connections to the server; the worker sends from several jobs at once. */
  maxConnections?: number;
}

/**
 * Sends e-mail over SMTP with a pool of connections kept open between
 * messages. The Message-ID comes from the caller (one per scheduled action),
 * so a message resent after a lost commit carries the same id and a receiving
 * system can drop the duplicate.
 */
export class SmtpEmailSender implements EmailSender {
  private readonly transport;

  constructor(settings: SmtpSettings) {
    this.transport = createTransport(
      {
        url: settings.url,
        pool: true,
        maxConnections: settings.maxConnections ?? 3,
        // Fail an attempt within a bounded time: the action is retried later anyway.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      },
      { from: settings.from },
    );
  }

  async send(email: OutgoingEmail): Promise<SentReceipt> {
    const info = await this.transport.sendMail({ to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    // Servers reply "250 2.0.0 Ok: queued as 4F1A2B3C": the queue id is what their logs know the message by.
    return { providerReference: info.response };
  }

  close(): void {
    this.transport.close();
  }
}
