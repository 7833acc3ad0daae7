/**
 * The ways a message leaves the platform. The worker is given one sender per
 * channel; production wires SMTP and an HTTP SMS provider, and tests the same
 * code against servers running in the test process.
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic per scheduled action (`<action-id@host>`), so a receiver can recognise a resend. */
  messageId: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
  /** Deterministic per scheduled action; providers that accept one de-duplicate on it. */
  idempotencyKey: string;
}

export interface SentReceipt {
  /** The provider's id or the SMTP server's reply. */
  providerReference: string;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<SentReceipt>;
  close?(): void;
}

export interface SmsSender {
  send(sms: OutgoingSms): Promise<SentReceipt>;
}

export interface MessageChannels {
  email: EmailSender;
  /** null when no SMS provider is configured: SMS-only recipients are then reached by email where possible. */
  sms: SmsSender | null;
}

declare module '../scheduling/processor' {
  interface ProcessorDeps {
    channels: MessageChannels;
  }
}
