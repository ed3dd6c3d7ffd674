import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('environment validated at boot', () => {
  it('reads defaults and flags', () => {
    const c = readConfig({}, { dataDir: '/tmp/x' });
    expect(c).toMatchObject({ dataDir: '/tmp/x', databaseUrl: undefined, logLevel: 'info', secureCookies: false, trustProxy: false });
    expect(readConfig({ DANVAN_TRUST_PROXY: 'true', DANVAN_SECURE_COOKIES: 'true' })).toMatchObject({ trustProxy: true, secureCookies: true });
  });
  it('fails fast with every problem listed in Vietnamese', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DANVAN_TRUST_PROXY: 'yes' })).toThrow(
      /DATABASE_URL phải bắt đầu bằng postgres[\s\S]*LOG_LEVEL[\s\S]*DANVAN_TRUST_PROXY/,
    );
  });
});
