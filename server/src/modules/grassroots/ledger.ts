/**
 * The one ledger per matter (grassroots_votes, primary key (matter, household)): a meeting's attendance, the
 * household ballots returned and the online votes all insert there with ON CONFLICT DO NOTHING, so a household
 * is counted once whatever the form and however concurrent the requests; what was refused says which form
 * counted the household first. Online voting authenticates the household by its printed voting code (ADR 0015).
 */
import { createHash, randomInt } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { FORM_LABELS, type Choice, type VoteForm } from '@danvan/domain/grassroots/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import { grassrootsCommunities, grassrootsHouseholds, grassrootsMatters, grassrootsMeetings } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { requireWork } from './policy.ts';
import { checkProcedure, requireNotice, requireOnlineWindow, saveProcedure } from './procedure.ts';
import type { MatterRow } from './queries.ts';

const audit = (user: CurrentUser | null, m: { id: string; agencyId: string }, at: Date) =>
  ({ at, actorId: user?.id ?? null, actorName: user?.displayName ?? 'Đại diện hộ gia đình (trực tuyến)', agencyId: m.agencyId, entity: 'grassroots-matter', entityId: m.id }) as const;

function requireFormOpen(m: MatterRow, form: VoteForm) {
  if (m.status !== 'voting') throw new AppError(409, 'grassroots.notVoting', { status: m.status });
  if (!m.forms.includes(form)) throw new AppError(409, 'grassroots.formNotOpen', { form: FORM_LABELS[form] });
}

