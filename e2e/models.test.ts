/**
 * «Dân vận khéo» journey (issue 15) in Chromium against `danvan serve --demo`:
 *  - the Hà Nội head launches a campaign on the staff page (default criteria, labelled as defaults);
 *  - the Ba Đình handler registers a model, attaches a photo carrying GPS EXIF and a settled case, self-assesses;
 *  - the province monitor (Ban Dân vận) scores it; the Ba Đình head is refused (own unit); the province head
 *    recognises it;
 *  - the public gallery finds it with "dan van kheo ba dinh", its page shows the story, the linked case and the
 *    photo whose public copy has no EXIF; axe-core finds no serious or critical violation on the gallery pages
 *    and the staff pages.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasGpsExif, photoWithGps } from '@danvan/server/modules/good-models/test-photo';
import { ensureWebBuilt, launchBrowser, login, logout, pickOption, startServer, type RunningServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer({ timeoutMs: 120_000 });
  browser = await launchBrowser();
  // bypassCSP only to inject axe-core into the portal pages (they forbid every script).
  context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function api<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<{ status: number; json: T }> {
  const res = await context.request.fetch(`${server.baseUrl}/api/v1${path}`, { method, data });
  return { status: res.status(), json: (await res.json()) as T };
}

const axeResults: string[] = [];
async function axe(label: string) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const a = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const out = await a.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return out.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: (v.nodes as { target: unknown }[]).map((n) => JSON.stringify(n.target)).join(' ') }));
  });
  for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') axeResults.push(`${label}: ${v.id} (${v.impact}, ${v.nodes}) ${v.targets}`);
}

const withOutput = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output().slice(-3000)}`);
  }
};

describe('«Dân vận khéo»: campaign → model → evidence → assessment → recognition → public gallery', () => {
  it('runs the whole lifecycle through the staff pages and shows the model in the gallery', async () => {
    await withOutput(async () => {
      const stamp = Date.now().toString(36);
      const campaignTitle = `Dân vận khéo Hà Nội ${stamp}`;
      const modelTitle = `Dân vận khéo vận động lắp đèn ngõ phố ${stamp}`;

      // 1. The province head launches a campaign (default criteria).
      await login(page, server.baseUrl, 'tinh.lanhdao');
      await page.goto(`${server.baseUrl}/app/#/models`);
      await page.getByTestId('models-page').waitFor();
      await page.getByText('Phát động đợt mới').click();
      await page.getByTestId('campaign-title').fill(campaignTitle);
      await page.getByTestId('campaign-submit').click();
      await page.getByTestId('campaign-list').getByText(campaignTitle).waitFor();
      await axe('staff /models');
      await logout(page);

      // 2. The Ba Đình handler reaches the models from the report's «Dân vận khéo» tab and registers one.
      await login(page, server.baseUrl, 'xuly');
      await page.getByTestId('nav-report').click();
      await page.getByTestId('report-tab-models').click();
      await page.getByTestId('model-figures').waitFor();
      await page.getByTestId('models-link').click();
      await page.getByTestId('models-page').waitFor();
      await pickOption(page, 'model-campaign', campaignTitle);
      await pickOption(page, 'model-field', 'Xây dựng hệ thống chính trị');
      await page.getByTestId('model-title').fill(modelTitle);
      await page.getByTestId('model-story').fill('Tổ dân phố cùng cán bộ phường đến từng nhà lắng nghe, cùng góp công lắp đèn cho ngõ 5 Đội Cấn.');
      await page.getByTestId('model-submit').click();
      await page.locator('[data-testid="model-page"][aria-busy="false"]').waitFor();
      await expect(page.getByTestId('model-status').innerText()).resolves.toBe('Đã đăng ký, đang thực hiện');
      const modelId = page.url().split('/models/')[1]!;

      // A settled case of the unit (API, as the handler).
      const created = await api<{ case: { id: string; code: string } }>('POST', '/petitions', { agency: '00004', channel: 'post', type: 'feedback', content: `Kiến nghị lắp đèn chiếu sáng ngõ 5 Đội Cấn (${stamp})`, petitioner: { name: 'Trần Thị Hoa', address: 'Ngõ 5 Đội Cấn, Phường Ba Đình, Hà Nội' } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      for (const body of [{ action: 'accept' }, { action: 'answer', outcome: 'answered' }]) {
        const r = await api('POST', `/cases/${created.json.case.id}/transitions`, body);
        expect(r.status, JSON.stringify(r.json)).toBe(200);
      }

      // 3. Evidence: a photo with GPS EXIF and the settled case.
      const photo = await photoWithGps();
      await page.getByTestId('evidence-title').fill('Ngõ 5 sau khi lắp đèn');
      await page.getByTestId('evidence-case').fill(created.json.case.code);
      await page.getByTestId('evidence-file').setInputFiles({ name: 'ngo5.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByTestId('evidence-submit').click();
      await page.getByTestId('evidence-list').getByText(created.json.case.code, { exact: false }).waitFor();

      // 4. Self-assessment.
      for (let i = 0; i < 5; i++) await page.getByTestId(`self-score-${i}`).fill('9');
      await page.getByTestId('self-submit').click();
      await page.getByTestId('assess-card').waitFor();
      await expect(page.getByTestId('model-status').innerText()).resolves.toBe('Đã tự đánh giá, chờ thẩm định');
      await logout(page);

      // 5. The commune head may not score their own unit.
      await login(page, server.baseUrl, 'lanhdao');
      await page.goto(`${server.baseUrl}/app/#/models/${modelId}`);
      await page.locator('[data-testid="model-page"][aria-busy="false"]').waitFor();
      for (let i = 0; i < 5; i++) await page.getByTestId(`assess-score-${i}`).fill('10');
      await page.getByTestId('assess-submit').click();
      await page.getByTestId('model-error').getByText('không được chấm, công nhận hay kiểm tra mô hình của chính đơn vị mình', { exact: false }).waitFor();
      await logout(page);

      // 6. The province's Ban Dân vận scores it.
      await login(page, server.baseUrl, 'giamsat');
      await page.goto(`${server.baseUrl}/app/#/models/${modelId}`);
      await page.locator('[data-testid="model-page"][aria-busy="false"]').waitFor();
      for (let i = 0; i < 5; i++) await page.getByTestId(`assess-score-${i}`).fill('9');
      await page.getByTestId('assess-comment').fill('Cách làm sát dân, kết quả rõ ràng');
      await page.getByTestId('assess-submit').click();
      await page.getByTestId('decision-card').waitFor();
      await axe('staff /models/:id');
      await logout(page);

      // 7. The province head recognises it.
      await login(page, server.baseUrl, 'tinh.lanhdao');
      await page.goto(`${server.baseUrl}/app/#/models/${modelId}`);
      await page.locator('[data-testid="model-page"][aria-busy="false"]').waitFor();
      await pickOption(page, 'decision-level', 'Xuất sắc');
      await page.getByTestId('decision-submit').click();
      await page.getByTestId('model-public-link').waitFor();
      await expect(page.getByTestId('model-status').innerText()).resolves.toBe('Đã công nhận');
      await logout(page);

      // 8. The public gallery (no login): search without accents, the model page, the photo without EXIF.
      await page.goto(`${server.baseUrl}/mo-hinh`);
      await axe('/mo-hinh');
      await page.getByLabel('Tìm kiếm (không cần gõ dấu)').fill(`dan van kheo ba dinh ${stamp}`);
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.waitForURL('**/mo-hinh?q=*');
      await axe('/mo-hinh?q=…');
      await page.getByRole('link', { name: modelTitle }).click();
      await page.getByRole('heading', { level: 1, name: modelTitle }).waitFor();
      await expect(page.getByText(created.json.case.code, { exact: false }).isVisible()).resolves.toBe(true);
      await axe('/mo-hinh/:id');
      const src = await page.getByRole('img', { name: 'Ngõ 5 sau khi lắp đèn' }).getAttribute('src');
      const img = await context.request.get(`${server.baseUrl}${src}`);
      expect(img.status()).toBe(200);
      expect(await hasGpsExif(photo)).toBe(true);
      expect(await hasGpsExif(Buffer.from(await img.body()))).toBe(false);
      await page.goto(`${server.baseUrl}/mo-hinh/${modelId}?lang=en`);
      await axe('/mo-hinh/:id?lang=en');

      console.log(`[axe] models journey: serious/critical ${axeResults.length}${axeResults.length ? `\n  ${axeResults.join('\n  ')}` : ''}`);
      expect(axeResults).toEqual([]);
    });
  }, 300_000);
});
