/**
 * Search and same matters (issue 18), in a browser against `danvan serve --demo`: the ward's handler takes in a
 * complaint about a decision and a land parcel; the city's handler types the same letter unaccented and abbreviated
 * at the city's intake and sees the ward's case first with «cùng số quyết định, cùng thửa đất»; the city records its
 * copy anyway, finds it with the header search box (no diacritics), and on its case page links it as a duplicate
 * handled by the ward: the copy is archived and the citizen's notice says where the matter is handled. Then a
 * dialogue planned by the ward is found from the city by its title typed without diacritics, and the hit opens its page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, login, logout, staffJourney } from './support.ts';
import type { RunningServer } from './support.ts';

const journey = staffJourney({ pageTimeoutMs: 20_000 });
let server: RunningServer;
let page: Page;

beforeAll(() => {
  ({ page, server } = journey);
});

const stamp = Date.now();
const DEC = 100 + (stamp % 8000);
const PARCEL = 10 + (stamp % 900);
const WARD = `Tôi khiếu nại Quyết định số ${DEC}/QĐ-UBND ngày 10/3/2026 của Ủy ban nhân dân Phường Ba Đình về việc thu hồi thửa đất số ${PARCEL}, tờ bản đồ số 7 của gia đình tôi. Mức bồi thường không đúng giá thị trường.`;
const CITY = `kinh gui UBND TP Ha Noi. Toi khieu nai QD ${DEC}/QD-UBND cua UBND phuong Ba Dinh thu hoi thua dat so ${PARCEL} to ban do so 7, boi thuong khong dung gia thi truong. Xin tran trong cam on.`;

async function newPetition(content: string, name: string): Promise<void> {
  await page.getByTestId('nav-new-petition').click();
  await page.getByTestId('petition-content').fill(content);
  await page.getByTestId('petition-name').fill(name);
}

describe('search and same matters', () => {
  it('the city sees the ward case with its reasons, finds its copy by search, links it; the citizen is told where', async () => {
    try {
      await login(page, server.baseUrl, 'xuly');
      await newPetition(WARD, 'Lê Văn Tâm');
      await page.getByTestId('petition-submit').click();
      const wardCode = (await page.getByTestId('petition-case-code').innerText()).trim();
      await logout(page);

      await login(page, server.baseUrl, 'tinh.xuly');
      await newPetition(CITY, 'Le Van Tam');
      const candidate = page.locator(`[data-testid="similar-candidate"][data-case-code="${wardCode}"]`);
      await candidate.waitFor();
      expect(await page.getByTestId('similar-candidate').first().getAttribute('data-case-code')).toBe(wardCode);
      expect(await candidate.getByTestId('similar-reasons').innerText()).toContain('cùng số quyết định, cùng thửa đất');
      await page.getByTestId('petition-submit').click();
      const cityCode = (await page.getByTestId('petition-case-code').innerText()).trim();
      expect(cityCode).toMatch(/^01-\d{4}-\d{5}$/);

      // The header search box, without diacritics: the decision number finds both copies, highlighted.
      await page.getByTestId('header-search').locator('input').fill(`${DEC}/QD-UBND`);
      await page.getByTestId('header-search').locator('input').press('Enter');
      const hit = page.locator(`[data-testid="search-hit"][data-case-code="${cityCode}"]`).first();
      await hit.waitFor();
      await page.locator(`[data-testid="search-hit"][data-case-code="${wardCode}"]`).first().waitFor();
      expect((await hit.locator('mark').allInnerTexts()).join(' ')).toContain(String(DEC));
      await hit.getByRole('link', { name: cityCode }).click();
      await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(cityCode);

      // Link the city's copy as a duplicate of the ward's case, which handles the matter.
      const other = page.locator(`[data-testid="case-similar"] [data-testid="similar-candidate"][data-case-code="${wardCode}"]`);
      await other.waitFor();
      await other.getByTestId('similar-link-there').click();
      const done = page.getByTestId('similar-linked');
      await done.waitFor();
      expect(await done.innerText()).toContain(`mã hồ sơ ${wardCode}`);
      await page.reload();
      await expect.poll(() => page.getByTestId('case-state').innerText()).toMatch(/Lưu đơn|Đã lưu/i);
      await expect.poll(() => page.getByTestId('case-notices').innerText()).toContain(`Vụ việc đang được`);
      expect(await page.getByTestId('case-notices').innerText()).toContain(wardCode);
    } catch (err) {
      console.error(server.output());
      throw err;
    }
  }, 180_000);

  it('a dialogue of the ward is found from the city without diacritics and the hit opens its page', async () => {
    const api = async <T>(path: string, body: unknown, token?: string) => {
      const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as T;
    };
    const token = (await api<{ token: string }>('/api/v1/auth/login', { username: 'xuly', password: DEMO_PASSWORD })).token;
    const planned = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { dialogue } = await api<{ dialogue: { id: string; code: string } }>('/api/v1/dialogues', { agency: '00004', kind: 'commune-yearly', title: `Đối thoại về lát đá vỉa hè phố Đội Cấn ${DEC}`, plannedOn: planned }, token);
    try {
      await logout(page).catch(() => undefined);
      await login(page, server.baseUrl, 'tinh.xuly');
      await page.getByTestId('header-search').locator('input').fill(`lat da via he doi can ${DEC}`);
      await page.getByTestId('header-search').locator('input').press('Enter');
      const hit = page.locator(`[data-testid="search-hit"][data-record-type="dialogue"][data-code="${dialogue.code}"]`);
      await hit.waitFor();
      await hit.getByRole('link', { name: dialogue.code }).click();
      await expect.poll(() => page.url()).toContain(`/dialogues/${dialogue.id}`);
      await page.getByTestId('dlg-status').waitFor();
    } catch (err) {
      console.error(server.output());
      throw err;
    }
  }, 120_000);
});
