/**
 * After the vote: the community decision document (Art. 20(2)) is sent to UBND xã and MTTQ xã within 5 working
 * days of the close (clock rule `grassroots.send-decision`); the commune (MTTQ xã for item 5) recognises it or
 * refuses in writing with reasons within 5 working days of receipt (`grassroots.recognize[-mttq]`). The
 * compliance list shows what is overdue; the boards' recommendations (15 days) are in boards.ts.
 */
import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { itemRule } from '@danvan/domain/grassroots/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { grassrootsCommunities, grassrootsMatters, grassrootsRecommendations } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { grassrootsDeadline } from './clock.ts';
import { requireDecide, requireWork } from './policy.ts';
import type { MatterRow } from './queries.ts';

export interface Signatories {
  villageHead: string;
  frontHead: string;
  /** Codes of the two household representatives who sign (Art. 20(2)). */
  households: string[];
}

export async function sendCommunityDecision(ctx: AppContext, user: CurrentUser, m: MatterRow, input: { sentOn: string; signatories: Signatories }) {
  requireWork(user, m.agencyPath);
  if (m.status !== 'closed') throw new AppError(409, 'grassroots.status', { status: m.status });
  const now = ctx.now();
  if (input.sentOn > isoDateInVietnam(now) || (m.closedOn && input.sentOn < m.closedOn)) throw invalid({ field: 'sentOn', key: 'field.dateRange' });
  const sig = { villageHead: cleanText(input.signatories.villageHead), frontHead: cleanText(input.signatories.frontHead), households: input.signatories.households.map((h) => cleanText(h)) };
  if (!sig.villageHead || !sig.frontHead || sig.households.length !== 2) throw invalid({ field: 'signatories', key: 'field.invalid' });
  const rule = itemRule(m.item).recognizedBy === 'mttq-xa' ? 'grassroots.recognize-mttq' : 'grassroots.recognize';
  return ctx.db.transaction(async (tx) => {
    const d = await grassrootsDeadline(tx, rule, input.sentOn);
    const [updated] = await tx
      .update(grassrootsMatters)
      .set({ status: 'sent', sentOn: input.sentOn, recognitionDueOn: d.due, signatories: sig })
      .where(and(eq(grassrootsMatters.id, m.id), eq(grassrootsMatters.status, 'closed')))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    const late = m.sendDueOn !== null && input.sentOn > m.sendDueOn;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: m.agencyId,
      entity: 'grassroots-matter',
      entityId: m.id,
      action: 'grassroots.decision.send',
      summary: `Gửi văn bản quyết định của cộng đồng dân cư ngày ${formatIsoDateVi(input.sentOn)}${late ? ' (quá hạn)' : ''}; hạn công nhận ${formatIsoDateVi(d.due)}`,
      after: { sentOn: input.sentOn, recognitionDueOn: d.due, late },
    });
    return { matter: updated, deadline: d };
  });
}

export async function recognizeCommunityDecision(ctx: AppContext, user: CurrentUser, m: MatterRow, input: { decision: 'recognize' | 'refuse'; on: string; reason?: string }) {
  requireDecide(user, m.agencyPath);
  if (m.status !== 'sent') throw new AppError(409, 'grassroots.status', { status: m.status });
  const now = ctx.now();
  if (input.on > isoDateInVietnam(now) || (m.sentOn && input.on < m.sentOn)) throw invalid({ field: 'on', key: 'field.dateRange' });
  const reason = input.reason ? cleanText(input.reason) : '';
  if (input.decision === 'refuse' && !reason) throw invalid({ field: 'reason', key: 'field.required' });
  if (input.decision === 'recognize' && !m.passed) throw new AppError(409, 'grassroots.status', { status: 'không thông qua' });
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(grassrootsMatters)
      .set({ status: input.decision === 'recognize' ? 'recognized' : 'refused', recognizedOn: input.on, refusalReason: reason || null })
      .where(and(eq(grassrootsMatters.id, m.id), eq(grassrootsMatters.status, 'sent')))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    const onTime = m.recognitionDueOn === null || input.on <= m.recognitionDueOn;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: m.agencyId,
      entity: 'grassroots-matter',
      entityId: m.id,
      action: `grassroots.decision.${input.decision}`,
      summary: `${input.decision === 'recognize' ? 'Công nhận' : 'Không công nhận'} quyết định của cộng đồng dân cư ngày ${formatIsoDateVi(input.on)}${onTime ? '' : ' (quá hạn)'}${reason ? `: ${reason}` : ''}`,
      after: { on: input.on, onTime },
    });
    return { matter: updated, onTime };
  });
}

