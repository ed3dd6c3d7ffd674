/**
 * National complaints database sync settings (NĐ 55/2022 Art. 8), validated at boot through config.ts:
 *   DANVAN_NATIONAL_SYNC_URL          the receiving endpoint (http:// or https://); unset = events queue up (the
 *                                     backlog is kept and shown by getSyncStatus) and nothing is sent
 *   DANVAN_NATIONAL_SYNC_TOKEN        bearer token sent with each event (optional)
 *   DANVAN_NATIONAL_SYNC_INTERVAL_MS  worker poll interval in `serve` (default 10000; 0 = worker off)
 *   DANVAN_NATIONAL_SYNC_TIMEOUT_MS   per-request timeout (default 15000)
 */
export interface NationalSyncConfig {
  url: string | null;
  token: string | undefined;
  intervalMs: number;
  timeoutMs: number;
}

export function readNationalSyncConfig(env: NodeJS.ProcessEnv): NationalSyncConfig {
  const problems: string[] = [];
  const url = env.DANVAN_NATIONAL_SYNC_URL?.trim() || null;
  if (url && !/^https?:\/\/[^/]+/.test(url)) problems.push('DANVAN_NATIONAL_SYNC_URL phải bắt đầu bằng http:// hoặc https:// / must start with http:// or https://');
  const whole = (name: string, fallback: number, min: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      problems.push(`${name}="${raw}" phải là số nguyên ≥ ${min} / must be a whole number ≥ ${min}`);
      return fallback;
    }
    return Number(raw);
  };
  const intervalMs = whole('DANVAN_NATIONAL_SYNC_INTERVAL_MS', 10_000, 0);
  const timeoutMs = whole('DANVAN_NATIONAL_SYNC_TIMEOUT_MS', 15_000, 100);
  if (problems.length) throw new Error(`Cấu hình đồng bộ CSDL quốc gia không hợp lệ / invalid national sync settings:\n - ${problems.join('\n - ')}`);
  return { url, token: env.DANVAN_NATIONAL_SYNC_TOKEN || undefined, intervalMs, timeoutMs };
}
