/**
 * recordAssistedOpinion: an officer enters opinions on a citizen's behalf (a citizen without a phone, an elderly
 * resident at the commune office). A separate channel ("assisted"), shown as such in the tally, and audited: the
 * audit row names the officer and how many sections; the citizen's details are sealed on the opinion, never in
 * the audit or a log. The citizen is counted under their personal ID, phone or e-mail — the same key as online.
 */
import { formatCount } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkItems, checkPlace, requireTakingOpinions, respondentIdentity, type Demographics, type OpinionItem, type RespondentFacts } from './opinion-input.ts';
import { mayAssist, requireRole } from './policy.ts';
import { visibleConsultationForAssist } from './queries-assist.ts';
import { noteSource } from './flags.ts';
import { applyOpinions } from './record-opinions.ts';

export interface AssistedInput {
  respondent: RespondentFacts & Demographics;
  opinions: OpinionItem[];
}

export async function recordAssistedOpinion(ctx: AppContext, user: CurrentUser, id: string, input: AssistedInput) {
  const now = ctx.now();
  const c = await visibleConsultationForAssist(ctx.db, user, id);
  requireRole(mayAssist(user, c.agencyPath));
  requireTakingOpinions(c, now, 'online');
  const issues: FieldIssue[] = [];
  const identity = respondentIdentity(ctx, input.respondent, 'respondent', issues);
  const items = await checkItems(ctx.db, c, input.opinions, 'opinions', issues);
  const place = await checkPlace(ctx.db, input.respondent, 'respondent', issues);
  if (issues.length || !identity) throw invalid(...issues);
  const r = input.respondent;
  const sealed = ctx.sealer.seal(JSON.stringify({ name: r.name ?? null, idNumber: r.idNumber ?? null, phone: r.phone ?? null, email: r.email ?? null }));

  const out = await ctx.db.transaction(async (tx) => {
    const applied = await applyOpinions(
      tx,
      c.id,
      now,
      items.map((it) => ({
        sectionId: it.section.id,
        personKey: identity.personKey,
        identityMethod: identity.method,
        channel: 'assisted',
        stance: it.stance,
        text: it.text,
        category: r.category,
        ageBand: r.ageBand ?? '',
        occupation: r.occupation ?? null,
        provinceCode: place.provinceCode,
        communeCode: place.communeCode,
        enteredBy: user.id,
        respondent: sealed,
        counted: true,
      })),
    );
    const replaced = applied.filter((a) => a.replacedId).length;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.assisted-opinion',
      summary: `Cán bộ nhập thay ý kiến của một công dân (kênh «cán bộ nhập thay») về ${formatCount(applied.length)} điều, khoản${replaced ? `; thay ${replaced} ý kiến trước của người này` : ''}`,
      after: { channel: 'assisted', opinions: applied.map((a) => a.opinionId), sections: items.map((i) => i.section.key), replaced },
    });
    return { accepted: applied.length, replaced, opinionIds: applied.map((a) => a.opinionId) };
  });
  // One officer's assisted channel: more than the limit a minute is flagged for review (flags.ts).
  await noteSource(ctx, c, `officer:${user.id}`, out.accepted);
  return out;
}
