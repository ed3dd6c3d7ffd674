/**
 * The report settings: today only the cut-off convention of the periods (LEGAL.md Reports). Read by every
 * report (default: calendar months, domain/reports/periods.ts); set by a national administrator, audited in the
 * same transaction.
 */
import { eq } from 'drizzle-orm';
import { CUTOFF_CITATION, DEFAULT_CUTOFF, isValidCutoff, parsePeriod, type CutoffConvention } from '@danvan/domain/reports';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { reportSettings } from '../../db/schema.ts';
import { forbidden, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { canEditReportSettings, settingsAgencyId } from './policy.ts';

const CUTOFF_KEY = 'cutoff';

export interface CutoffView extends CutoffConvention {
  source: 'default' | 'admin';
  /** Human description with an example ("6 tháng đầu năm: 15/12 – 14/06"). */
  description: string;
  citation: string;
  /** The 15th-to-14th scheme is recalled, not read in TT 06/2025 (LEGAL.md [R]). */
  verified: boolean;
  updatedAt: string | null;
}

function describe(c: CutoffConvention): string {
  const h1 = parsePeriod('2026-H1', c)!;
  const example = `6 tháng đầu năm 2026: ${formatIsoDateVi(h1.from)} – ${formatIsoDateVi(h1.to)}`;
  return c.startDay === 1
    ? `Theo tháng dương lịch (từ ngày 01 của tháng đầu kỳ đến ngày cuối của tháng cuối kỳ); ví dụ ${example}`
    : `Từ ngày ${c.startDay} của tháng trước kỳ đến ngày ${c.startDay - 1} của tháng cuối kỳ; ví dụ ${example}`;
}

function view(c: CutoffConvention, source: CutoffView['source'], updatedAt: Date | null): CutoffView {
  return { startDay: c.startDay, source, description: describe(c), citation: CUTOFF_CITATION, verified: false, updatedAt: updatedAt?.toISOString() ?? null };
}

function parseStored(value: unknown): CutoffConvention | null {
  if (typeof value !== 'object' || value === null) return null;
  const startDay = (value as { startDay?: unknown }).startDay;
  const c = { startDay: typeof startDay === 'number' ? startDay : NaN };
  return isValidCutoff(c) ? c : null;
}

export async function getReportCutoffView(db: DbOrTx): Promise<CutoffView> {
  const [row] = await db.select().from(reportSettings).where(eq(reportSettings.key, CUTOFF_KEY));
  const stored = row ? parseStored(row.value) : null;
  return stored ? view(stored, 'admin', row!.updatedAt) : view(DEFAULT_CUTOFF, 'default', null);
}

export async function getReportCutoff(db: DbOrTx): Promise<CutoffConvention> {
  const v = await getReportCutoffView(db);
  return { startDay: v.startDay };
}

export async function setReportCutoff(ctx: AppContext, user: CurrentUser, input: { startDay: number }): Promise<CutoffView> {
  if (!canEditReportSettings(user)) throw forbidden();
  const next = { startDay: input.startDay };
  if (!isValidCutoff(next)) throw invalid({ field: 'startDay', key: 'field.cutoffDay' });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const before = await getReportCutoffView(tx);
    await tx
      .insert(reportSettings)
      .values({ key: CUTOFF_KEY, value: next, updatedBy: user.id, updatedAt: now })
      .onConflictDoUpdate({ target: reportSettings.key, set: { value: next, updatedBy: user.id, updatedAt: now } });
    const after = view(next, 'admin', now);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: settingsAgencyId(user),
      entity: 'report_setting',
      entityId: CUTOFF_KEY,
      action: 'report.cutoff.set',
      summary: `Đổi mốc chốt số liệu báo cáo: ${after.description} (trước đó: ${before.description})`,
      before: { startDay: before.startDay, source: before.source },
      after: { startDay: next.startDay },
    });
    return after;
  });
}
