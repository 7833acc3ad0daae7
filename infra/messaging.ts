import type { MessageChannels } from '../domain/ports/message-channels';
import type { Config } from './config';
import { SmtpEmailSender } from './mail/smtp-email-sender';
import { TwilioSmsSender } from './sms/twilio-sms-sender';

type MessagingConfig = Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'SMS_PROVIDER' | 'SMS_API_BASE_URL' | 'SMS_ACCOUNT_SID' | 'SMS_AUTH_TOKEN' | 'SMS_FROM'>;

/**
 * The senders the worker hands to processors, from the settings. Without an
 * SMS provider, SMS is null and customers without an e-mail address are
 * recorded as not reached instead of failing forever.
 */
export function messageChannelsFrom(config: MessagingConfig): MessageChannels {
  const sms = config.SMS_PROVIDER === 'twilio' ? twilioFrom(config) : null;
  return { email: new SmtpEmailSender({ url: config.SMTP_URL, from: config.MAIL_FROM }), sms };
}

function twilioFrom(config: MessagingConfig): TwilioSmsSender {
  // loadConfig refuses twilio without these; checked again for callers building a config by hand.
  if (!config.SMS_ACCOUNT_SID || !config.SMS_AUTH_TOKEN || !config.SMS_FROM) {
    throw new Error('SMS_PROVIDER=twilio needs SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM');
  }
  return new TwilioSmsSender({
    baseUrl: config.SMS_API_BASE_URL,
    accountSid: config.SMS_ACCOUNT_SID,
    authToken: config.SMS_AUTH_TOKEN,
    from: config.SMS_FROM,
  });
}
