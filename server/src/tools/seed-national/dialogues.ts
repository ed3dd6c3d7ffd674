/**
 * `danvan seed --national`: dialogues and commitments (issue 14). For each commune in scope, with a probability
 * (default 85 %) a commune-yearly dialogue on a working day of the range: its notice 7–14 days before (a few late,
 * with a reason), one to three cluster sessions, a conclusion 3–12 days later (after day 10: late), issues answered on
 * the spot / transferred to the province / assigned to the commune with a due date, and each commitment's fate as of
 * the range's end (kept on time, kept late, declined, still open — overdue or not). Rows go straight to the tables
 * (like the rest of the generator, authored by the generator account); the ground truth counts the same figures as
 * `dialogues/figures.ts` per province and for the country, so the report can be checked against it. A dry run
 * computes the same truth without writing.
 */
import { conclusionDeadline, DEFAULT_DIALOGUE_KINDS, fulfilment, type CommitmentFacts } from '@danvan/domain/dialogues/kinds';
import { addDays, diffDays } from '@danvan/domain/clock/dates';
import type { WorkCalendar } from '@danvan/domain/clock/index';
import type { Db } from '../../db/client.ts';
import { commitmentUpdates, commitments, dialogueIssues, dialogueSessions, dialogues } from '../../db/schema.ts';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { Rng } from './random.ts';
import type { Actor } from './use-cases.ts';

export interface DialogueFiguresTruth {
  dialoguesHeld: number;
  participants: number;
  issuesRaised: number;
  answeredOnSpot: number;
  transferred: number;
  made: number;
  kept: number;
  keptOnTime: number;
  overdue: number;
}

export interface DialogueTruth {
  asOf: string;
  national: DialogueFiguresTruth;
  provinces: { code: string; figures: DialogueFiguresTruth }[];
  /** Communes with no dialogue in the range (the compliance check lists them once the year is over). */
  communesWithout: number;
}

const TOPICS = ['Chỉnh trang ngõ phố, chiếu sáng', 'Thu gom rác thải', 'Thoát nước, chống ngập', 'Cấp giấy chứng nhận quyền sử dụng đất', 'Trật tự xây dựng', 'Giờ làm việc bộ phận một cửa', 'An ninh trật tự khu dân cư', 'Sửa chữa nhà văn hóa thôn'];

const zero = (): DialogueFiguresTruth => ({ dialoguesHeld: 0, participants: 0, issuesRaised: 0, answeredOnSpot: 0, transferred: 0, made: 0, kept: 0, keptOnTime: 0, overdue: 0 });

