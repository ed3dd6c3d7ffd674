/**
 * What the public sees (portal pages and the public JSON/CSV): noticed, held and concluded dialogues (never a plan,
 * never the registrations or their contacts), conclusions issue by issue, and the commitment tracker with its
 * fulfilment rate. The tracker of an agency covers the commitments made at dialogues it (or an agency below it)
 * organised AND those it (or an agency below it) owns — so a ministry's page shows the promises it must keep.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { fulfilment } from '@danvan/domain/dialogues/kinds';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { commitments, dialogueCancellations, dialogueIssues, dialogues } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { loadDialogueKinds } from './kinds.ts';
import { agencyNames, commitmentTimeline, presentCommitment, presentDialogueHead, presentIssue } from './queries.ts';

const PUBLIC_STATUSES = ['noticed', 'held', 'concluded'];
/** A dialogue whose notice was published stays public when cancelled (with the reason), so those who read it learn. */
const publicCondition = or(inArray(dialogues.status, PUBLIC_STATUSES), and(eq(dialogues.status, 'cancelled'), sql`${dialogues.noticeOn} is not null`))!;
const isPublic = (d: { status: string; noticeOn: string | null }) => PUBLIC_STATUSES.includes(d.status) || (d.status === 'cancelled' && d.noticeOn !== null);

async function agencyRoot(ctx: AppContext, code: string | undefined) {
  if (!code) return null;
  const a = await agencyByCode(ctx.db, code);
  if (!a) throw notFound();
  return a;
}

function publicHead(h: ReturnType<typeof presentDialogueHead>, today: string) {
  const { noticeLateReason: _r, ...rest } = h;
  return { ...rest, registrationOpen: h.status === 'noticed' && today <= h.plannedOn };
}

export async function publicDialogues(ctx: AppContext, agency: string | undefined, when: 'upcoming' | 'concluded' | 'all') {
  const today = isoDateInVietnam(ctx.now());
  const root = await agencyRoot(ctx, agency);
  const conds: SQL[] = [publicCondition];
  if (root) conds.push(subtreeCondition(root.path, dialogues.agencyPath));
  if (when === 'upcoming') conds.push(inArray(dialogues.status, ['noticed', 'cancelled']), sql`${dialogues.plannedOn} >= ${today}`);
  if (when === 'concluded') conds.push(eq(dialogues.status, 'concluded'));
  const rows = await ctx.db
    .select()
    .from(dialogues)
    .where(and(...conds))
    .orderBy(when === 'upcoming' ? asc(dialogues.plannedOn) : desc(dialogues.plannedOn))
    .limit(200);
  const kinds = new Map((await loadDialogueKinds(ctx.db)).map((k) => [k.key, k]));
  const names = await agencyNames(ctx.db, rows.map((r) => r.agencyId));
  return rows.map((d) => publicHead(presentDialogueHead(d, kinds.get(d.kind), names), today));
}

export async function publicDialogue(ctx: AppContext, id: string) {
  const today = isoDateInVietnam(ctx.now());
  const [d] = await ctx.db.select().from(dialogues).where(eq(dialogues.id, id));
  if (!d || !isPublic(d)) throw notFound();
  const [cancellation] = d.status === 'cancelled' ? await ctx.db.select().from(dialogueCancellations).where(eq(dialogueCancellations.dialogueId, d.id)) : [];
  const kinds = new Map((await loadDialogueKinds(ctx.db)).map((k) => [k.key, k]));
  const issues = await ctx.db.select().from(dialogueIssues).where(eq(dialogueIssues.dialogueId, d.id)).orderBy(asc(dialogueIssues.seq));
  const comms = await ctx.db.select().from(commitments).where(eq(commitments.dialogueId, d.id)).orderBy(asc(commitments.code));
  const names = await agencyNames(ctx.db, [d.agencyId, ...issues.map((i) => i.targetAgencyId), ...comms.map((c) => c.ownerAgencyId)]);
  return {
    ...publicHead(presentDialogueHead(d, kinds.get(d.kind), names), today),
    issues: issues.map((i) => {
      const { registrationCode: _c, caseId: _id, caseCode: _code, ...rest } = presentIssue(i, names, new Map(), null);
      return rest;
    }),
    commitments: await Promise.all(comms.map(async (c) => ({ ...presentCommitment(c, names, today, d), timeline: await commitmentTimeline(ctx.db, c.id) }))),
    cancellation: cancellation ? { cancelledOn: cancellation.cancelledOn, reason: cancellation.reason } : null,
  };
}

export async function publicCommitments(ctx: AppContext, agency: string | undefined) {
  const today = isoDateInVietnam(ctx.now());
  const root = await agencyRoot(ctx, agency);
  const where = root ? or(subtreeCondition(root.path, commitments.agencyPath), subtreeCondition(root.path, commitments.ownerAgencyPath)) : undefined;
  const rows = await ctx.db
    .select({ c: commitments, dCode: dialogues.code, dTitle: dialogues.title })
    .from(commitments)
    .innerJoin(dialogues, eq(dialogues.id, commitments.dialogueId))
    .where(where)
    .orderBy(asc(commitments.dueOn), asc(commitments.code))
    .limit(5000);
  const names = await agencyNames(ctx.db, rows.map((r) => r.c.ownerAgencyId));
  return {
    agency: root ? { code: root.code, name: root.fullName } : null,
    asOf: today,
    summary: fulfilment(rows.map((r) => r.c), today),
    items: rows.map((r) => presentCommitment(r.c, names, today, { code: r.dCode, title: r.dTitle })),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function commitmentsCsv(data: Awaited<ReturnType<typeof publicCommitments>>): string {
  const header = ['ma_cam_ket', 'ma_doi_thoai', 'noi_dung', 'co_quan_thuc_hien', 'ma_co_quan', 'ngay_cam_ket', 'han', 'trang_thai', 'tien_do', 'ngay_hoan_thanh', 'dung_han', 'qua_han', 'ghi_chu_ket_qua'];
  const lines = [header.join(',')];
  for (const c of data.items) {
    lines.push(
      [c.code, c.dialogueCode, c.content, c.ownerAgency.name, c.ownerAgency.code, c.madeOn, c.dueOn, c.statusLabel, c.progress, c.closedOn, c.keptOnTime ? 'có' : 'không', c.overdue ? 'có' : 'không', c.closingNote]
        .map(csvCell)
        .join(','),
    );
  }
  const s = data.summary;
  lines.push('');
  lines.push(['tong_so', s.made, 'da_thuc_hien', s.kept, 'dung_han', s.keptOnTime, 'qua_han', s.overdue, 'ty_le_thuc_hien', s.fulfilmentRate === null ? '' : `${(Math.round(s.fulfilmentRate * 1000) / 10).toString().replace('.', ',')}%`, 'tinh_den', formatIsoDateVi(data.asOf)].map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
