/**
 * Calendar journey (issue 3): a petition's processing deadline (10 working days) is running; the
 * admin declares a day-off inside that period on the calendar page; the page lists the case among
 * those whose deadline moved, and the case page shows the new due date. Resetting the day moves it
 * back. The deadline calculator agrees with the case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { login, logout, pickOption, staffJourney, typeDate, viDate } from './support.ts';
import type { RunningServer } from './support.ts';

const journey = staffJourney();
let server: RunningServer;
let context: BrowserContext;
let page: Page;

beforeAll(() => {
  ({ context, page, server } = journey);
});

interface CaseJson {
  case: { id: string; code: string; receivedOn: string; dueOn: string | null; dueRule: string | null };
}
interface DaysJson {
  days: { date: string; kind: string }[];
}

/** API calls share the browser context's session cookie. */
async function api<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const res = await context.request.fetch(`${server.baseUrl}/api/v1${path}`, { method, data });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first ordinary working day strictly between `from` and `to` (no weekend, no calendar entry). */
async function ordinaryDayBetween(from: string, to: string): Promise<string> {
  const listed = new Set<string>();
  for (const year of new Set([from.slice(0, 4), to.slice(0, 4)])) {
    for (const d of (await api<DaysJson>('GET', `/calendar/days?year=${year}`)).days) listed.add(d.date);
  }
  for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !listed.has(d)) return d;
  }
  throw new Error(`no ordinary working day between ${from} and ${to}`);
}

async function caseDue(id: string): Promise<string> {
  await page.goto(`${server.baseUrl}/app/#/cases/${id}`);
  await page.locator('[data-testid="case-page"][aria-busy="false"]').waitFor();
  return (await page.getByTestId('case-due').innerText()).trim();
}

describe('calendar: a new day-off moves the running deadlines it touches', () => {
  it('admin declares a day-off inside a case period; the case page shows the moved due date', async () => {
    try {
      // Handler: a petition received today; its processing deadline runs on working days.
      await login(page, server.baseUrl, 'xuly');
      const created = await api<{ case: { id: string; code: string } }>('POST', '/petitions', {
        agency: '00004',
        channel: 'post',
        type: 'feedback',
        content: `Phản ánh đèn chiếu sáng ngõ 12 phố Kim Mã hỏng nhiều ngày (kiểm thử ${Date.now()})`,
        petitioner: { name: 'Lê Thị Lịch', address: 'Ngõ 12 phố Kim Mã, Phường Ba Đình, Hà Nội' },
      });
      const { id, code } = created.case;
      const before = (await api<CaseJson>('GET', `/cases/${id}`)).case;
      expect(before.dueRule).toBe('petition.process');
      expect(before.dueOn).not.toBeNull();
      const dueBefore = before.dueOn as string;
      expect(await caseDue(id)).toBe(viDate(dueBefore));
      const dayOff = await ordinaryDayBetween(before.receivedOn, dueBefore);
      await logout(page);

      // Admin: declare the day-off on the calendar page.
      await login(page, server.baseUrl, 'admin');
      await page.getByTestId('nav-calendar').click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Lịch ngày nghỉ, ngày làm bù');
      await typeDate(page, 'calendar-date', viDate(dayOff));
      await pickOption(page, 'calendar-kind', /^Ngày nghỉ \(nghỉ bù, hoán đổi\)$/);
      await page.getByTestId('calendar-name').fill('Nghỉ kiểm thử');
      await page.getByTestId('calendar-save').click();
      await page.getByTestId('calendar-saved').waitFor();
      const row = page.locator(`[data-testid="changed-case"][data-case-code="${code}"]`);
      await row.waitFor();
      expect(await row.getByTestId('changed-before').innerText()).toBe(viDate(dueBefore));
      const movedTo = (await row.getByTestId('changed-after').innerText()).trim();
      expect(movedTo).not.toBe(viDate(dueBefore));
      const day = page.locator(`[data-testid="calendar-day"][data-date="${dayOff}"]`);
      await expect.poll(() => day.getAttribute('data-source')).toBe('override');
      expect(await day.getAttribute('data-kind')).toBe('day-off');

      // The deadline calculator counts the new day-off too.
      await pickOption(page, 'deadline-rule', 'petition.process');
      await typeDate(page, 'deadline-from', viDate(before.receivedOn));
      await page.getByTestId('deadline-compute').click();
      await expect.poll(() => page.getByTestId('deadline-due').innerText()).toBe(movedTo);
      expect(await page.getByTestId('deadline-explanation').innerText()).toMatch(/Hạn xử lý đơn/);

      // The case page shows the moved due date.
      await row.getByRole('link', { name: code }).click();
      await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(code);
      await expect.poll(() => page.getByTestId('case-due').innerText()).toBe(movedTo);
      expect((await api<CaseJson>('GET', `/cases/${id}`)).case.dueOn).not.toBe(dueBefore);

      // Reset the override: the deadline moves back.
      await page.getByTestId('nav-calendar').click();
      // The page opens on the current year in Vietnam.
      const yearInVietnam = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4);
      if (dayOff.slice(0, 4) !== yearInVietnam) await pickOption(page, 'calendar-year', new RegExp(`^${dayOff.slice(0, 4)}$`));
      await day.getByTestId('calendar-reset').click();
      await page.locator('.ant-popconfirm-buttons .ant-btn-primary:visible').click();
      await page.getByTestId('calendar-saved').waitFor();
      await expect.poll(() => page.locator(`[data-testid="changed-case"][data-case-code="${code}"] [data-testid="changed-after"]`).innerText()).toBe(viDate(dueBefore));
      await expect.poll(() => page.locator(`[data-testid="calendar-day"][data-date="${dayOff}"]`).count()).toBe(0);
      expect(await caseDue(id)).toBe(viDate(dueBefore));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n--- server output ---\n${server.output()}`);
    }
  });
});
