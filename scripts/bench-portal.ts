/**
 * Performance budget of the citizen portal (issue 7), measured in Chromium with mobile emulation, 4× CPU
 * slowdown and "slow 4G" network throttling through the DevTools protocol, against a real `danvan serve --demo`:
 *   home and submit pages ≤ 100 KB of JavaScript (gzip), LCP < 1.2 s, CLS < 0.05.
 * Prints the figures (median of RUNS cold loads per page) and exits 1 when a budget is exceeded.
 * Not part of the timed tests: run with `npm run bench` (or `tsx scripts/bench-portal.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { startServeProcess } from '@danvan/server/testing/serve-process';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET = { jsGzipBytes: 100 * 1024, lcpMs: 1200, cls: 0.05 };
// Lighthouse's "slow 4G" as applied by DevTools throttling (150 ms RTT × 3.75, 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up).
const SLOW_4G = { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const PAGES = [
  { name: 'home', path: '/', budget: true },
  { name: 'submit (agency step)', path: '/gui-don', budget: true },
  { name: 'submit (form)', path: '/gui-don?co-quan=00004', budget: true },
  { name: 'track', path: '/tra-cuu', budget: false },
  { name: 'public answers', path: '/tra-loi', budget: false },
];

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-bench-'));
  const server = await startServeProcess({
    dataDir,
    args: ['--demo'],
    env: { ...process.env, LOG_LEVEL: 'warn', DANVAN_NOTIFY_INTERVAL_MS: '0', DANVAN_SWEEP_MINUTES: '0' },
    pollMs: 300,
    readyTimeoutMs: 120_000,
    name: 'server',
  });
  const base = server.baseUrl;
  return {
    base,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Sample {
  jsGzip: number;
  jsFiles: number;
  htmlBytes: number;
  htmlGzip: number;
  lcp: number;
  cls: number;
  requests: number;
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  });
  await context.addInitScript(() => {
    const w = globalThis as unknown as { __lcp: number; __cls: number; PerformanceObserver: new (cb: (l: { getEntries(): { startTime: number; value?: number; hadRecentInput?: boolean }[] }) => void) => { observe(o: object): void } };
    w.__lcp = 0;
    w.__cls = 0;
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) w.__cls += e.value ?? 0;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Set<string>();
  let documentId = '';
  let requests = 0;
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
    requests++;
    if (e.type === 'Script') scripts.add(e.requestId);
    if (e.type === 'Document' && !documentId) documentId = e.requestId;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const { lcp, cls } = await page.evaluate(() => {
    const w = globalThis as unknown as { __lcp: number; __cls: number };
    return { lcp: w.__lcp, cls: w.__cls };
  });
  let jsGzip = 0;
  for (const id of scripts) {
    const body = (await cdp.send('Network.getResponseBody', { requestId: id })) as { body: string; base64Encoded: boolean };
    jsGzip += gzipSync(Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8')).length;
  }
  const doc = (await cdp.send('Network.getResponseBody', { requestId: documentId })) as { body: string; base64Encoded: boolean };
  const html = Buffer.from(doc.body, doc.base64Encoded ? 'base64' : 'utf8');
  await context.close();
  return { jsGzip, jsFiles: scripts.size, htmlBytes: html.length, htmlGzip: gzipSync(html).length, lcp, cls, requests };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchPortal(): Promise<boolean> {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  let ok = true;
  try {
    console.log(`Portal performance — Chromium mobile emulation (412×823), 4× CPU slowdown, slow 4G (RTT ${SLOW_4G.latency} ms, ${((SLOW_4G.downloadThroughput * 8) / 1024 / 1024).toFixed(2)} Mbps down); median of ${RUNS} cold loads`);
    console.log('page                   JS gzip   JS files  HTML (gzip)       requests  LCP       CLS     budget');
    for (const p of PAGES) {
      await measure(browser, `${server.base}${p.path}`); // warm the server, not the browser (cache disabled)
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, `${server.base}${p.path}`));
      const s: Sample = {
        jsGzip: median(samples.map((x) => x.jsGzip)),
        jsFiles: median(samples.map((x) => x.jsFiles)),
        htmlBytes: median(samples.map((x) => x.htmlBytes)),
        htmlGzip: median(samples.map((x) => x.htmlGzip)),
        lcp: median(samples.map((x) => x.lcp)),
        cls: Math.max(...samples.map((x) => x.cls)),
        requests: median(samples.map((x) => x.requests)),
      };
      const pass = s.jsGzip <= BUDGET.jsGzipBytes && s.lcp < BUDGET.lcpMs && s.cls < BUDGET.cls;
      if (p.budget && !pass) ok = false;
      console.log(
        `${p.name.padEnd(22)} ${`${(s.jsGzip / 1024).toFixed(1)} KB`.padEnd(9)} ${String(s.jsFiles).padEnd(9)} ${`${(s.htmlBytes / 1024).toFixed(1)} KB (${(s.htmlGzip / 1024).toFixed(1)} KB)`.padEnd(17)} ${String(s.requests).padEnd(9)} ${`${Math.round(s.lcp)} ms`.padEnd(9)} ${s.cls.toFixed(3).padEnd(7)} ${p.budget ? (pass ? '✔' : '✖') : '(info)'}`,
      );
    }
    console.log(`Budget (home, submit): JS ≤ ${BUDGET.jsGzipBytes / 1024} KB gzip, LCP < ${BUDGET.lcpMs} ms, CLS < ${BUDGET.cls} — ${ok ? 'met' : 'NOT MET'}`);
  } finally {
    await browser.close();
    await server.stop();
  }
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchPortal().then(
    (ok) => process.exit(ok ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
