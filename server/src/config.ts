/**
 * Environment, validated at boot: a wrong value stops the process with a clear message (STYLE.md pattern 10).
 */
import path from 'node:path';

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv, flags: { dataDir?: string } = {}): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL phải là một trong: ${LEVELS.join(', ')}`);
  const secure = env.DANVAN_SECURE_COOKIES ?? 'false';
  if (!['true', 'false'].includes(secure)) problems.push('DANVAN_SECURE_COOKIES phải là true hoặc false');
  const proxy = env.DANVAN_TRUST_PROXY ?? 'false';
  if (!['true', 'false'].includes(proxy)) problems.push('DANVAN_TRUST_PROXY phải là true hoặc false');
  if (problems.length) throw new Error(`Cấu hình không hợp lệ:\n - ${problems.join('\n - ')}`);
  return {
    dataDir: path.resolve(flags.dataDir ?? env.DANVAN_DATA_DIR ?? './data'),
    databaseUrl,
    logLevel,
    secureCookies: secure === 'true',
    trustProxy: proxy === 'true',
  };
}
