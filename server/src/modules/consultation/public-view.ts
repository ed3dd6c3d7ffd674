/**
 * What the public sees of a consultation (no login): published, not state-secret consultations only; the draft
 * section by section; the tally once the consultation has closed (not while opinions are still coming, so that
 * running counts do not steer them); the synthesis themes once the report is published.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { consultations } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { themeLines } from './export-synthesis.ts';
import { agencyBrief, consultationById, currentSections, phaseOf, presentConsultation, presentSection } from './queries.ts';
import { computeTally } from './tally.ts';

export async function listPublicConsultations(ctx: AppContext) {
  const rows = await ctx.db
    .select()
    .from(consultations)
    .where(and(eq(consultations.status, 'published'), eq(consultations.stateSecret, false)))
    .orderBy(desc(consultations.opensOn))
    .limit(100);
  const out = [];
  for (const c of rows) out.push(presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now()));
  return out;
}

export async function publicConsultation(ctx: AppContext, id: string) {
  const c = await consultationById(ctx.db, id);
  if (!c || c.status !== 'published' || c.stateSecret) throw notFound();
  const now = ctx.now();
  const closed = phaseOf(c, now) === 'closed';
  return {
    consultation: presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), now),
    sections: (await currentSections(ctx.db, c.id)).map(presentSection),
    tally: closed ? await computeTally(ctx.db, c, now) : null,
    themes: c.synthesisPublishedOn ? await themeLines(ctx.db, c.id) : [],
  };
}
