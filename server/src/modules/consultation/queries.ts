/** Reading consultations and their current sections; presenting them. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { KIND_LABELS, periodDays, type ConsultationKind } from '@danvan/domain/consultation/rules';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { DbOrTx } from '../../db/client.ts';
import { agencies, consultationSections, consultations } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { mayView } from './policy.ts';

export type ConsultationRow = typeof consultations.$inferSelect;
export type SectionRow = typeof consultationSections.$inferSelect;

/** The consultation if the user may see it; else 404 (also for a malformed id). */
export async function visibleConsultation(db: DbOrTx, user: CurrentUser, id: string): Promise<ConsultationRow> {
  const c = await consultationById(db, id);
  if (!c || !mayView(user, c.agencyPath)) throw notFound();
  return c;
}

export async function consultationById(db: DbOrTx, id: string): Promise<ConsultationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [c] = await db.select().from(consultations).where(eq(consultations.id, id));
  return c;
}

export async function currentSections(db: DbOrTx, consultationId: string): Promise<SectionRow[]> {
  return db
    .select()
    .from(consultationSections)
    .where(and(eq(consultationSections.consultationId, consultationId), isNull(consultationSections.lastVersion)))
    .orderBy(asc(consultationSections.ord));
}

/** draft (not published) | scheduled (published, opens later) | open | closed. */
export type Phase = 'draft' | 'scheduled' | 'open' | 'closed';
export function phaseOf(c: Pick<ConsultationRow, 'status' | 'opensOn' | 'closesOn'>, now: Date): Phase {
  if (c.status !== 'published' || !c.opensOn || !c.closesOn) return 'draft';
  const today = isoDateInVietnam(now);
  if (today < c.opensOn) return 'scheduled';
  if (today > c.closesOn) return 'closed';
  return 'open';
}
export const PHASE_LABELS: Record<Phase, string> = { draft: 'Chưa đăng tải', scheduled: 'Sắp lấy ý kiến', open: 'Đang lấy ý kiến', closed: 'Đã kết thúc lấy ý kiến' };

export function periodText(c: Pick<ConsultationRow, 'opensOn' | 'closesOn'>): string {
  if (!c.opensOn || !c.closesOn) return 'chưa ấn định';
  return `${formatIsoDateVi(c.opensOn)} – ${formatIsoDateVi(c.closesOn)} (${periodDays(c.opensOn, c.closesOn)} ngày)`;
}

export async function agencyBrief(db: DbOrTx, id: string): Promise<{ code: string; name: string }> {
  const [a] = await db.select({ code: agencies.code, name: agencies.fullName }).from(agencies).where(eq(agencies.id, id));
  return a ?? { code: '', name: '' };
}

export function presentConsultation(c: ConsultationRow, agency: { code: string; name: string }, now: Date) {
  const phase = phaseOf(c, now);
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    kindLabel: KIND_LABELS[c.kind as ConsultationKind] ?? c.kind,
    subject: c.subject,
    audience: c.audience,
    summary: c.summary,
    stateSecret: c.stateSecret,
    agency,
    status: c.status,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    period: periodText(c),
    minDays: c.minDays,
    minDaysBasis: c.minDaysBasis,
    milestones: c.milestones,
    currentVersion: c.currentVersion,
    synthesisPublishedOn: c.synthesisPublishedOn,
  };
}

export function presentSection(s: SectionRow) {
  return { id: s.id, key: s.key, kind: s.kind, parentKey: s.parentKey, heading: s.heading, body: s.body, sinceVersion: s.firstVersion };
}
