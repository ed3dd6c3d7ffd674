/**
 * The receipt handed to the citizen at the desk (giấy biên nhận thông tin, tài liệu, bằng chứng — content of
 * Mẫu 02/TCD): a self-contained HTML page, A4, ready to print twice (one copy each). It shows the citizen's own
 * name because it is printed for that citizen; it is never logged. A denunciation's identity is sealed with its
 * case, so the denouncer's lines are left blank to be filled in by hand on the denouncer's copy.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { formatIsoDateVi } from '@danvan/domain/text';
import { ID_TYPE_LABELS, NOTICE_CITATION, VISIT_OUTCOME_LABELS, type IdType, type VisitOutcome } from '@danvan/domain/reception/visits';
import type { DbOrTx } from '../../db/client.ts';
import { agencies, cases, users } from '../../db/schema.ts';
import type { VisitRow } from './queries.ts';

/** The printable receipt runs no script but its print button's handler: the policy allows exactly that handler. */
const PRINT_HANDLER = 'window.print()';
export const RECEIPT_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'unsafe-hashes' 'sha256-${createHash('sha256').update(PRINT_HANDLER).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** "15 tháng 07 năm 2026" */
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

function timeInVietnam(at: Date): { hour: string; minute: string } {
  const t = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return { hour: t.slice(11, 13), minute: t.slice(14, 16) };
}

export async function renderVisitReceipt(db: DbOrTx, v: VisitRow): Promise<string> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, v.agencyId));
  const [receiver] = v.createdBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, v.createdBy)) : [];
  const [theCase] = v.caseId ? await db.select({ code: cases.code, kind: cases.kind }).from(cases).where(eq(cases.id, v.caseId)) : [];
  const sealed = v.kind === 'denunciation' || theCase?.kind === 'denunciation';
  const blank = '…………………………………………………………';
  const e = (s: string | null | undefined) => (s ? escapeHtml(s) : blank);
  const { hour, minute } = timeInVietnam(v.createdAt);
  const docs = v.documents?.length
    ? v.documents
        .map((d, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(d.title)}</td><td>${d.pages ?? ''}</td><td>${d.original ? 'Bản chính' : 'Bản sao'}</td></tr>`)
        .join('')
    : `<tr><td>1</td><td>Đơn/nội dung trình bày của công dân</td><td></td><td></td></tr>`;
  const idLabel = v.citizenIdType ? ID_TYPE_LABELS[v.citizenIdType as IdType] : 'Số định danh cá nhân / CCCD / Hộ chiếu';
  const place = agency?.name ?? '';
  const outcomeLine =
    v.outcome === 'petition-received' && v.noticeDueOn
      ? `<p>Kết quả xử lý đơn sẽ được thông báo cho ông/bà chậm nhất ngày <b>${formatIsoDateVi(v.noticeDueOn)}</b> (${escapeHtml(NOTICE_CITATION)}).</p>`
      : `<p>Kết quả: ${escapeHtml(VISIT_OUTCOME_LABELS[v.outcome as VisitOutcome] ?? v.outcome)}${v.guidanceDocNo ? ` — văn bản hướng dẫn số ${escapeHtml(v.guidanceDocNo)}` : ''}${v.transferDocNo ? ` — chuyển ${escapeHtml(v.forwardedTo ?? '')}, văn bản số ${escapeHtml(v.transferDocNo)}` : ''}.</p>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Giấy biên nhận ${theCase ? escapeHtml(theCase.code) : ''}</title>
<style>
@page { size: A4; margin: 20mm 20mm 20mm 25mm; }
body { font-family: "Times New Roman", serif; font-size: 13pt; line-height: 1.45; color: #000; max-width: 170mm; margin: 0 auto; }
.head { display: flex; justify-content: space-between; text-align: center; }
.head div { width: 48%; } .caps { text-transform: uppercase; font-weight: bold; }
h1 { text-align: center; font-size: 14pt; margin: 18px 0 4px; } .sub { text-align: center; font-style: italic; margin: 0 0 14px; }
table.docs { width: 100%; border-collapse: collapse; margin: 6px 0 10px; } table.docs td, table.docs th { border: 1px solid #000; padding: 3px 6px; vertical-align: top; }
.sign { display: flex; justify-content: space-between; text-align: center; margin-top: 24px; } .sign div { width: 45%; min-height: 90px; }
.note { font-size: 11pt; font-style: italic; } @media print { .noprint { display: none; } }
</style></head>
<body>
<div class="head"><div><span class="caps">${escapeHtml(agency?.fullName ?? '')}</span><br>———</div>
<div><span class="caps">Cộng hòa xã hội chủ nghĩa Việt Nam</span><br><b>Độc lập - Tự do - Hạnh phúc</b><br>———<br><i>${escapeHtml(place)}, ${longDate(v.visitedOn)}</i></div></div>
<h1>GIẤY BIÊN NHẬN</h1>
<p class="sub">Thông tin, tài liệu, bằng chứng (Mẫu 02/TCD)</p>
<p>Vào hồi ${hour} giờ ${minute} phút, ${longDate(v.visitedOn)}, tại ${escapeHtml(agency?.fullName ?? '')}.</p>
<p>Tôi là: ${e(receiver?.name)} — người tiếp công dân.</p>
<p>Đã nhận của ông/bà: ${sealed ? blank : e(v.citizenName)}</p>
<p>${escapeHtml(idLabel)}: ${sealed ? blank : e(v.citizenIdNumber)}</p>
<p>Địa chỉ: ${sealed ? blank : e(v.citizenAddress)}</p>
${v.peopleCount > 1 ? `<p>Đại diện cho đoàn ${v.peopleCount} người cùng nội dung.</p>` : ''}
<p>Các thông tin, tài liệu, bằng chứng sau:</p>
<table class="docs"><thead><tr><th>STT</th><th>Tên thông tin, tài liệu, bằng chứng</th><th>Số trang</th><th>Tình trạng</th></tr></thead><tbody>${docs}</tbody></table>
${theCase ? `<p>Mã vụ việc để tra cứu: <b>${escapeHtml(theCase.code)}</b></p>` : ''}
${outcomeLine}
<p>Giấy biên nhận được lập thành 02 bản, mỗi bên giữ 01 bản.</p>
${sealed ? '<p class="note">Danh tính người tố cáo được giữ bí mật (Điều 47 Luật Tố cáo 2018): người tiếp công dân ghi tay các dòng trên vào bản giao cho người tố cáo.</p>' : ''}
<div class="sign"><div><b>Người nộp</b><br><i>(Ký, ghi rõ họ tên)</i></div><div><b>Người nhận</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><br>${e(receiver?.name)}</div></div>
<p class="noprint"><button onclick="${PRINT_HANDLER}">In giấy biên nhận</button></p>
</body></html>`;
}
