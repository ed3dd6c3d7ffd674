/**
 * Themes of the synthesis (báo cáo tổng hợp, tiếp thu, giải trình; b8):
 *  - suggestThemes: groups of similar opinions on a section, by the content similarity of the domain
 *    (classification.ts: Jaccard of folded word bigrams) — a suggestion staff confirm, never a decision;
 *  - createTheme: staff group opinions of one section under a title;
 *  - recordThemeResponse: accepted / partly accepted / not accepted. An explanation is mandatory for "partly" and
 *    "not accepted", and whenever the outcome departs from the section's majority (Luật 10/2022 Art. 28(4)):
 *    the majority comes from the counters, the theme's stance from its opinions. Refused with a 400 otherwise.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { SIMILAR_CONTENT_THRESHOLD, contentSimilarity } from '@danvan/domain/classification';
import {
  STANCES,
  STANCE_LABELS,
  THEME_OUTCOME_LABELS,
  departsFromMajority,
  dominantStance,
  explanationRequired,
  majorityStance,
  type Stance,
  type ThemeOutcome,
} from '@danvan/domain/consultation/rules';
import { cleanText, formatPercent } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { consultationCounters, consultationOpinions, consultationSections, consultationThemeOpinions, consultationThemes } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayRun, requireRole } from './policy.ts';
import { visibleConsultation, type ConsultationRow } from './queries.ts';

export type ThemeRow = typeof consultationThemes.$inferSelect;

async function sectionOf(db: DbOrTx, c: ConsultationRow, key: string) {
  const rows = await db
    .select()
    .from(consultationSections)
    .where(and(eq(consultationSections.consultationId, c.id), eq(consultationSections.key, cleanText(key))))
    .orderBy(sql`${consultationSections.lastVersion} is null desc`, sql`${consultationSections.firstVersion} desc`);
  const s = rows[0];
  if (!s) throw invalid({ field: 'section', key: 'field.unknownSection', params: { section: key } });
  return s;
}

export interface SuggestedTheme {
  title: string;
  stance: Stance | null;
  opinionIds: string[];
  samples: string[];
}

export async function suggestThemes(ctx: AppContext, user: CurrentUser, id: string, sectionKey: string): Promise<{ section: string; groups: SuggestedTheme[] }> {
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  const s = await sectionOf(ctx.db, c, sectionKey);
  const rows = await ctx.db
    .select({ id: consultationOpinions.id, stance: consultationOpinions.stance, text: consultationOpinions.text })
    .from(consultationOpinions)
    .where(and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.sectionId, s.id), eq(consultationOpinions.status, 'counted'), isNotNull(consultationOpinions.text)))
    .limit(3000);
  const groups: { rep: string; ids: string[]; texts: string[]; stances: Record<Stance, number> }[] = [];
  for (const r of rows) {
    const text = r.text ?? '';
    const g = groups.find((x) => contentSimilarity(x.rep, text) >= SIMILAR_CONTENT_THRESHOLD);
    if (g) {
      g.ids.push(r.id);
      if (g.texts.length < 3) g.texts.push(text);
      g.stances[r.stance as Stance]++;
    } else {
      groups.push({ rep: text, ids: [r.id], texts: [text], stances: { approve: 0, disapprove: 0, partly: 0, [r.stance]: 1 } as Record<Stance, number> });
    }
  }
  return {
    section: s.key,
    groups: groups
      .filter((g) => g.ids.length >= 2)
      .sort((a, b) => b.ids.length - a.ids.length)
      .map((g) => ({ title: g.rep.length > 100 ? `${g.rep.slice(0, 97)}…` : g.rep, stance: dominantStance(g.stances), opinionIds: g.ids, samples: g.texts })),
  };
}

export async function createTheme(ctx: AppContext, user: CurrentUser, id: string, input: { section: string; title: string; opinionIds: string[] }): Promise<ThemeRow> {
  const now = ctx.now();
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  const s = await sectionOf(ctx.db, c, input.section);
  const title = cleanText(input.title);
  if (!title) throw invalid({ field: 'title', key: 'field.required' });
  const ids = [...new Set(input.opinionIds)];
  const found = ids.length
    ? await ctx.db
        .select({ id: consultationOpinions.id })
        .from(consultationOpinions)
        .where(and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.sectionId, s.id), inArray(consultationOpinions.id, ids)))
    : [];
  if (found.length !== ids.length) throw invalid({ field: 'opinionIds', key: 'field.invalid' });
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx.insert(consultationThemes).values({ consultationId: c.id, sectionId: s.id, title, createdBy: user.id, createdAt: now }).returning();
    if (!t) throw new AppError(500, 'error.internal');
    if (ids.length) await tx.insert(consultationThemeOpinions).values(ids.map((opinionId) => ({ themeId: t.id, opinionId })));
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.theme-create',
      summary: `Nhóm ${ids.length} ý kiến về ${s.key}: ${title.slice(0, 100)}`,
      after: { themeId: t.id, section: s.key, opinions: ids.length },
    });
    return t;
  });
}

/** Counted opinions of a section by stance, from the counters. */
export async function sectionStances(db: DbOrTx, consultationId: string, sectionId: string): Promise<Record<Stance, number>> {
  const rows = await db
    .select({ stance: consultationCounters.stance, n: sql<number>`sum(${consultationCounters.n})` })
    .from(consultationCounters)
    .where(and(eq(consultationCounters.consultationId, consultationId), eq(consultationCounters.sectionId, sectionId)))
    .groupBy(consultationCounters.stance);
  const out = { approve: 0, disapprove: 0, partly: 0 };
  for (const r of rows) out[r.stance as Stance] = Number(r.n);
  return out;
}

