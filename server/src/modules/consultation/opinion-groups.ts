/**
 * Staff use cases of issue 21 on top of clustering.ts and the domain's campaign grouping:
 *  - clusterOpinions: the counted opinions of a consultation as a participants × sections stance matrix, clustered
 *    (PCA + k-means, seed given or 1), the run stored with each group's sections of agreement and disagreement and a
 *    suggested synthesis theme; audited;
 *  - listOpinionGroups: the latest run;
 *  - listOpinionCampaigns: a section's reading list, near-identical texts grouped (one entry with its count and
 *    variants), the individual opinions beside them. The stance counts are untouched — the tally counts everybody.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { groupNearDuplicates } from '@danvan/domain/consultation/campaigns';
import { STANCE_LABELS, type Stance } from '@danvan/domain/consultation/rules';
import { cleanText, formatPercent } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { consultationClusterings, consultationOpinions, consultationSections } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clusterStances, type StanceMatrix } from './clustering.ts';
import { mayRun, requireRole } from './policy.ts';
import { visibleConsultation } from './queries.ts';

export const STANCE_VALUE: Record<Stance, number> = { approve: 1, disapprove: -1, partly: 0.5 };

export interface GroupSectionOut {
  section: string;
  heading: string;
  share: number;
  others: number;
}
export interface OpinionGroupOut {
  label: string;
  size: number;
  agrees: GroupSectionOut[];
  disagrees: GroupSectionOut[];
  /** A theme for the synthesis report staff may adopt (createTheme). */
  suggestedTheme: string;
}
export interface ClusteringOut {
  id: string;
  seed: number;
  k: number;
  participants: number;
  sections: number;
  explained: number[];
  groups: OpinionGroupOut[];
  createdAt: string;
}

/** The counted opinions of a consultation as a stance matrix (participants × current sections with opinions). */
export async function stanceMatrix(ctx: AppContext, consultationId: string): Promise<{ x: StanceMatrix; sections: { id: string; key: string; heading: string }[] }> {
  const secs = await ctx.db
    .select({ id: consultationSections.id, key: consultationSections.key, heading: consultationSections.heading })
    .from(consultationSections)
    .where(and(eq(consultationSections.consultationId, consultationId), sql`${consultationSections.lastVersion} is null`))
    .orderBy(asc(consultationSections.ord));
  const col = new Map(secs.map((s, j) => [s.id, j]));
  const rows = await queryRows<{ p: string; s: string; v: string }>(
    ctx.db,
    sql`select person_key as p, section_id as s, stance as v from consultation_opinions
        where consultation_id = ${consultationId} and status = 'counted' order by person_key, section_id`,
  );
  const personIdx = new Map<string, number>();
  for (const r of rows) if (col.has(r.s) && !personIdx.has(r.p)) personIdx.set(r.p, personIdx.size);
  const n = personIdx.size;
  const m = secs.length;
  const values = new Float64Array(n * m).fill(NaN);
  for (const r of rows) {
    const j = col.get(r.s);
    if (j === undefined) continue;
    values[personIdx.get(r.p)! * m + j] = STANCE_VALUE[r.v as Stance] ?? NaN;
  }
  return { x: { values, n, m }, sections: secs };
}

const LABELS = 'ABCDEFGH';

function describe(groups: ReturnType<typeof clusterStances>['groups'], sections: { key: string; heading: string }[]): OpinionGroupOut[] {
  const out = (g: { section: number; share: number; others: number }) => ({ section: sections[g.section]!.key, heading: sections[g.section]!.heading, share: g.share, others: g.others });
  return groups.map((g, i) => {
    const agrees = g.agrees.map(out);
    const disagrees = g.disagrees.map(out);
    const part = (xs: GroupSectionOut[], verb: string) => (xs.length ? `${verb} ${xs.map((x) => `${x.section} (${formatPercent(x.share)})`).join(', ')}` : '');
    const bits = [part(agrees, `${STANCE_LABELS.approve.toLowerCase()}`), part(disagrees, `${STANCE_LABELS.disapprove.toLowerCase()}`)].filter(Boolean);
    return {
      label: `Nhóm ${LABELS[i] ?? i + 1}`,
      size: g.size,
      agrees,
      disagrees,
      suggestedTheme: `Nhóm ý kiến ${LABELS[i] ?? i + 1} (${g.size} người): ${bits.join('; ') || 'không có điều, khoản nào được đa số trong nhóm cùng một ý kiến'}`,
    };
  });
}