export async function seedDialogues(
  db: Db,
  opts: { write?: boolean; seed: number; from: string; to: string; actor: Actor; communes: AgencyRow[]; byId: Map<string, AgencyRow>; calendar: WorkCalendar; share?: number; now: Date },
): Promise<DialogueTruth> {
  const kind = DEFAULT_DIALOGUE_KINDS[0]!;
  const asOf = opts.to;
  const span = diffDays(opts.from, opts.to);
  const national = zero();
  const perProvince = new Map<string, DialogueFiguresTruth>();
  const allFacts: CommitmentFacts[] = [];
  const provinceFacts = new Map<string, CommitmentFacts[]>();
  let without = 0;
  const rows = { d: [] as (typeof dialogues.$inferInsert)[], s: [] as (typeof dialogueSessions.$inferInsert)[], i: [] as (typeof dialogueIssues.$inferInsert)[], c: [] as (typeof commitments.$inferInsert)[], u: [] as (typeof commitmentUpdates.$inferInsert)[] };
  for (const commune of [...opts.communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const rng = new Rng(opts.seed, `dialogue:${commune.code}`);
    const province = commune.parentId ? opts.byId.get(commune.parentId) : undefined;
    if (!province || !rng.chance(opts.share ?? 0.85)) {
      without++;
      continue;
    }
    // The conclusion must fall inside the range too (the report counts issues by the conclusion date).
    let held = addDays(opts.from, rng.int(0, Math.max(0, span - 12)));
    while (!opts.calendar.isWorkingDay(held)) held = addDays(held, 1);
    if (held > addDays(opts.to, -12)) {
      without++;
      continue;
    }
    const lateNotice = rng.chance(0.05);
    const noticeOn = addDays(held, lateNotice ? -rng.int(3, 6) : -rng.int(7, 14));
    const sessions = rng.int(1, 3);
    const deadline = conclusionDeadline(kind, held, false, opts.calendar);
    const conclusionOn = addDays(held, rng.int(3, 12));
    const dialogueId = rng.uuid();
    const code = `DT-${commune.code}-${held.slice(0, 4)}-001`;
    let attendance = 0;
    for (let k = 0; k < sessions; k++) {
      const n = rng.int(40, 220);
      attendance += n;
      rows.s.push({ id: rng.uuid(), dialogueId, label: `Cụm dân cư ${k + 1}`, heldOn: held, attendance: n, createdBy: opts.actor.id, createdAt: opts.now });
    }
    rows.d.push({
      id: dialogueId,
      code,
      agencyId: commune.id,
      agencyPath: commune.path,
      kind: kind.key,
      status: 'concluded',
      title: `Hội nghị đối thoại giữa UBND ${commune.fullName.replace(/^Ủy ban nhân dân /, '')} với Nhân dân năm ${held.slice(0, 4)}`,
      plannedOn: held,
      location: 'Hội trường UBND',
      howToAttend: 'Trực tiếp tại hội trường',
      organiser: kind.organiser,
      coChair: kind.coChair,
      noticeOn,
      noticeRequiredDays: kind.noticeDays,
      noticeLate: lateNotice,
      noticeLateReason: lateNotice ? 'Đối thoại đột xuất theo đề nghị của cử tri' : null,
      heldOn: held,
      attendance,
      chairedBy: 'Chủ tịch UBND; Chủ tịch Ủy ban MTTQ; Phó Chủ tịch HĐND',
      conclusionDueOn: deadline.due,
      conclusionExplanation: deadline.explanation,
      conclusionOn,
      conclusionLate: conclusionOn > deadline.due,
      conclusionSummary: 'Thông báo kết luận hội nghị đối thoại (dữ liệu sinh tự động)',
      createdBy: opts.actor.id,
      createdAt: opts.now,
      updatedAt: opts.now,
    });
    const f = perProvince.get(province.code) ?? zero();
    perProvince.set(province.code, f);
    const issues = rng.int(3, 9);
    const facts: CommitmentFacts[] = [];
    let answered = 0;
    let transferred = 0;
    for (let q = 1; q <= issues; q++) {
      const r = rng.next();
      const outcome = r < 0.55 ? 'answered' : r < 0.7 ? 'transferred' : 'assigned';
      const issueId = rng.uuid();
      const content = `${rng.pick(TOPICS)} (ý kiến số ${q})`;
      rows.i.push({ id: issueId, dialogueId, agencyPath: commune.path, seq: q, content, outcome, answer: outcome === 'answered' ? 'Đã trả lời tại hội nghị' : null, targetAgencyId: outcome === 'answered' ? null : outcome === 'transferred' ? province.id : commune.id, createdAt: opts.now });
      if (outcome === 'answered') answered++;
      if (outcome === 'transferred') transferred++;
      if (outcome !== 'assigned') continue;
      const dueOn = addDays(conclusionOn, rng.int(15, 90));
      const fate = rng.next();
      let status = 'open';
      let closedOn: string | null = null;
      if (fate < 0.5) {
        status = 'done';
        closedOn = addDays(dueOn, -rng.int(0, 10));
      } else if (fate < 0.6) {
        status = 'done';
        closedOn = addDays(dueOn, rng.int(1, 20));
      } else if (fate < 0.65) {
        status = 'declined';
        closedOn = addDays(conclusionOn, rng.int(1, 10));
      } else if (fate < 0.8) status = 'in-progress';
      // A closing date after the range's end has not happened yet: the commitment is still in progress.
      if (closedOn && (closedOn > asOf || closedOn < conclusionOn)) {
        status = 'in-progress';
        closedOn = null;
      }
      const cid = rng.uuid();
      rows.c.push({
        id: cid,
        code: `CK-${code.slice(3)}-${String(q).padStart(2, '0')}`,
        dialogueId,
        issueId,
        agencyPath: commune.path,
        ownerAgencyId: commune.id,
        ownerAgencyPath: commune.path,
        content,
        madeOn: conclusionOn,
        dueOn,
        status,
        progress: status === 'done' ? 100 : status === 'in-progress' ? rng.int(10, 90) : 0,
        statusReason: status === 'declined' ? 'Ngoài thẩm quyền, đã giải thích cho cử tri' : null,
        closingNote: status === 'done' ? 'Đã thực hiện xong (dữ liệu sinh tự động)' : null,
        closedOn,
        overdueSince: status !== 'done' && status !== 'declined' && dueOn < asOf ? addDays(dueOn, 1) : null,
        createdAt: opts.now,
        updatedAt: opts.now,
      });
      rows.u.push({ id: rng.uuid(), commitmentId: cid, on: conclusionOn, status: 'open', progress: 0, note: `Giao tại kết luận đối thoại ${code}`, actorId: opts.actor.id, createdAt: opts.now });
      facts.push({ status, dueOn, closedOn });
    }
    for (const t of [f, national]) {
      t.dialoguesHeld++;
      t.participants += attendance;
      t.issuesRaised += issues;
      t.answeredOnSpot += answered;
      t.transferred += transferred;
    }
    allFacts.push(...facts);
    provinceFacts.set(province.code, [...(provinceFacts.get(province.code) ?? []), ...facts]);
  }
  const applyFacts = (t: DialogueFiguresTruth, facts: CommitmentFacts[]) => {
    const ff = fulfilment(facts, asOf);
    Object.assign(t, { made: ff.made, kept: ff.kept, keptOnTime: ff.keptOnTime, overdue: ff.overdue });
  };
  applyFacts(national, allFacts);
  for (const [code, t] of perProvince) applyFacts(t, provinceFacts.get(code) ?? []);

  if (opts.write !== false) await db.transaction(async (tx) => {
    const chunks = async <T>(table: Parameters<typeof tx.insert>[0], list: T[]) => {
      for (let i = 0; i < list.length; i += 2000) await tx.insert(table).values(list.slice(i, i + 2000) as never);
    };
    await chunks(dialogues, rows.d);
    await chunks(dialogueSessions, rows.s);
    await chunks(dialogueIssues, rows.i);
    await chunks(commitments, rows.c);
    await chunks(commitmentUpdates, rows.u);
  });
  return {
    asOf,
    national,
    provinces: [...perProvince.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, figures]) => ({ code, figures })),
    communesWithout: without,
  };
}
