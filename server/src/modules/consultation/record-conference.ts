/**
 * recordConference: a conference or seminar on the draft (hội nghị, tọa đàm) — organiser, day, attendees, minutes —
 * with the opinions written up in it. Only written opinions count (CV 2441/BTP as reported; b5): an opinion marked
 * `written: false` is kept with the minutes as "spoken only" and never counted; `spokenOnly` adds the number of
 * spoken opinions the minutes mention without recording them one by one. Audited.
 */
import { cleanText, formatCount, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationConferences } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requireAgency } from '../agencies/queries.ts';
import { checkItems, checkPlace, requireTakingOpinions, respondentIdentity, type Demographics, type OpinionItem, type RespondentFacts } from './opinion-input.ts';
import { requireAgencyRole } from './policy.ts';
import { visibleConsultationForAssist } from './queries-assist.ts';
import { applyOpinions, type OpinionIn } from './record-opinions.ts';
import { hasRoleAt } from '../auth/current-user.ts';

export interface ConferenceInput {
  /** The organising agency (the owner or an agency inside its subtree). */
  agency: string;
  title: string;
  heldOn: string;
  attendees: number;
  minutes: string;
  /** Spoken opinions the minutes mention without writing them up (not counted). */
  spokenOnly?: number;
  opinions: (OpinionItem & { respondent?: RespondentFacts & Demographics; written: boolean })[];
}

export async function recordConference(ctx: AppContext, user: CurrentUser, id: string, input: ConferenceInput) {
  const now = ctx.now();
  const c = await visibleConsultationForAssist(ctx.db, user, id);
  requireTakingOpinions(c, now, 'paper');
  const organiser = await requireAgency(ctx.db, input.agency);
  const inside = organiser.path === c.agencyPath || organiser.path.startsWith(`${c.agencyPath}/`);
  requireAgencyRole(inside && hasRoleAt(user, organiser.path, ['handler', 'head']), organiser.code);
  const issues: FieldIssue[] = [];
  if (!isRealIsoDate(input.heldOn)) issues.push({ field: 'heldOn', key: 'field.date' });
  const minutes = cleanText(input.minutes);
  if (!minutes) issues.push({ field: 'minutes', key: 'field.required' });
  const rows: OpinionIn[] = [];
  for (const [i, o] of input.opinions.entries()) {
    const [item] = await checkItems(ctx.db, c, [o], `opinions.${i}`, issues);
    if (!item) continue;
    if (!o.written) {
      rows.push({ sectionId: item.section.id, personKey: '', identityMethod: 'none', channel: 'conference', stance: item.stance, text: item.text, category: o.respondent?.category ?? 'other', ageBand: o.respondent?.ageBand ?? '', occupation: null, provinceCode: '', communeCode: '', enteredBy: user.id, counted: false });
      continue;
    }
    const identity = respondentIdentity(ctx, o.respondent, `opinions.${i}.respondent`, issues);
    const place = o.respondent ? await checkPlace(ctx.db, o.respondent, `opinions.${i}.respondent`, issues) : { provinceCode: '', communeCode: '' };
    if (!identity || !o.respondent) continue;
    const r = o.respondent;
    rows.push({
      sectionId: item.section.id,
      personKey: identity.personKey,
      identityMethod: identity.method,
      channel: 'conference',
      stance: item.stance,
      text: item.text,
      category: r.category,
      ageBand: r.ageBand ?? '',
      occupation: r.occupation ?? null,
      provinceCode: place.provinceCode,
      communeCode: place.communeCode,
      enteredBy: user.id,
      respondent: ctx.sealer.seal(JSON.stringify({ name: r.name ?? null, idNumber: r.idNumber ?? null, phone: r.phone ?? null, email: r.email ?? null })),
      counted: true,
    });
  }
  if (issues.length) throw invalid(...issues);
  const written = rows.filter((r) => r.counted).length;
  const spokenOnly = (input.spokenOnly ?? 0) + rows.length - written;

  return ctx.db.transaction(async (tx) => {
    const [conf] = await tx
      .insert(consultationConferences)
      .values({ consultationId: c.id, agencyId: organiser.id, agencyPath: organiser.path, title: cleanText(input.title), heldOn: input.heldOn, attendees: input.attendees, minutes, writtenOpinions: written, spokenOnly, recordedBy: user.id, createdAt: now })
      .returning();
    if (!conf) throw new AppError(500, 'error.internal');
    const applied = await applyOpinions(tx, c.id, now, rows.map((r) => ({ ...r, conferenceId: conf.id })));
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.conference',
      summary: `Ghi nhận hội nghị «${conf.title.slice(0, 80)}» (${formatCount(input.attendees)} người dự): ${formatCount(written)} ý kiến bằng văn bản được tính, ${formatCount(spokenOnly)} ý kiến chỉ phát biểu không tính`,
      after: { conferenceId: conf.id, agency: organiser.code, heldOn: input.heldOn, attendees: input.attendees, written, spokenOnly },
    });
    return { conferenceId: conf.id, counted: written, spokenOnly, replaced: applied.filter((a) => a.replacedId).length };
  });
}
