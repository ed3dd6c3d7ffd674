/**
 * createPetition: a written petition (đơn) received through any channel opens a case, or is linked to an
 * existing case (a repeat petition on the same matter). Anonymous petitions are recorded without identity;
 * a denouncer's identity is sealed.
 */
import { eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { cases, petitions } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openCase, sealIdentity, type CaseRow } from '../cases/open-case.ts';
import { checkDay, checkPerson } from '../input-checks.ts';
import { indexPetition } from '../search/index-records.ts';
import { mayRecordPetition } from './policy.ts';

export const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  'in-person': 'trực tiếp',
  post: 'qua bưu chính',
  online: 'trực tuyến',
  hotline: 'đường dây nóng',
  email: 'thư điện tử',
  forwarded: 'cơ quan khác chuyển đến',
  press: 'báo chí',
  deputy: 'đại biểu Quốc hội chuyển',
};

export interface CreatePetitionInput {
  agency: string;
  channel: Channel;
  receivedOn?: string;
  type: CaseKind;
  content: string;
  anonymous?: boolean;
  petitioner?: { name: string; idNumber?: string; address?: string; phone?: string };
  /** Người cùng ký đơn: several complainants of one petition (ND 124/2020 Art. 7a). */
  coSigners?: { name: string; idNumber?: string; address?: string }[];
  caseId?: string;
}

/** What a channel adds to the intake: the field it knows, and its own rows written in the same transaction. */
export interface CreatePetitionOptions {
  field?: string;
  within?: (tx: Tx, created: { petition: typeof petitions.$inferSelect; case: CaseRow }) => Promise<void>;
}

export async function createPetition(ctx: AppContext, user: CurrentUser, input: CreatePetitionInput, opts: CreatePetitionOptions = {}) {
  const now = ctx.now();
  const issues: FieldIssue[] = [];
  const anonymous = input.anonymous ?? false;
  if (!anonymous && !input.petitioner) issues.push({ field: 'petitioner.name', key: 'field.required' });
  const person = input.petitioner && !anonymous ? checkPerson('petitioner', input.petitioner, issues) : null;
  const coSigners = (input.coSigners ?? []).map((p, i) => checkPerson(`coSigners.${i}`, p, issues));
  const receivedOn = checkDay('receivedOn', input.receivedOn, isoDateInVietnam(now), issues);
  const content = cleanText(input.content);
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  if (issues.length) throw invalid(...issues);

  const agency = await requireAgency(ctx.db, input.agency);
  if (!mayRecordPetition(user, agency.path)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
  let existing: CaseRow | undefined;
  if (input.caseId) {
    [existing] = await ctx.db.select().from(cases).where(eq(cases.id, input.caseId));
    if (!existing || !canSee(user, existing.agencyPath)) throw notFound();
  }
  // Sealing follows the case (issue 13): a petition filed on a denunciation case keeps no identity in the clear either.
  const sealed = input.type === 'denunciation' || existing?.kind === 'denunciation';

  return ctx.db.transaction(async (tx) => {
    const theCase =
      existing ??
      (await openCase(tx, { agency, kind: input.type, content, receivedOn, petitionerName: person?.name ?? null, actor: user, now, via: 'petition', field: opts.field ?? null }));
    const [petition] = await tx
      .insert(petitions)
      .values({
        agencyId: agency.id,
        agencyPath: agency.path,
        caseId: theCase.id,
        channel: input.channel,
        receivedOn,
        kind: input.type,
        content,
        anonymous,
        petitionerName: sealed ? null : (person?.name ?? null),
        petitionerIdNumber: sealed ? null : (person?.idNumber ?? null),
        petitionerAddress: sealed ? null : (person?.address ?? null),
        petitionerPhone: sealed ? null : (person?.phone ?? null),
        coSigners: sealed ? [] : coSigners.map((c) => ({ name: c.name, idNumber: c.idNumber, address: c.address })),
        createdBy: user.id,
        createdAt: now,
      })
      .returning();
    if (!petition) throw new Error('petition insert failed');
    await indexPetition(tx, petition); // search (issue 18)
    if (sealed && person) await sealIdentity(tx, ctx, theCase.id, 'petition', petition.id, person, now);
    // Co-signers of a denunciation are denouncers too: sealed the same way.
    if (sealed) for (const c of coSigners) await sealIdentity(tx, ctx, theCase.id, 'petition', petition.id, c, now);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'petition',
      entityId: petition.id,
      caseId: theCase.id,
      action: 'petition.create',
      summary: `Tiếp nhận đơn (${CHANNEL_LABELS[input.channel]}) ngày ${formatIsoDateVi(receivedOn)}${existing ? ' — đơn trùng nội dung, gắn vào vụ việc đã có' : ''}`,
      after: { receivedOn, channel: input.channel, kind: input.type, caseCode: theCase.code, anonymous },
    });
    if (opts.within) await opts.within(tx, { petition, case: theCase });
    return { petition, case: theCase };
  });
}
