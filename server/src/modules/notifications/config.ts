/**
 * Notification settings from the environment, validated at boot (STYLE.md pattern 10):
 *   DANVAN_SMTP_URL            smtp://user:pass@host:port (or smtps://) — or the parts below
 *   DANVAN_SMTP_HOST / _PORT / _USER / _PASS / _SECURE (true|false)
 *   DANVAN_SMTP_FROM           sender, default "DânVận <no-reply@danvan.local>"
 *   DANVAN_SMS_URL             HTTP gateway (POST {to, text}); DANVAN_SMS_TOKEN as bearer token
 *   DANVAN_PUBLIC_URL          the portal's address used in links (default: the address `serve` listens on)
 *   DANVAN_NOTIFY_INTERVAL_MS  worker poll interval in `serve` (default 5000; 0 disables the worker)
 * No SMTP or no gateway: that channel is log-only (masked), so a demo never needs a mail server.
 */
import type { SmtpSettings } from './transports.ts';

export interface NotifyConfig {
  smtp: SmtpSettings | null;
  from: string;
  smsUrl: string | null;
  smsToken: string | undefined;
  publicUrl: string | null;
  intervalMs: number;
}

export function readNotifyConfig(env: NodeJS.ProcessEnv): NotifyConfig {
  const problems: string[] = [];
  const from = env.DANVAN_SMTP_FROM?.trim() || 'DânVận <no-reply@danvan.local>';
  let smtp: SmtpSettings | null = null;
  const url = env.DANVAN_SMTP_URL?.trim();
  if (url) {
    if (!/^smtps?:\/\/[^/]+/.test(url)) problems.push('DANVAN_SMTP_URL phải có dạng smtp://user:pass@host:port hoặc smtps://…');
    smtp = { url, from };
  } else if (env.DANVAN_SMTP_HOST?.trim()) {
    const port = Number(env.DANVAN_SMTP_PORT ?? 587);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('DANVAN_SMTP_PORT phải là số cổng 1–65535');
    const secure = env.DANVAN_SMTP_SECURE ?? 'false';
    if (!['true', 'false'].includes(secure)) problems.push('DANVAN_SMTP_SECURE phải là true hoặc false');
    smtp = { host: env.DANVAN_SMTP_HOST.trim(), port, secure: secure === 'true', user: env.DANVAN_SMTP_USER || undefined, pass: env.DANVAN_SMTP_PASS || undefined, from };
  }
  const smsUrl = env.DANVAN_SMS_URL?.trim() || null;
  if (smsUrl && !/^https?:\/\//.test(smsUrl)) problems.push('DANVAN_SMS_URL phải bắt đầu bằng http:// hoặc https://');
  const publicUrl = env.DANVAN_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\//.test(publicUrl)) problems.push('DANVAN_PUBLIC_URL phải bắt đầu bằng http:// hoặc https://');
  const intervalMs = Number(env.DANVAN_NOTIFY_INTERVAL_MS ?? 5000);
  if (!Number.isInteger(intervalMs) || intervalMs < 0) problems.push('DANVAN_NOTIFY_INTERVAL_MS phải là số nguyên ≥ 0 (0 = tắt)');
  if (problems.length) throw new Error(`Cấu hình thông báo không hợp lệ:\n - ${problems.join('\n - ')}`);
  return { smtp, from, smsUrl, smsToken: env.DANVAN_SMS_TOKEN || undefined, publicUrl, intervalMs };
}