/** Roll rows of the matter for these household codes (within the given community, or any village of a commune-wide matter). */
async function rollHouseholds(tx: Tx, m: MatterRow, communityId: string | null, codes: readonly string[]) {
  if (!codes.length) return new Map<string, { householdId: string; communityId: string }>();
  const rows = await queryRows<{ code: string; household_id: string; community_id: string }>(
    tx,
    sql`select h.code, r.household_id, r.community_id from grassroots_roll r join grassroots_households h on h.id = r.household_id
        where r.matter_id = ${m.id} ${communityId ? sql`and r.community_id = ${communityId}` : sql``}
          and h.code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [r.code, { householdId: r.household_id, communityId: r.community_id }]));
}

/** Which form already counted these households (for the refusal message). */
async function countedForms(tx: Tx, matterId: string, householdIds: readonly string[]) {
  if (!householdIds.length) return new Map<string, string>();
  const rows = await queryRows<{ code: string; form: string }>(
    tx,
    sql`select h.code, v.form from grassroots_votes v join grassroots_households h on h.id = v.household_id
        where v.matter_id = ${matterId} and v.household_id in (${sql.join(householdIds.map((i) => sql`${i}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [r.code, r.form]));
}

async function lockedMatter(tx: Tx, id: string): Promise<MatterRow> {
  // Shared lock: votes go in concurrently; closeVote takes the row exclusively and waits for them.
  const [m] = await tx.select().from(grassrootsMatters).where(eq(grassrootsMatters.id, id)).for('share');
  if (!m) throw new AppError(404, 'error.notFound');
  return m;
}

async function communityOf(tx: Tx, m: MatterRow, code: string | undefined): Promise<string> {
  if (!code) {
    if (m.communityId) return m.communityId;
    throw invalid({ field: 'community', key: 'field.required' });
  }
  const [c] = await tx.select().from(grassrootsCommunities).where(and(eq(grassrootsCommunities.agencyId, m.agencyId), eq(grassrootsCommunities.code, code)));
  if (!c || (m.communityId && c.id !== m.communityId)) throw invalid({ field: 'community', key: 'field.invalid' });
  return c.id;
}

export interface MeetingInput {
  community?: string;
  heldOn: string;
  cluster?: string;
  secret: boolean;
  attendance: string[];
  agree: number;
  disagree: number;
  other: number;
  witnesses: string[];
  countingBoard?: string[];
  procedural?: { subject: string; agree: number }[];
}

/** recordMeetingResult: attendance by household (each counted on the ledger as 'meeting') and the meeting's count. */
export async function recordMeetingResult(ctx: AppContext, user: CurrentUser, matter: MatterRow, input: MeetingInput) {
  requireWork(user, matter.agencyPath);
  requireFormOpen(matter, 'meeting');
  const now = ctx.now();
  const attendance = [...new Set(input.attendance.map((c) => cleanText(c)))];
  if (attendance.length !== input.attendance.length) throw invalid({ field: 'attendance', key: 'field.invalid' });
  if (input.heldOn > isoDateInVietnam(now)) throw invalid({ field: 'heldOn', key: 'field.dateRange' });
  const votes = input.agree + input.disagree + input.other;
  if (votes > attendance.length) throw new AppError(400, 'grassroots.tallyExceeds', { votes, attended: attendance.length }, [{ field: 'agree', key: 'field.invalid' }]);
  if (input.secret && (input.witnesses.length !== 2 || input.witnesses.some((w) => !attendance.includes(w)))) {
    // NĐ 59 Art. 3(5)(c): two household representatives present witness the count.
    throw invalid({ field: 'witnesses', key: 'field.invalid' });
  }
  const procedure = checkProcedure(input, attendance.length);
  return ctx.db.transaction(async (tx) => {
    const m = await lockedMatter(tx, matter.id);
    requireFormOpen(m, 'meeting');
    const communityId = await communityOf(tx, m, input.community);
    await requireNotice(tx, m, communityId, input.heldOn, input.cluster ? cleanText(input.cluster) || null : null);
    const roll = await rollHouseholds(tx, m, communityId, attendance);
    const missing = attendance.filter((c) => !roll.has(c));
    if (missing.length) throw new AppError(400, 'grassroots.notOnRoll', { household: missing.join(', ') }, [{ field: 'attendance', key: 'field.invalid' }]);
    const [meeting] = await tx
      .insert(grassrootsMeetings)
      .values({ matterId: m.id, communityId, heldOn: input.heldOn, cluster: input.cluster ? cleanText(input.cluster) : null, secret: input.secret, attended: attendance.length, agree: input.agree, disagree: input.disagree, other: input.other, witnesses: input.witnesses, recordedBy: user.id })
      .returning();
    await saveProcedure(tx, meeting!.id, procedure);
    const ids = attendance.map((c) => roll.get(c)!.householdId);
    const inserted = await queryRows<{ household_id: string }>(
      tx,
      sql`insert into grassroots_votes (matter_id, household_id, community_id, form, choice, meeting_id, recorded_by, recorded_at)
          select r.matter_id, r.household_id, r.community_id, 'meeting', null, ${meeting!.id}, ${user.id}, ${now}
          from grassroots_roll r where r.matter_id = ${m.id} and r.household_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
          on conflict (matter_id, household_id) do nothing returning household_id`,
    );
    if (inserted.length !== ids.length) {
      const got = new Set(inserted.map((r) => r.household_id));
      const forms = await countedForms(tx, m.id, ids.filter((i) => !got.has(i)));
      const [[code, form] = ['', '']] = [...forms];
      throw new AppError(409, 'grassroots.alreadyCounted', { household: code, form: FORM_LABELS[form as VoteForm] ?? form }, [], { alreadyCounted: [...forms].map(([household, f]) => ({ household, form: f })) });
    }
    await writeAudit(tx, {
      ...audit(user, m, now),
      action: 'grassroots.meeting.record',
      summary: `Kết quả hội nghị ngày ${formatIsoDateVi(input.heldOn)}${input.cluster ? ` (cụm ${cleanText(input.cluster)})` : ''}: ${attendance.length} hộ dự; đồng ý ${input.agree}, không đồng ý ${input.disagree}, ý kiến khác ${input.other}${input.secret ? ' (bỏ phiếu kín, Mẫu 02)' : ''}`,
      after: { meetingId: meeting!.id, attended: attendance.length, agree: input.agree, disagree: input.disagree, other: input.other },
    });
    return { meeting: meeting!, counted: attendance.length };
  });
}

export interface BallotsInput {
  community?: string;
  ballots: { household: string; choice: Choice; otherText?: string }[];
}

/** recordBallots: returned household forms (one per household; Mẫu 04). A form from a household already counted is void and listed. */
export async function recordBallots(ctx: AppContext, user: CurrentUser, matter: MatterRow, input: BallotsInput) {
  requireWork(user, matter.agencyPath);
  requireFormOpen(matter, 'paper');
  const now = ctx.now();
  const codes = input.ballots.map((b) => cleanText(b.household));
  if (new Set(codes).size !== codes.length) throw invalid({ field: 'ballots', key: 'field.invalid' });
  return ctx.db.transaction(async (tx) => {
    const m = await lockedMatter(tx, matter.id);
    requireFormOpen(m, 'paper');
    // Household codes are unique within a village only: a commune-wide matter names the village of each batch.
    const communityId = await communityOf(tx, m, input.community);
    const roll = await rollHouseholds(tx, m, communityId, codes);
    const missing = codes.filter((c) => !roll.has(c));
    if (missing.length) throw new AppError(400, 'grassroots.notOnRoll', { household: missing.join(', ') }, [{ field: 'ballots', key: 'field.invalid' }]);
    const counted: string[] = [];
    for (const b of input.ballots) {
      const r = roll.get(cleanText(b.household))!;
      const other = b.choice === 'other' && b.otherText ? cleanText(b.otherText) : null;
      const ins = await queryRows<{ household_id: string }>(
        tx,
        sql`insert into grassroots_votes (matter_id, household_id, community_id, form, choice, other_text, recorded_by, recorded_at)
            values (${m.id}, ${r.householdId}, ${r.communityId}, 'paper', ${b.choice}, ${other}, ${user.id}, ${now})
            on conflict (matter_id, household_id) do nothing returning household_id`,
      );
      if (ins.length) counted.push(cleanText(b.household));
    }
    const rejectedIds = codes.filter((c) => !counted.includes(c)).map((c) => roll.get(c)!.householdId);
    const forms = await countedForms(tx, m.id, rejectedIds);
    const alreadyCounted = [...forms].map(([household, form]) => ({ household, form }));
    await writeAudit(tx, {
      ...audit(user, m, now),
      action: 'grassroots.ballots.record',
      summary: `Nhập phiếu lấy ý kiến hộ gia đình: ${counted.length} phiếu được tính${alreadyCounted.length ? `, ${alreadyCounted.length} phiếu không tính (hộ đã được tính)` : ''}`,
      after: { counted: counted.length, alreadyCounted },
    });
    return { counted: counted.length, alreadyCounted };
  });
}

// ── Online voting (item 6 only; NĐ 59 Art. 5) ──

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 Crockford base32 characters (60 random bits), printed as XXXX-XXXX-XXXX. */
export function newVotingCode(): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[randomInt(32)]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
export function normalizeVotingCode(input: string): string {
  const s = input.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}
export const votingCodeHash = (code: string) => createHash('sha256').update(`danvan/grassroots-voting-code/v1\n${normalizeVotingCode(code)}`).digest('hex');

/** issueVotingCodes: a code per household of the community (new ones only, or `reissue` these codes); shown once, for printing. */
export async function issueVotingCodes(ctx: AppContext, user: CurrentUser, community: typeof grassrootsCommunities.$inferSelect, input: { reissue?: string[] }) {
  requireWork(user, community.agencyPath);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const cond = input.reissue?.length
      ? and(eq(grassrootsHouseholds.communityId, community.id), inArray(grassrootsHouseholds.code, input.reissue))
      : and(eq(grassrootsHouseholds.communityId, community.id), isNull(grassrootsHouseholds.votingCodeHash), eq(grassrootsHouseholds.active, true));
    const hs = await tx.select({ id: grassrootsHouseholds.id, code: grassrootsHouseholds.code }).from(grassrootsHouseholds).where(cond).orderBy(grassrootsHouseholds.code);
    const codes: { household: string; code: string }[] = [];
    for (const h of hs) {
      const code = newVotingCode();
      await tx.update(grassrootsHouseholds).set({ votingCodeHash: votingCodeHash(code) }).where(eq(grassrootsHouseholds.id, h.id));
      codes.push({ household: h.code, code });
    }
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: community.agencyId,
      entity: 'grassroots-community',
      entityId: community.id,
      action: 'grassroots.voting-codes.issue',
      summary: `Cấp mã biểu quyết trực tuyến cho ${codes.length} hộ gia đình của ${community.name}`,
      after: { households: codes.map((c) => c.household) },
    });
    return codes;
  });
}

async function householdByCode(tx: Tx, code: string) {
  const [h] = await tx.select().from(grassrootsHouseholds).where(eq(grassrootsHouseholds.votingCodeHash, votingCodeHash(code)));
  if (!h || !h.active) throw new AppError(401, 'grassroots.votingCode');
  return h;
}

/** optInOnlineVoting: the household representative agrees to vote online (NĐ 59 Art. 5(2)). */
export async function optInOnlineVoting(ctx: AppContext, input: { code: string }) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const h = await householdByCode(tx, input.code);
    if (h.onlineOptInAt) return { household: h.code, optedInAt: h.onlineOptInAt, already: true };
    await tx.update(grassrootsHouseholds).set({ onlineOptInAt: now }).where(eq(grassrootsHouseholds.id, h.id));
    const [c] = await tx.select().from(grassrootsCommunities).where(eq(grassrootsCommunities.id, h.communityId));
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: 'Đại diện hộ gia đình (trực tuyến)',
      agencyId: c!.agencyId,
      entity: 'grassroots-household',
      entityId: h.id,
      action: 'grassroots.online.opt-in',
      summary: `Hộ ${h.code} (${c!.name}) đăng ký biểu quyết trực tuyến`,
    });
    return { household: h.code, optedInAt: now, already: false };
  });
}

/** castOnlineVote: the household representative's vote, by the household's code; counted once on the ledger. */
export async function castOnlineVote(ctx: AppContext, matterId: string, input: { code: string; choice: Choice; otherText?: string }) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const h = await householdByCode(tx, input.code);
    const m = await lockedMatter(tx, matterId);
    if (m.item !== 6) throw new AppError(409, 'grassroots.formNotAllowed', { form: FORM_LABELS.online, item: m.item, allowed: 'họp, phát phiếu' });
    requireFormOpen(m, 'online');
    await requireOnlineWindow(tx, m.id, now);
    if (!h.onlineOptInAt) throw new AppError(409, 'grassroots.notOptedIn');
    const other = input.choice === 'other' && input.otherText ? cleanText(input.otherText).slice(0, 1000) : null;
    const ins = await queryRows<{ household_id: string }>(
      tx,
      sql`insert into grassroots_votes (matter_id, household_id, community_id, form, choice, other_text, recorded_at)
          select r.matter_id, r.household_id, r.community_id, 'online', ${input.choice}, ${other}, ${now}
          from grassroots_roll r where r.matter_id = ${m.id} and r.household_id = ${h.id}
          on conflict (matter_id, household_id) do nothing returning household_id`,
    );
    if (!ins.length) {
      const forms = await countedForms(tx, m.id, [h.id]);
      const form = forms.get(h.code);
      if (!form) throw new AppError(403, 'grassroots.notOnRoll', { household: h.code });
      throw new AppError(409, 'grassroots.alreadyCounted', { household: h.code, form: FORM_LABELS[form as VoteForm] ?? form }, [], { form });
    }
    await writeAudit(tx, { ...audit(null, m, now), action: 'grassroots.online.vote', summary: `Hộ ${h.code} biểu quyết trực tuyến`, after: { household: h.code } });
    return { household: h.code, matter: { id: m.id, title: m.title }, form: 'online' as const, countedAt: now };
  });
}
