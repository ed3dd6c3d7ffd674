/**
 * How messages leave the building: e-mail over SMTP (nodemailer) and SMS through an adapter — an HTTP gateway
 * configured by URL, or the log-only default. Nothing here ever logs an address or a message text in clear.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a receiving system can recognise a resend after a crash. */
  messageId: string;
}

export interface Mailer {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

export interface SmsSender {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}

/** The part of a pino / Fastify logger the transports and the worker use. */
export interface NotifyLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** "+84987654321" → "+84•••••••321". */
export function maskPhone(phone: string): string {
  const tail = phone.slice(-3);
  const head = phone.startsWith('+') ? phone.slice(0, 3) : '';
  return `${head}${'•'.repeat(Math.max(0, phone.length - head.length - tail.length))}${tail}`;
}

/** "binh.tran@example.com" → "b•••@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
}

/**
 * SMTP through nodemailer. Short timeouts: the worker holds a lease on the row while it sends, and a hanging
 * server must fail the attempt (and back off) well before the lease runs out.
 */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transport = settings.url
    ? nodemailer.createTransport({ url: settings.url, ...timeouts })
    : nodemailer.createTransport({
        host: settings.host,
        port: settings.port ?? 587,
        secure: settings.secure ?? false,
        ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
        ...timeouts,
      });
  return {
    name: 'smtp',
    async send(m) {
      await transport.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close() {
      transport.close();
    },
  };
}

/** No SMTP configured (demo, development): say that a message would have gone out, without its content. */
export function logMailer(log: NotifyLog): Mailer {
  return {
    name: 'log',
    async send(m) {
      log.info({ email: { to: maskEmail(m.to), subjectChars: m.subject.length, textChars: m.text.length } }, 'e-mail (log only, no SMTP configured)');
    },
  };
}

/**
 * An SMS gateway reached over HTTP: POST {to, text} as JSON, optional bearer token; any non-2xx answer is a
 * failure (retried with back-off by the worker).
 */
export function httpSms(url: string, token: string | undefined, fetchImpl: typeof fetch = fetch): SmsSender {
  return {
    name: 'http',
    async send(to, text) {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
    },
  };
}

/** Default SMS adapter: logs that a message was due, with the number masked and no text. */
export function logSms(log: NotifyLog): SmsSender {
  return {
    name: 'log',
    async send(to, text) {
      log.info({ sms: { to: maskPhone(to), chars: text.length } }, 'SMS (log only, no gateway configured)');
    },
  };
}

/** Vietnamese without diacritics: SMS brand-name gateways in Vietnam send plain GSM text. */
export function smsText(input: string, max = 320): string {
  const plain = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[«»“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
