/**
 * Environment, validated at boot: a wrong value stops the process with a clear message in Vietnamese and English
 * (STYLE.md pattern 10). Every DANVAN_* variable the platform reads is listed in KNOWN_VARIABLES; a DANVAN_* name
 * that is not (a typo: the sweep interval without its final S) is reported as a warning, never silently ignored.
 */
import path from 'node:path';
import { parseKeyList } from './security/sealer.ts';
import { parsePersonKey } from './security/person-hash.ts';
import { readNotifyConfig } from './modules/notifications/config.ts';
import { readNationalSyncConfig } from './modules/national-sync/config.ts';

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Minutes between deadline sweeps in `serve` (0 = off). */
  sweepMinutes: number;
  /** Hours between audit-chain anchors in `serve` (0 = off). */
  anchorHours: number;
  /** Seconds between folds of the report counter deltas in `serve` (0 = off; ADR 0010). */
  foldSeconds: number;
  /** Seconds between delivery runs of the liên thông outbox in `serve` (0 = off; issue 16). */
  federationDeliverSeconds: number;
  /** DANVAN_* variables set in the environment that the platform does not read (probably typos). */
  unknownVariables: string[];
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Every DANVAN_* variable read anywhere (server, tests, scripts); `danvan` warns about any other. */
// known-variables:start
export const KNOWN_VARIABLES = new Set([
  'DANVAN_DATA_DIR',
  'DANVAN_SECURE_COOKIES',
  'DANVAN_TRUST_PROXY',
  'DANVAN_SWEEP_MINUTES',
  'DANVAN_ANCHOR_HOURS',
  'DANVAN_COUNTER_FOLD_SECONDS',
  'DANVAN_SEAL_KEYS',
  'DANVAN_SEAL_KEY_FILE',
  'DANVAN_SEAL_PASSPHRASE',
  'DANVAN_PERSON_KEY',
  'DANVAN_PERSON_KEY_FILE',
  'DANVAN_PORTAL_KEY',
  'DANVAN_SMTP_URL',
  'DANVAN_SMTP_HOST',
  'DANVAN_SMTP_PORT',
  'DANVAN_SMTP_USER',
  'DANVAN_SMTP_PASS',
  'DANVAN_SMTP_SECURE',
  'DANVAN_SMTP_FROM',
  'DANVAN_SMS_URL',
  'DANVAN_SMS_TOKEN',
  'DANVAN_PUBLIC_URL',
  'DANVAN_NOTIFY_INTERVAL_MS',
  'DANVAN_TEST_DB',
  'DANVAN_TEST_DATABASE_URL',
  'DANVAN_PG_BIN',
  'DANVAN_REPORT_PDF_OUT',
  'DANVAN_GRASSROOTS_PDF_DIR',
  'DANVAN_NATIONAL_SYNC_URL',
  'DANVAN_NATIONAL_SYNC_TOKEN',
  'DANVAN_NATIONAL_SYNC_INTERVAL_MS',
  'DANVAN_NATIONAL_SYNC_TIMEOUT_MS',
  'DANVAN_INSTANCE_ID',
  'DANVAN_INSTANCE_NAME',
  'DANVAN_INSTANCE_URL',
  'DANVAN_INSTANCE_AGENCIES',
  'DANVAN_FEDERATION_DELIVER_SECONDS',
  'DANVAN_TEST_FEDERATION_CRASH_AFTER_SEND',
  'DANVAN_OPINION_QUEUE',
  'DANVAN_OPINION_BATCH',
  'DANVAN_OPINION_FOLD_SECONDS',
]);
// known-variables:end