/**
 * Art. 22: UBND xã annuls an unlawful decision, or annuls / asks the community to amend one with a procedural
 * defect; the village head and MTTQ are notified (outside the system). The community amends by voting again.
 */
export async function annulCommunityDecision(ctx: AppContext, user: CurrentUser, m: MatterRow, input: { kind: 'annul' | 'request-amendment'; on: string; reason: string }) {
  requireDecide(user, m.agencyPath);
  if (!['closed', 'sent', 'recognized'].includes(m.status)) throw new AppError(409, 'grassroots.status', { status: m.status });
  const now = ctx.now();
  const reason = cleanText(input.reason);
  if (!reason) throw invalid({ field: 'reason', key: 'field.required' });
  if (input.on > isoDateInVietnam(now) || (m.closedOn && input.on < m.closedOn)) throw invalid({ field: 'on', key: 'field.dateRange' });
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(grassrootsMatters)
      .set({ status: 'annulled', refusalReason: `${input.kind === 'annul' ? 'Hủy bỏ' : 'Yêu cầu sửa đổi'} ngày ${formatIsoDateVi(input.on)}: ${reason}` })
      .where(and(eq(grassrootsMatters.id, m.id), eq(grassrootsMatters.status, m.status)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: m.agencyId,
      entity: 'grassroots-matter',
      entityId: m.id,
      action: `grassroots.decision.${input.kind}`,
      summary: `${input.kind === 'annul' ? 'Hủy bỏ' : 'Yêu cầu sửa đổi'} quyết định của cộng đồng dân cư (Điều 22): ${reason}`,
      before: { status: m.status },
      after: { status: 'annulled', on: input.on },
    });
    return updated;
  });
}

export interface ComplianceItem {
  kind: 'send-decision' | 'recognize-decision' | 'board-recommendation';
  id: string;
  agencyId: string;
  title: string;
  community: string | null;
  dueOn: string;
  overdue: boolean;
  daysLate: number;
}

/** What is due or overdue in the commune(s) under `agency` on `today`. */
export async function grassrootsCompliance(ctx: AppContext, agency: AgencyRow, today: string, overdueOnly: boolean): Promise<ComplianceItem[]> {
  const under = (col: typeof grassrootsMatters.agencyPath | typeof grassrootsRecommendations.agencyPath) => subtreeCondition(agency.path, col);
  const ms = await ctx.db
    .select({ m: grassrootsMatters, community: grassrootsCommunities.name })
    .from(grassrootsMatters)
    .leftJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsMatters.communityId))
    .where(and(under(grassrootsMatters.agencyPath), sql`${grassrootsMatters.status} in ('closed', 'sent')`));
  const recs = await ctx.db
    .select()
    .from(grassrootsRecommendations)
    .where(and(under(grassrootsRecommendations.agencyPath), isNull(grassrootsRecommendations.answeredOn), overdueOnly ? lte(grassrootsRecommendations.dueOn, today) : gte(grassrootsRecommendations.dueOn, '1900-01-01')));
  const late = (due: string) => Math.max(0, Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000));
  const items: ComplianceItem[] = [];
  for (const { m, community } of ms) {
    const due = m.status === 'closed' ? m.sendDueOn : m.recognitionDueOn;
    if (!due) continue;
    items.push({ kind: m.status === 'closed' ? 'send-decision' : 'recognize-decision', id: m.id, agencyId: m.agencyId, title: m.title, community, dueOn: due, overdue: today > due, daysLate: late(due) });
  }
  for (const r of recs) items.push({ kind: 'board-recommendation', id: r.id, agencyId: r.agencyId, title: r.content.slice(0, 200), community: null, dueOn: r.dueOn, overdue: today > r.dueOn, daysLate: late(r.dueOn) });
  return items.filter((i) => !overdueOnly || i.overdue).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
