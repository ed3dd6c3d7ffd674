/**
 * The records of a community vote as PDF (pdfkit with the DejaVu fonts of the reports module, so Vietnamese
 * diacritics render): Mẫu 02 (count of a secret ballot at a meeting), Mẫu 03 (result of an online vote, with the
 * list of voters), Mẫu 04 (count of household ballots), the community decision document (Art. 20(2) Luật
 * 10/2022/QH15) and the household ballot forms (one page per household, NĐ 59 Art. 4(5)). The layouts follow the
 * contents the decree lists; the decree's own templates were not available verbatim (see the README).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { and, eq, inArray } from 'drizzle-orm';
import { CHOICE_LABELS, FORM_LABELS, itemRule, type MatterResult, type VoteForm } from '@danvan/domain/grassroots/rules';
import { formatCount, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { grassrootsCommunities, grassrootsHouseholds, grassrootsMeetingProcedure, grassrootsMeetings, grassrootsNotices, grassrootsRoll, grassrootsVotes } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import { agencyOf, type MatterRow } from './queries.ts';
import { voteResult } from './matters.ts';
import { votePlans } from './procedure.ts';

export const RECORDS = ['mau-01', 'mau-02', 'mau-03', 'mau-04', 'quyet-dinh', 'phieu'] as const;
export type RecordKind = (typeof RECORDS)[number];

const requireFont = createRequire(import.meta.url);
const FONT_REGULAR = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_ITALIC = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');

type Doc = InstanceType<typeof PDFDocument>;

function newDoc(title: string, now: Date): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 60, right: 50 }, info: { Title: title, Author: 'DânVận', CreationDate: now } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

const W = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Heading: issuer top-left, national motto top-right, the form number, the title. */
function heading(doc: Doc, issuer: string[], form: string | null, title: string, subtitle?: string) {
  const left = doc.page.margins.left;
  const width = W(doc);
  const top = doc.y;
  if (form) doc.font('italic').fontSize(9).text(form, left, top - 18, { width, align: 'right' });
  doc.font('bold').fontSize(9.5);
  issuer.forEach((line, i) => doc.text(line.toUpperCase(), left, top + i * 13, { width: width * 0.42, align: 'center' }));
  doc.font('bold').fontSize(9.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.4, top, { width: width * 0.6, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', left + width * 0.4, doc.y, { width: width * 0.6, align: 'center', underline: true });
  doc.y = top + Math.max(issuer.length, 2) * 13 + 24;
  doc.font('bold').fontSize(13).text(title, left, doc.y, { width, align: 'center' });
  if (subtitle) doc.font('bold').fontSize(11).text(subtitle, { width, align: 'center' });
  doc.moveDown(1);
}

function para(doc: Doc, text: string, opts: { bold?: boolean; italic?: boolean; indent?: number } = {}) {
  doc.font(opts.bold ? 'bold' : opts.italic ? 'italic' : 'regular').fontSize(11);
  doc.text(text, doc.page.margins.left + (opts.indent ?? 0), doc.y, { width: W(doc) - (opts.indent ?? 0), align: 'justify', lineGap: 3 });
}

function signatures(doc: Doc, blocks: { title: string; name?: string }[]) {
  doc.moveDown(1.5);
  if (doc.y > doc.page.height - 160) doc.addPage();
  const left = doc.page.margins.left;
  const per = W(doc) / blocks.length;
  const top = doc.y;
  blocks.forEach((b, i) => {
    if (!b.title) return; // an empty block keeps its column free (a single signatory on the right)
    doc.font('bold').fontSize(10).text(b.title, left + i * per, top, { width: per, align: 'center' });
    doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên)', left + i * per, doc.y, { width: per, align: 'center' });
    if (b.name) doc.font('bold').fontSize(10).text(b.name, left + i * per, top + 80, { width: per, align: 'center' });
  });
  doc.x = left;
  doc.y = top + 100;
}

function table(doc: Doc, columns: { title: string; width: number; align?: 'left' | 'right' | 'center' }[], rows: string[][]) {
  const left = doc.page.margins.left;
  const pad = 4;
  const draw = (cells: string[], header: boolean) => {
    doc.font(header ? 'bold' : 'regular').fontSize(9.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) draw(columns.map((c) => c.title), true);
      doc.font(header ? 'bold' : 'regular').fontSize(9.5);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = columns[i]!.width;
      if (header) doc.rect(x, y, w, h).fill('#eeeeee').fillColor('black');
      doc.rect(x, y, w, h).lineWidth(0.5).stroke('#555555');
      doc.fillColor('black').text(c, x + pad, y + pad, { width: w - 2 * pad, align: header ? 'center' : (columns[i]!.align ?? 'left') });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  draw(columns.map((c) => c.title), true);
  rows.forEach((r) => draw(r, false));
  doc.moveDown(0.8);
}

const pct = (n: number, d: number) => (d ? `${(Math.round((n / d) * 1000) / 10).toString().replace('.', ',')}%` : '0%');

export async function renderRecord(ctx: AppContext, m: MatterRow, kind: RecordKind): Promise<{ pdf: Buffer; fileName: string }> {
  const commune = await agencyOf(ctx.db, m.agencyId);
  const [community] = m.communityId ? await ctx.db.select().from(grassrootsCommunities).where(eq(grassrootsCommunities.id, m.communityId)) : [];
  const place = community ? `${community.name}, ${commune.unitName}` : commune.unitName;
  const { result, ledger, communities } = await voteResult(ctx, m);
  const rule = itemRule(m.item);
  const now = ctx.now();
  const need = (ok: boolean) => {
    if (!ok) throw new AppError(409, 'grassroots.status', { status: m.status });
  };
  /** Representatives' names for the households listed (unsealed for the official record only). */
  const names = async (codes: string[]) => {
    if (!codes.length) return new Map<string, string>();
    const cond = m.communityId ? eq(grassrootsHouseholds.communityId, m.communityId) : eq(grassrootsHouseholds.agencyPath, m.agencyPath);
    const rows = await ctx.db.select({ code: grassrootsHouseholds.code, box: grassrootsHouseholds.representative }).from(grassrootsHouseholds).where(and(cond, inArray(grassrootsHouseholds.code, codes)));
    return new Map(rows.map((r) => [r.code, (JSON.parse(ctx.sealer.open(r.box)) as { name: string }).name]));
  };
  const issuer = community ? [`UBND ${commune.unitName}`, community.name] : [`Ủy ban nhân dân`, commune.unitName];
  const title = `${m.title}`;
  const byForm = (f: VoteForm) => ledger.filter((l) => l.form === f);
  const { doc, done } = newDoc(`${kind} — ${title}`, now);
  const stamp = `Lập bằng DânVận ngày ${formatIsoDateVi(isoDateInVietnam(now))}`;

  if (kind === 'mau-01') {
    const notices = await ctx.db
      .select({ n: grassrootsNotices, village: grassrootsCommunities.name })
      .from(grassrootsNotices)
      .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsNotices.communityId))
      .where(eq(grassrootsNotices.matterId, m.id))
      .orderBy(grassrootsNotices.meetingOn);
    need(notices.length > 0);
    notices.forEach(({ n, village }, i) => {
      if (i > 0) doc.addPage();
      heading(doc, [`UBND ${commune.unitName}`, village], 'Mẫu số 01 — Nghị định 59/2023/NĐ-CP', 'THÔNG BÁO', 'Về việc tổ chức hội nghị (cuộc họp) cộng đồng dân cư');
      para(doc, `Kính gửi: các hộ gia đình ${village}${n.cluster ? ` (${n.cluster})` : ''}.`);
      doc.moveDown(0.3);
      para(doc, `Thực hiện Luật Thực hiện dân chủ ở cơ sở và Nghị định số 59/2023/NĐ-CP, Trưởng thôn, Tổ trưởng tổ dân phố thông báo tổ chức hội nghị cộng đồng dân cư như sau:`);
      para(doc, `1. Thời gian: ngày ${formatIsoDateVi(n.meetingOn)}.`, { indent: 14 });
      para(doc, `2. Địa điểm: ${n.place}.`, { indent: 14 });
      para(doc, `3. Nội dung: ${title} (khoản ${m.item} Điều 15: ${rule.label.toLowerCase()}). ${m.content}`, { indent: 14 });
      para(doc, `4. Thành phần: đại diện các hộ gia đình (mỗi hộ một người đại diện).`, { indent: 14 });
      if (n.documentsOn) para(doc, `Tài liệu liên quan đã được gửi đến từng hộ gia đình ngày ${formatIsoDateVi(n.documentsOn)}.`, { indent: 14 });
      doc.moveDown(0.3);
      para(doc, `Thông báo ngày ${formatIsoDateVi(n.noticeOn)} (trước ngày họp ít nhất 02 ngày). Đề nghị đại diện các hộ gia đình tham dự đầy đủ, đúng giờ.`, { italic: true });
      signatures(doc, [{ title: '' }, { title: 'TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ' }]);
    });
  } else if (kind === 'mau-02') {
    need(m.forms.includes('meeting'));
    const meetings = await ctx.db.select().from(grassrootsMeetings).where(eq(grassrootsMeetings.matterId, m.id)).orderBy(grassrootsMeetings.heldOn);
    need(meetings.length > 0);
    const wn = await names(meetings.flatMap((x) => x.witnesses));
    const procRows = await ctx.db.select().from(grassrootsMeetingProcedure).where(inArray(grassrootsMeetingProcedure.meetingId, meetings.map((x) => x.id)));
    const procedures = new Map(procRows.map((p) => [p.meetingId, p]));
    heading(doc, issuer, 'Mẫu số 02 — Nghị định 59/2023/NĐ-CP', 'BIÊN BẢN KIỂM PHIẾU', 'Biểu quyết tại hội nghị cộng đồng dân cư');
    para(doc, `Nội dung biểu quyết: ${title} (khoản ${m.item} Điều 15 Luật Thực hiện dân chủ ở cơ sở: ${rule.label.toLowerCase()}).`);
    para(doc, `Địa điểm: ${place}.`);
    doc.moveDown(0.5);
    for (const x of meetings) {
      para(doc, `Hội nghị ngày ${formatIsoDateVi(x.heldOn)}${x.cluster ? ` — ${x.cluster}` : ''} (${x.secret ? 'bỏ phiếu kín' : 'biểu quyết giơ tay'}):`, { bold: true });
      para(doc, `Tổng số hộ gia đình trong danh sách: ${formatCount(result.households)}; số đại diện hộ gia đình dự họp: ${formatCount(x.attended)}; số phiếu phát ra: ${formatCount(x.attended)}; số phiếu thu về: ${formatCount(x.agree + x.disagree + x.other)}.`, { indent: 14 });
      para(doc, `Đồng ý: ${formatCount(x.agree)} (${pct(x.agree, result.households)} tổng số hộ); Không đồng ý: ${formatCount(x.disagree)}; Ý kiến khác: ${formatCount(x.other)}.`, { indent: 14 });
      const proc = procedures.get(x.id);
      if (proc?.countingBoard.length) para(doc, `Ban kiểm phiếu: ${proc.countingBoard.join(', ')}.`, { indent: 14 });
      for (const p of proc?.procedural ?? []) para(doc, `Biểu quyết thủ tục «${p.subject}»: ${formatCount(p.agree)}/${formatCount(x.attended)} hộ dự họp tán thành — ${p.passed ? 'thông qua' : 'không thông qua'} (cần trên 50% số hộ dự họp).`, { indent: 14 });
      if (x.witnesses.length) para(doc, `Đại diện hộ gia đình chứng kiến việc kiểm phiếu: ${x.witnesses.map((w) => `${wn.get(w) ?? ''} (hộ ${w})`).join('; ')}.`, { indent: 14 });
      doc.moveDown(0.4);
    }
    para(doc, `Kết quả chung: ${result.explanation}. ${result.passed ? 'Nội dung được THÔNG QUA.' : 'Nội dung KHÔNG được thông qua.'}`, { bold: true });
    para(doc, 'Biên bản lập thành 03 bản: gửi Ủy ban nhân dân cấp xã, Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã và lưu tại thôn, tổ dân phố.', { italic: true });
    const w = meetings[0]!.witnesses;
    signatures(doc, [{ title: 'TRƯỞNG BAN KIỂM PHIẾU' }, { title: 'THƯ KÝ' }]);
    signatures(doc, [0, 1].map((i) => ({ title: 'ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN', name: w[i] ? `${wn.get(w[i]) ?? ''} (hộ ${w[i]})` : undefined })));
  } else if (kind === 'mau-03') {
    need(m.forms.includes('online'));
    const voters = byForm('online');
    const vn = await names(voters.map((v) => v.household));
    const online = await ctx.db.select({ at: grassrootsVotes.recordedAt, choice: grassrootsVotes.choice, code: grassrootsHouseholds.code }).from(grassrootsVotes).innerJoin(grassrootsHouseholds, eq(grassrootsHouseholds.id, grassrootsVotes.householdId)).where(and(eq(grassrootsVotes.matterId, m.id), eq(grassrootsVotes.form, 'online')));
    const at = new Map(online.map((o) => [o.code, o.at]));
    const count = (c: string) => voters.filter((v) => v.choice === c).length;
    heading(doc, issuer, 'Mẫu số 03 — Nghị định 59/2023/NĐ-CP', 'BIÊN BẢN KẾT QUẢ BIỂU QUYẾT TRỰC TUYẾN', 'của cộng đồng dân cư');
    para(doc, `Nội dung biểu quyết: ${title}.`);
    para(doc, `Địa điểm: ${place}. Hình thức: biểu quyết trực tuyến trên DânVận (mã biểu quyết của từng hộ gia đình).`);
    para(doc, `Thời gian bắt đầu: ${m.openedAt ? `${m.openedAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}` : '—'}; thời gian kết thúc: ${m.closedOn ? formatIsoDateVi(m.closedOn) : 'đang biểu quyết'}.`);
    para(doc, `Tổng số hộ gia đình: ${formatCount(result.households)}; số hộ tham gia biểu quyết trực tuyến: ${formatCount(voters.length)}.`);
    para(doc, `Đồng ý: ${formatCount(count('agree'))} (${pct(count('agree'), result.households)}); Không đồng ý: ${formatCount(count('disagree'))}; Ý kiến khác: ${formatCount(count('other'))}.`, { bold: true });
    doc.moveDown(0.5);
    para(doc, 'Danh sách đại diện hộ gia đình đã biểu quyết:', { bold: true });
    doc.moveDown(0.3);
    table(
      doc,
      [
        { title: 'STT', width: 36, align: 'center' },
        { title: 'Mã hộ', width: 60 },
        { title: 'Họ tên đại diện hộ', width: 190 },
        { title: 'Thời điểm', width: 120 },
        { title: 'Biểu quyết', width: 79 },
      ],
      voters.map((v, i) => [String(i + 1), v.household, vn.get(v.household) ?? '', at.get(v.household)?.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) ?? '', CHOICE_LABELS[v.choice as 'agree'] ?? '']),
    );
    para(doc, `Kết quả chung: ${result.explanation}.`);
    signatures(doc, [{ title: 'TRƯỞNG BAN CÔNG TÁC MẶT TRẬN' }, { title: 'TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ' }]);
  } else if (kind === 'mau-04') {
    need(m.forms.includes('paper'));
    const papers = byForm('paper');
    const count = (c: string) => papers.filter((v) => v.choice === c).length;
    heading(doc, issuer, 'Mẫu số 04 — Nghị định 59/2023/NĐ-CP', 'BIÊN BẢN KIỂM PHIẾU', 'Lấy ý kiến hộ gia đình bằng phiếu');
    para(doc, `Nội dung lấy ý kiến: ${title} (khoản ${m.item} Điều 15).`);
    para(doc, `Địa điểm: ${place}.`);
    para(doc, `Số phiếu phát ra: ${formatCount(result.households)} (mỗi hộ gia đình một phiếu); số phiếu thu về hợp lệ: ${formatCount(papers.length)}.`);
    para(doc, `Đồng ý: ${formatCount(count('agree'))} (${pct(count('agree'), result.households)} tổng số hộ); Không đồng ý: ${formatCount(count('disagree'))}; Ý kiến khác: ${formatCount(count('other'))}.`, { bold: true });
    if (result.communeWide) {
      doc.moveDown(0.4);
      table(
        doc,
        [
          { title: 'Thôn, tổ dân phố', width: 160 },
          { title: 'Số hộ', width: 60, align: 'right' },
          { title: 'Đồng ý', width: 60, align: 'right' },
          { title: 'Cần', width: 60, align: 'right' },
          { title: 'Kết quả', width: 145 },
        ],
        result.villages.map((v) => [communities[v.communityId]?.name ?? '', formatCount(v.households), formatCount(v.agree), formatCount(v.needed), v.passed ? 'Tán thành' : 'Không tán thành']),
      );
    }
    para(doc, `Kết quả chung: ${result.explanation}. ${result.passed ? 'Nội dung được THÔNG QUA.' : 'Nội dung KHÔNG được thông qua.'}`, { bold: true });
    const leader = (await votePlans(ctx.db, m.id)).find((p) => p.form === 'paper')?.team.find((t) => t.leader)?.name;
    signatures(doc, [{ title: 'TỔ TRƯỞNG TỔ PHÁT PHIẾU', name: leader }, { title: 'ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN' }, { title: 'ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN' }]);
  } else if (kind === 'quyet-dinh') {
    need(m.result !== null && m.closedOn !== null);
    const r = m.result as MatterResult;
    const sig = m.signatories as { villageHead: string; frontHead: string; households: string[] } | null;
    const hn = await names(sig?.households ?? []);
    heading(doc, issuer, null, 'VĂN BẢN', `Quyết định của cộng đồng dân cư ${community ? community.name : commune.unitName}`);
    para(doc, `Thời gian: kết thúc biểu quyết ngày ${formatIsoDateVi(m.closedOn!)}. Địa điểm: ${place}.`);
    para(doc, `Tổng số hộ gia đình: ${formatCount(r.households)}; số đại diện hộ gia đình tham gia: ${formatCount(r.participated)}; số hộ gia đình vắng mặt (không tham gia): ${formatCount(r.absent)}.`);
    para(doc, `Nội dung: ${title}. ${m.content}`);
    para(doc, `Hình thức: ${(Object.keys(r.byForm) as VoteForm[]).filter((f) => r.byForm[f] > 0).map((f) => `${FORM_LABELS[f].toLowerCase()} (${formatCount(r.byForm[f])} hộ)`).join('; ') || '—'}.`);
    para(doc, `Kết quả: đồng ý ${formatCount(r.agree)} (${pct(r.agree, r.households)} tổng số hộ gia đình); không đồng ý ${formatCount(r.disagree)}; ý kiến khác ${formatCount(r.other)} — ${r.explanation}.`);
    doc.moveDown(0.3);
    para(doc, `Quyết định: ${r.passed ? `Cộng đồng dân cư THÔNG QUA nội dung trên (${rule.citation}).` : 'Nội dung trên KHÔNG được cộng đồng dân cư thông qua.'}`, { bold: true });
    if (rule.recognizedBy) para(doc, `Quyết định có hiệu lực kể từ ngày được ${rule.recognizedBy === 'mttq-xa' ? 'Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã' : 'Ủy ban nhân dân cấp xã'} công nhận.`, { italic: true });
    para(doc, `Văn bản gửi Ủy ban nhân dân cấp xã, Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã trong thời hạn 05 ngày làm việc${m.sendDueOn ? ` (hạn ${formatIsoDateVi(m.sendDueOn)})` : ''}.`, { italic: true });
    signatures(doc, [
      { title: 'TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ', name: sig?.villageHead },
      { title: 'TRƯỞNG BAN CÔNG TÁC MẶT TRẬN', name: sig?.frontHead },
    ]);
    signatures(doc, (sig?.households ?? ['', '']).map((h) => ({ title: 'ĐẠI DIỆN HỘ GIA ĐÌNH', name: h ? `${hn.get(h) ?? ''} (hộ ${h})` : undefined })));
  } else {
    need(m.forms.includes('paper'));
    const plan = (await votePlans(ctx.db, m.id)).find((p) => p.form === 'paper');
    const returnBy = plan?.endsOn ?? m.closesOn;
    const roll = await ctx.db
      .select({ code: grassrootsHouseholds.code, box: grassrootsHouseholds.representative })
      .from(grassrootsHouseholds)
      .innerJoin(grassrootsRoll, and(eq(grassrootsRoll.householdId, grassrootsHouseholds.id), eq(grassrootsRoll.matterId, m.id)))
      .orderBy(grassrootsHouseholds.code);
    roll.forEach((h, i) => {
      if (i > 0) doc.addPage();
      const name = (JSON.parse(ctx.sealer.open(h.box)) as { name: string }).name;
      heading(doc, m.communityId ? issuer : [`Ủy ban nhân dân`, commune.unitName, '(đóng dấu)'], null, 'PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH', title);
      para(doc, `Hộ gia đình: ${h.code} — đại diện hộ: ${name}.`);
      para(doc, `Nội dung lấy ý kiến: ${m.content}`);
      doc.moveDown(0.5);
      para(doc, 'Đánh dấu (X) vào một ô:', { italic: true });
      for (const c of ['Đồng ý', 'Không đồng ý', 'Ý kiến khác (ghi rõ):']) {
        const y = doc.y + 4;
        doc.rect(doc.page.margins.left + 14, y, 12, 12).lineWidth(0.8).stroke('#000000');
        doc.font('regular').fontSize(11).text(c, doc.page.margins.left + 34, y, { width: W(doc) - 34 });
        doc.moveDown(0.6);
      }
      doc.moveDown(1);
      doc.font('regular').fontSize(11).text('.'.repeat(120), { width: W(doc) });
      doc.moveDown(0.5);
      para(doc, `Hạn nộp phiếu: ${returnBy ? formatIsoDateVi(returnBy) : '…/…/……'}.`, { bold: true });
      signatures(doc, [{ title: 'ĐẠI DIỆN HỘ GIA ĐÌNH' }, { title: m.communityId ? 'TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ' : 'TM. ỦY BAN NHÂN DÂN' }]);
    });
  }
  doc.page.margins.bottom = 0; // the stamp sits in the margin: no page break for it
  doc.font('italic').fontSize(8).fillColor('#666666').text(stamp, doc.page.margins.left, doc.page.height - doc.page.margins.bottom - 10, { width: W(doc), align: 'right', lineBreak: false });
  doc.end();
  return { pdf: await done, fileName: `${kind}-${m.id.slice(0, 8)}.pdf` };
}