function present(r: typeof consultationClusterings.$inferSelect): ClusteringOut {
  return { id: r.id, seed: r.seed, k: r.k, participants: r.participants, sections: r.sections, explained: r.explained, groups: r.groups as OpinionGroupOut[], createdAt: r.createdAt.toISOString() };
}

export async function clusterOpinions(ctx: AppContext, user: CurrentUser, id: string, input: { seed?: number; k?: number }): Promise<ClusteringOut> {
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayRun(user, c.agencyPath));
  const seed = input.seed ?? 1;
  const { x, sections } = await stanceMatrix(ctx, c.id);
  if (x.n < Math.max(4, (input.k ?? 2) * 2) || x.m < 1) throw new AppError(409, 'error.clusterTooFew', { n: x.n });
  if (input.k && input.k > x.n) throw invalid({ field: 'k', key: 'field.invalid' });
  const r = clusterStances(x, { seed, ...(input.k ? { k: input.k } : {}) });
  const groups = describe(r.groups, sections);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultationClusterings)
      .values({ consultationId: c.id, seed, k: r.k, participants: x.n, sections: x.m, explained: r.explained, groups, createdBy: user.id, createdAt: now })
      .returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.opinion-groups',
      summary: `Phân nhóm ý kiến: ${x.n} người, ${x.m} điều, khoản, ${r.k} nhóm (hạt giống ${seed})`,
      after: { clustering: row!.id, k: r.k, sizes: groups.map((g) => g.size) },
    });
    return present(row!);
  });
}

export async function listOpinionGroups(ctx: AppContext, user: CurrentUser, id: string): Promise<ClusteringOut | null> {
  const c = await visibleConsultation(ctx.db, user, id);
  const [row] = await ctx.db.select().from(consultationClusterings).where(eq(consultationClusterings.consultationId, c.id)).orderBy(desc(consultationClusterings.createdAt)).limit(1);
  return row ? present(row) : null;
}

export interface ReadingEntry {
  /** campaign: near-identical texts sent by several people; single: one opinion. */
  kind: 'campaign' | 'single';
  count: number;
  text: string;
  variants: { text: string; count: number }[];
  variantCount: number;
  byStance: Record<string, number>;
  opinionIds: string[];
}

/** The reading list of one section: campaigns (≥ 2 near-identical texts) once each, with count and variants. */
export async function listOpinionCampaigns(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  sectionKey: string,
  opts: { limit?: number } = {},
): Promise<{ section: string; opinions: number; campaigns: number; entries: ReadingEntry[] }> {
  const c = await visibleConsultation(ctx.db, user, id);
  const [s] = await ctx.db
    .select()
    .from(consultationSections)
    .where(and(eq(consultationSections.consultationId, c.id), eq(consultationSections.key, cleanText(sectionKey))))
    .orderBy(sql`${consultationSections.lastVersion} is null desc`, sql`${consultationSections.firstVersion} desc`)
    .limit(1);
  if (!s) throw invalid({ field: 'section', key: 'field.unknownSection', params: { section: sectionKey } });
  const rows = await ctx.db
    .select({ id: consultationOpinions.id, stance: consultationOpinions.stance, text: consultationOpinions.text })
    .from(consultationOpinions)
    .where(and(eq(consultationOpinions.consultationId, c.id), eq(consultationOpinions.sectionId, s.id), eq(consultationOpinions.status, 'counted'), isNotNull(consultationOpinions.text)))
    .orderBy(asc(consultationOpinions.submittedAt), asc(consultationOpinions.id))
    .limit(200_000);
  const stanceOf = new Map(rows.map((r) => [r.id, r.stance]));
  const groups = groupNearDuplicates(rows.map((r) => ({ id: r.id, text: r.text ?? '' })));
  const entries = groups.map((g): ReadingEntry => {
    const byStance: Record<string, number> = {};
    for (const oid of g.ids) byStance[stanceOf.get(oid)!] = (byStance[stanceOf.get(oid)!] ?? 0) + 1;
    return { kind: g.ids.length > 1 ? 'campaign' : 'single', count: g.ids.length, text: g.variants[0]!.text, variants: g.variants, variantCount: g.variantCount, byStance, opinionIds: g.ids.slice(0, 1000) };
  });
  return { section: s.key, opinions: rows.length, campaigns: entries.filter((e) => e.kind === 'campaign').length, entries: entries.slice(0, opts.limit ?? 500) };
}
