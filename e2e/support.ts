/**
 * Shared set-up for browser journeys: a real `danvan serve --demo` on a free port with a fresh
 * data directory, and a headless Chromium driven by playwright-core.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium } from 'playwright-core';
import { startServeProcess } from '@danvan/server/testing/serve-process';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PASSWORD = 'DanVan@2026';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The server serves web/dist at /app/: build it when it is missing or older than the sources. */
export function ensureWebBuilt(): void {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web', 'src')),
    fs.statSync(path.join(ROOT, 'web', 'index.html')).mtimeMs,
    fs.statSync(path.join(ROOT, 'web', 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build: ask for production.
  const res = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.status !== 0) throw new Error(`web build failed:\n${res.stdout}\n${res.stderr}`);
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far; shown when a journey fails. */
  output: () => string;
  stop: () => Promise<void>;
}

/** `env`: extra environment for the server (e.g. DANVAN_SMTP_URL of a test SMTP server); the rest is inherited. */
export async function startServer(options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-e2e-'));
  let log = '';
  const remove = () => fs.rmSync(dataDir, { recursive: true, force: true });
  let server;
  try {
    server = await startServeProcess({
      dataDir,
      args: ['--demo'],
      env: { ...process.env, NODE_ENV: 'test', ...options.env },
      onOutput: (chunk) => (log = (log + chunk).slice(-20_000)),
      readyTimeoutMs: options.timeoutMs ?? 120_000,
      name: 'the e2e server',
    });
  } catch (err) {
    remove();
    throw err;
  }
  const { baseUrl, stop: stopProcess, kill9 } = server;
  const stop = async () => {
    const timer = setTimeout(() => void kill9(), 10_000);
    await stopProcess();
    clearTimeout(timer);
    remove();
  };
  return { baseUrl, dataDir, output: () => log, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh browser profile (no cookies, no storage) in Vietnamese, in Vietnam's time zone. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 } });
}

export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

/** "1.234" (Vietnamese thousands separator) → 1234. */
export function parseCount(text: string | null): number {
  const digits = (text ?? '').replace(/\D/g, '');
  if (!digits) throw new Error(`not a count: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** Opens an antd Select by its test id and clicks the visible option whose text matches. */
export async function pickOption(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Types a dd/mm/yyyy date into an antd DatePicker found by its test id. */
export async function typeDate(page: Page, testId: string, ddmmyyyy: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/**
 * Replaces window.print with a recorder, so a Print button can be checked headless: how many times
 * it was called, and the text of the print sheet that was on the page at that moment.
 */
export async function stubPrint(page: Page): Promise<() => Promise<{ count: number; sheet: string | null }>> {
  await page.evaluate(() => {
    type Doc = { querySelector: (s: string) => { textContent: string | null } | null };
    const w = globalThis as unknown as { __printed: { count: number; sheet: string | null }; print: () => void; document: Doc };
    w.__printed = { count: 0, sheet: null };
    w.print = () => {
      w.__printed.count += 1;
      w.__printed.sheet = w.document.querySelector('.dv-print-sheet')?.textContent ?? null;
    };
  });
  return () => page.evaluate(() => (globalThis as unknown as { __printed: { count: number; sheet: string | null } }).__printed);
}

/** "2026-12-28" → "28/12/2026" */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export interface StaffJourney {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * The setup every staff journey shares, registered as the file's beforeAll/afterAll: the built staff app, a
 * `danvan serve --demo`, Chromium, one context and one page with a default timeout. The returned object is filled
 * once beforeAll has run; a file copies what it uses in its own beforeAll (`beforeAll(() => ({ page, server } = j))`).
 */
export function staffJourney(options: { serverTimeoutMs?: number; pageTimeoutMs?: number; hookTimeoutMs?: number } = {}): StaffJourney {
  const j = {} as StaffJourney;
  beforeAll(async () => {
    ensureWebBuilt();
    j.server = await startServer({ timeoutMs: options.serverTimeoutMs ?? 120_000 });
    j.browser = await launchBrowser();
    j.context = await newContext(j.browser);
    j.page = await j.context.newPage();
    j.page.setDefaultTimeout(options.pageTimeoutMs ?? 15_000);
  }, options.hookTimeoutMs ?? 180_000);
  afterAll(async () => {
    await j.context?.close();
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