/** A whole number ≥ 0 (the default when unset); a problem in both languages otherwise. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], meaning: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    problems.push(`${name}="${raw}" phải là số nguyên ≥ 0 (${meaning}; 0 = tắt) / must be a whole number ≥ 0 (0 = off)`);
    return fallback;
  }
  return n;
}

function check(problems: string[], name: string, fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function readConfig(env: NodeJS.ProcessEnv, flags: { dataDir?: string } = {}): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql:// / must start with postgres://');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL phải là một trong / must be one of: ${LEVELS.join(', ')}`);
  const secure = env.DANVAN_SECURE_COOKIES ?? 'false';
  if (!['true', 'false'].includes(secure)) problems.push('DANVAN_SECURE_COOKIES phải là true hoặc false / must be true or false');
  const proxy = env.DANVAN_TRUST_PROXY ?? 'false';
  if (!['true', 'false'].includes(proxy)) problems.push('DANVAN_TRUST_PROXY phải là true hoặc false / must be true or false');
  const sweepMinutes = wholeNumber(env, 'DANVAN_SWEEP_MINUTES', 15, problems, 'số phút giữa hai lần quét thời hạn');
  const anchorHours = wholeNumber(env, 'DANVAN_ANCHOR_HOURS', 24, problems, 'số giờ giữa hai lần neo nhật ký');
  const foldSeconds = wholeNumber(env, 'DANVAN_COUNTER_FOLD_SECONDS', 5, problems, 'số giây giữa hai lần gộp số liệu báo cáo');
  const federationDeliverSeconds = wholeNumber(env, 'DANVAN_FEDERATION_DELIVER_SECONDS', 5, problems, 'số giây giữa hai lần gửi gói tin liên thông');
  // Consultation ingest (issue 21; read by consultation/opinion-batcher.ts): checked here so that a typo stops the start.
  wholeNumber(env, 'DANVAN_OPINION_QUEUE', 20_000, problems, 'số ý kiến chờ ghi tối đa trước khi trả 503');
  wholeNumber(env, 'DANVAN_OPINION_BATCH', 4_000, problems, 'số ý kiến tối đa trong một lần ghi');
  wholeNumber(env, 'DANVAN_OPINION_FOLD_SECONDS', 30, problems, 'số giây giữa hai lần gộp số đếm ý kiến');
  if (env.DANVAN_INSTANCE_ID !== undefined && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(env.DANVAN_INSTANCE_ID)) {
    problems.push('DANVAN_INSTANCE_ID phải gồm chữ thường, số, gạch nối (tối đa 40) / must be lower-case letters, digits, hyphens');
  }
  if (env.DANVAN_INSTANCE_URL !== undefined && !/^https?:\/\/\S+$/.test(env.DANVAN_INSTANCE_URL)) problems.push('DANVAN_INSTANCE_URL phải là địa chỉ http(s):// / must be an http(s) URL');
  if (env.DANVAN_INSTANCE_AGENCIES !== undefined && !/^\s*[A-Za-z0-9]+(\s*[,\s]\s*[A-Za-z0-9]+)*\s*$/.test(env.DANVAN_INSTANCE_AGENCIES)) {
    problems.push('DANVAN_INSTANCE_AGENCIES phải là danh sách mã cơ quan cách nhau bằng dấu phẩy (vd. 79 hoặc 01,BCA) / must be agency codes separated by commas');
  }
  if (env.DANVAN_SEAL_KEYS) {
    check(problems, 'DANVAN_SEAL_KEYS', () => {
      const keys = parseKeyList(env.DANVAN_SEAL_KEYS!);
      if (keys.length === 0 || keys.some((k) => k.key.length !== 32)) throw new Error('mỗi khóa phải là 32 byte base64 / each key must be 32 bytes in base64');
    });
  }
  if (env.DANVAN_PERSON_KEY) check(problems, 'DANVAN_PERSON_KEY', () => parsePersonKey(env.DANVAN_PERSON_KEY!));
  if (env.DANVAN_PORTAL_KEY && Buffer.from(env.DANVAN_PORTAL_KEY, 'base64').length < 32) {
    problems.push('DANVAN_PORTAL_KEY phải là 32 byte mã hóa base64 / must be 32 bytes in base64');
  }
  check(problems, 'Thông báo / notifications', () => readNotifyConfig(env));
  check(problems, 'Đồng bộ CSDL quốc gia / national sync', () => readNationalSyncConfig(env));
  if (problems.length) throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n - ${problems.join('\n - ')}`);
  return {
    dataDir: path.resolve(flags.dataDir ?? env.DANVAN_DATA_DIR ?? './data'),
    databaseUrl,
    logLevel,
    secureCookies: secure === 'true',
    trustProxy: proxy === 'true',
    sweepMinutes,
    anchorHours,
    foldSeconds,
    federationDeliverSeconds,
    unknownVariables: Object.keys(env)
      .filter((k) => k.startsWith('DANVAN_') && !KNOWN_VARIABLES.has(k))
      .sort(),
  };
}
