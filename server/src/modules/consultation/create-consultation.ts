/**
 * createConsultation: a consultation of an owner agency on a draft — kind (scope), subject (Luật 10/2022 Art. 25
 * for communes), audience, planned period. The minimum period by kind is configurable data (app setting
 * `consultation.minDays`, default DEFAULT_MIN_DAYS: commune ≥ 20 calendar days) and is checked again at publication.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_MIN_DAYS, KIND_LABELS, periodDays, type ConsultationKind, type ConsultationSubject, type PeriodRule } from '@danvan/domain/consultation/rules';
import { cleanText, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appSettings, consultations } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayRun, requireAgencyRole } from './policy.ts';
import type { ConsultationRow } from './queries.ts';
import { indexConsultation } from '../search/index-records.ts';

export interface CreateConsultationInput {
  agency: string;
  title: string;
  kind: ConsultationKind;
  subject: ConsultationSubject;
  audience: string;
  summary?: string;
  stateSecret?: boolean;
  opensOn?: string;
  closesOn?: string;
}

/** The minimum period for a kind: the administrator's setting if any, else the default (with its basis). */
export async function minimumPeriod(db: DbOrTx, kind: ConsultationKind): Promise<PeriodRule> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'consultation.minDays'));
  const v = (row?.value as Record<string, unknown> | undefined)?.[kind];
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return { minDays: v, basis: 'Cấu hình của quản trị hệ thống', mark: '[R]' };
  return DEFAULT_MIN_DAYS[kind];
}

export function checkPeriod(opensOn: string | undefined, closesOn: string | undefined, rule: PeriodRule, issues: FieldIssue[]) {
  if (opensOn !== undefined && !isRealIsoDate(opensOn)) issues.push({ field: 'opensOn', key: 'field.date' });
  if (closesOn !== undefined && !isRealIsoDate(closesOn)) issues.push({ field: 'closesOn', key: 'field.date' });
  if (opensOn && closesOn && isRealIsoDate(opensOn) && isRealIsoDate(closesOn)) {
    const days = periodDays(opensOn, closesOn);
    if (days < 1) issues.push({ field: 'closesOn', key: 'field.dateRange' });
    else if (days < rule.minDays) issues.push({ field: 'closesOn', key: 'field.periodTooShort', params: { days, min: rule.minDays, basis: rule.basis } });
  }
}

export async function createConsultation(ctx: AppContext, user: CurrentUser, input: CreateConsultationInput): Promise<ConsultationRow> {
  const now = ctx.now();
  const agency = await requireAgency(ctx.db, input.agency);
  requireAgencyRole(mayRun(user, agency.path), agency.code);
  const issues: FieldIssue[] = [];
  const title = cleanText(input.title);
  const audience = cleanText(input.audience);
  if (!title) issues.push({ field: 'title', key: 'field.required' });
  if (!audience) issues.push({ field: 'audience', key: 'field.required' });
  const rule = await minimumPeriod(ctx.db, input.kind);
  checkPeriod(input.opensOn, input.closesOn, rule, issues);
  if (issues.length) throw invalid(...issues);

  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(consultations)
      .values({
        agencyId: agency.id,
        agencyPath: agency.path,
        title,
        kind: input.kind,
        subject: input.subject,
        audience,
        summary: input.summary ? cleanText(input.summary) || null : null,
        stateSecret: input.stateSecret ?? false,
        opensOn: input.opensOn ?? null,
        closesOn: input.closesOn ?? null,
        minDays: rule.minDays,
        minDaysBasis: `${rule.basis} ${rule.mark}`,
        createdBy: user.id,
        createdAt: now,
      })
      .returning();
    if (!c) throw new AppError(500, 'error.internal');
    await indexConsultation(tx, c);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.create',
      summary: `Tạo đợt lấy ý kiến (${KIND_LABELS[input.kind].toLowerCase()}): ${title.slice(0, 120)}${c.stateSecret ? ' — có nội dung bí mật nhà nước' : ''}`,
      after: { kind: input.kind, subject: input.subject, opensOn: c.opensOn, closesOn: c.closesOn, minDays: rule.minDays, stateSecret: c.stateSecret },
    });
    return c;
  });
}
