/** `danvan serve` on a clone whose staff app was never built: /app/ says how to build it instead of a bare 404. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';

let env: TestEnv;
let built: TestEnv;
let dist: string;
beforeAll(async () => {
  env = await createTestEnv({ webDist: path.join(os.tmpdir(), 'danvan-no-such-dist') });
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>staff app</title><div id="root"></div>');
  built = await createTestEnv({ webDist: dist });
});
afterAll(async () => {
  await env?.close();
  await built?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('staff app shell', () => {
  it('without a build, /app/ and its client routes answer 503 with how to build it, in Vietnamese and English', async () => {
    for (const url of ['/app/', '/app', '/app/cases/12']) {
      const res = await env.api('GET', url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('npm run build');
      expect(res.body).toContain('Giao diện cán bộ chưa được dựng');
      expect(res.body).toContain('The staff app is not built yet');
    }
    // The API and the portal still work.
    expect((await env.api('GET', '/healthz')).statusCode).toBe(200);
  });
  it('with a build, /app/ serves it and client routes fall back to its index.html', async () => {
    const res = await built.api('GET', '/app/cases/12');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('staff app');
  });
});