export async function recordThemeResponse(ctx: AppContext, user: CurrentUser, id: string, themeId: string, input: { outcome: ThemeOutcome; explanation?: string }): Promise<ThemeRow> {
  const now = ctx.now();
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  if (!/^[0-9a-f-]{36}$/i.test(themeId)) throw notFound();
  const [theme] = await ctx.db.select().from(consultationThemes).where(and(eq(consultationThemes.id, themeId), eq(consultationThemes.consultationId, c.id)));
  if (!theme) throw notFound();
  const [section] = await ctx.db.select().from(consultationSections).where(eq(consultationSections.id, theme.sectionId));
  const stances = await sectionStances(ctx.db, c.id, theme.sectionId);
  const majority = majorityStance(stances);
  const themeRows = await ctx.db
    .select({ stance: consultationOpinions.stance, n: sql<number>`count(*)` })
    .from(consultationThemeOpinions)
    .innerJoin(consultationOpinions, eq(consultationOpinions.id, consultationThemeOpinions.opinionId))
    .where(and(eq(consultationThemeOpinions.themeId, theme.id), eq(consultationOpinions.consultationId, c.id)))
    .groupBy(consultationOpinions.stance);
  const themeCounts = { approve: 0, disapprove: 0, partly: 0 };
  for (const r of themeRows) themeCounts[r.stance as Stance] = Number(r.n);
  const themeStance = dominantStance(themeCounts);
  const departs = departsFromMajority(input.outcome, themeStance, majority);
  const explanation = input.explanation ? cleanText(input.explanation) || null : null;
  if (explanationRequired(input.outcome, departs) && !explanation) {
    const total = STANCES.reduce((s, k) => s + stances[k], 0);
    const reason = departs
      ? `kết quả trái với ý kiến đa số về ${section?.key ?? ''} (${formatPercent(stances[majority!] / total)} ${STANCE_LABELS[majority!].toLowerCase()}, ${total} ý kiến) — Luật 10/2022/QH15 Điều 28 khoản 4`
      : 'ý kiến không được tiếp thu hoặc chỉ tiếp thu một phần phải được giải trình (Luật 10/2022/QH15 Điều 28 khoản 3)';
    throw invalid({ field: 'explanation', key: 'field.explanationRequired', params: { outcome: THEME_OUTCOME_LABELS[input.outcome], reason } });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultationThemes)
      .set({ outcome: input.outcome, explanation, sectionMajority: majority, themeStance, departsFromMajority: departs, respondedBy: user.id, respondedAt: now })
      .where(eq(consultationThemes.id, theme.id))
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.theme-response',
      summary: `${THEME_OUTCOME_LABELS[input.outcome]}: «${theme.title.slice(0, 80)}» (${section?.key ?? ''})${departs ? ' — trái ý kiến đa số, có giải trình' : ''}`,
      before: { outcome: theme.outcome },
      after: { themeId: theme.id, outcome: input.outcome, departsFromMajority: departs, majority, themeStance },
    });
    return row!;
  });
}
