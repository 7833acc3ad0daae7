import type { OutgoingSms, SentReceipt, SmsSender } from '../../domain/ports/message-channels';

export interface TwilioSettings {
  /** https://api.twilio.com, or any provider speaking the same Messages API. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The sending number or alphanumeric sender id. */
  from: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** How much of a provider's error reply goes into the error message (and so into the action's last error). */
const EXCERPT_LENGTH = 300;

/**
 * Sends SMS through Twilio's Messages API: one form-encoded POST per message,
 * authenticated with the account SID and auth token. The provider's message
 * SID is the receipt.
 */
export class TwilioSmsSender implements SmsSender {
  private readonly endpoint: string;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly settings: TwilioSettings) {
    const base = settings.baseUrl.replace(/\/+$/, '');
    this.endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
    this.fetch = settings.fetch ?? fetch;
  }

  async send(sms: OutgoingSms): Promise<SentReceipt> {
    const response = await this.fetch(this.endpoint, {
      method: 'POST',
      headers: {
        authorization: this.authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        // Twilio ignores it; providers speaking its API that honour the Idempotency-Key header de-duplicate a resend.
        'idempotency-key': sms.idempotencyKey,
      },
      body: new URLSearchParams({ To: sms.to, From: this.settings.from, Body: sms.text }).toString(),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
    });
    const reply = await response.text();
    if (!response.ok) {
      throw new Error(`SMS provider answered ${response.status}: ${excerpt(reply)}`);
    }
    const sid = sidOf(reply);
    if (!sid) throw new Error(`SMS provider answered ${response.status} without a message sid: ${excerpt(reply)}`);
    return { providerReference: sid };
  }
}

function sidOf(reply: string): string | null {
  try {
    const parsed: unknown = JSON.parse(reply);
    const sid = parsed && typeof parsed === 'object' ? (parsed as { sid?: unknown }).sid : undefined;
    return typeof sid === 'string' && sid.length > 0 ? sid : null;
  } catch {
    return null;
  }
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > EXCERPT_LENGTH ? `${oneLine.slice(0, EXCERPT_LENGTH)}…` : oneLine || '(empty body)';
}
