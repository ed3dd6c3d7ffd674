/**
 * exportSynthesisReport: the synthesis report (báo cáo tổng hợp, tiếp thu, giải trình; b8) as DOCX (the docx
 * library) or PDF (pdfkit with DejaVu Sans, as the period reports), and the tally as XLSX or CSV (aggregates only:
 * no respondent appears). Sections: I. how the consultation was run (period, channels, conferences, invitations,
 * participants; replaced and spoken-only opinions named as not counted), II. results per section, III. each theme
 * with its outcome and explanation, departures from the majority flagged.
 */
import { createRequire } from 'node:module';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { asc, eq, sql } from 'drizzle-orm';
import { AGE_BANDS, AGE_BAND_LABELS, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, STANCE_LABELS, THEME_OUTCOME_LABELS, type Category, type Channel, type Stance, type ThemeOutcome } from '@danvan/domain/consultation/rules';
import { formatCount, formatIsoDateVi, formatPercent, isoDateInVietnam } from '@danvan/domain/text';
import type { DbOrTx } from '../../db/client.ts';
import { consultationSections, consultationThemeOpinions, consultationThemes } from '../../db/schema.ts';
import { periodText, type ConsultationRow } from './queries.ts';
import type { Tally } from './tally.ts';

export const SYNTHESIS_FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const;
export type SynthesisFormat = (typeof SYNTHESIS_FORMATS)[number];

export interface ThemeLine {
  section: string;
  title: string;
  opinions: number;
  outcome: string | null;
  outcomeLabel: string;
  explanation: string | null;
  departs: boolean;
}

export async function themeLines(db: DbOrTx, consultationId: string): Promise<ThemeLine[]> {
  const rows = await db
    .select({ t: consultationThemes, key: consultationSections.key, n: sql<number>`(select count(*) from ${consultationThemeOpinions} o where o.theme_id = ${consultationThemes.id})` })
    .from(consultationThemes)
    .innerJoin(consultationSections, eq(consultationSections.id, consultationThemes.sectionId))
    .where(eq(consultationThemes.consultationId, consultationId))
    .orderBy(asc(consultationSections.ord), asc(consultationThemes.createdAt));
  return rows.map(({ t, key, n }) => ({
    section: key,
    title: t.title,
    opinions: Number(n),
    outcome: t.outcome,
    outcomeLabel: t.outcome ? THEME_OUTCOME_LABELS[t.outcome as ThemeOutcome] : 'Chưa có ý kiến tiếp thu, giải trình',
    explanation: t.explanation,
    departs: Boolean(t.departsFromMajority),
  }));
}

export interface SynthesisInput {
  c: ConsultationRow;
  agencyName: string;
  tally: Tally;
  themes: ThemeLine[];
  now: Date;
}

const pct = (n: number, d: number) => (d ? formatPercent(n / d) : '—');

function overview(x: SynthesisInput): string[] {
  const t = x.tally;
  const answered = t.invitations.filter((i) => i.answeredOn).length;
  return [
    `Thời gian lấy ý kiến: ${periodText(x.c)}. Đối tượng: ${x.c.audience}.`,
    `Số người tham gia góp ý (mỗi người, cơ quan tính một lần): ${formatCount(t.participants)}. Tổng số ý kiến được tính theo từng điều, khoản: ${formatCount(t.counted)}.`,
    `Theo kênh: ${CHANNELS.map((ch) => `${CHANNEL_LABELS[ch]} ${formatCount(t.byChannel[ch] ?? 0)}`).join('; ')}.`,
    `Hội nghị, tọa đàm: ${formatCount(t.conferences.count)} hội nghị, ${formatCount(t.conferences.attendees)} lượt người dự.`,
    `Cơ quan được mời góp ý bằng văn bản: ${formatCount(t.invitations.length)}, đã trả lời ${formatCount(answered)}.`,
    `Không tính: ${formatCount(t.replaced)} ý kiến đã được thay bằng ý kiến sau của cùng người về cùng điều, khoản; ${formatCount(t.spokenOnly)} ý kiến chỉ phát biểu tại hội nghị, không thể hiện bằng văn bản.`,
  ];
}

function sectionRows(t: Tally): string[][] {
  return t.sections
    .filter((s) => s.current && (s.kind === 'whole' || s.kind === 'dieu' || s.total > 0))
    .map((s) => [s.key, formatCount(s.total), formatCount(s.byStance.approve), formatCount(s.byStance.disapprove), formatCount(s.byStance.partly), pct(s.byStance.approve, s.total)]);
}
const SECTION_HEAD = ['Điều, khoản', 'Số ý kiến', 'Tán thành', 'Không tán thành', 'Đồng ý một phần', 'Tỷ lệ tán thành'];

function signDate(now: Date): string {
  const [y, m, d] = isoDateInVietnam(now).split('-');
  return `Ngày ${d} tháng ${m} năm ${y}`;
}

export async function exportSynthesis(x: SynthesisInput, format: SynthesisFormat): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const base = `bao-cao-tong-hop-gop-y-${x.c.id.slice(0, 8)}`;
  switch (format) {
    case 'docx':
      return { body: await docxReport(x), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: `${base}.docx` };
    case 'pdf':
      return { body: await pdfReport(x), contentType: 'application/pdf', filename: `${base}.pdf` };
    case 'xlsx':
      return { body: await xlsxTally(x), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${base}.xlsx` };
    case 'csv':
      return { body: Buffer.from(`\uFEFF${csvTally(x.tally)}`, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv` };
  }
}

// ── DOCX ──

async function docxReport(x: SynthesisInput): Promise<Buffer> {
  const p = (text: string, o: { bold?: boolean; italics?: boolean; center?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size ?? 26, font: 'Times New Roman' })] });
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 22, font: 'Times New Roman' })] })] });
  const table = (head: string[], rows: string[][]) =>
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))] });
  const themeRows = x.themes.map((t) => [t.section, t.title, formatCount(t.opinions), t.outcomeLabel + (t.departs ? ' (trái ý kiến đa số)' : ''), t.explanation ?? '']);
  const doc = new Document({
    creator: 'DânVận',
    title: `Báo cáo tổng hợp, tiếp thu, giải trình — ${x.c.title}`,
    sections: [
      {
        children: [
          p(x.agencyName.toUpperCase(), { bold: true, center: true, size: 24 }),
          p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true, size: 24 }),
          p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true, size: 24 }),
          p(signDate(x.now), { italics: true, center: true }),
          p('BÁO CÁO', { bold: true, center: true, size: 28 }),
          p(`Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với ${x.c.title}`, { bold: true, center: true }),
          p('I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN', { bold: true }),
          ...overview(x).map((l) => p(l)),
          p('II. KẾT QUẢ GÓP Ý THEO TỪNG ĐIỀU, KHOẢN', { bold: true }),
          table(SECTION_HEAD, sectionRows(x.tally)),
          p('III. TIẾP THU, GIẢI TRÌNH', { bold: true }),
          ...(themeRows.length ? [table(['Điều, khoản', 'Nhóm ý kiến', 'Số ý kiến', 'Kết quả', 'Giải trình'], themeRows)] : [p('Chưa có nhóm ý kiến nào.', { italics: true })]),
          p('Báo cáo được công khai trên Cổng thông tin ít nhất 30 ngày liên tục (Luật 10/2022/QH15 Điều 11, 13).', { italics: true, size: 20 }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ── PDF ──

const requireFont = createRequire(import.meta.url);
const FONT_REGULAR = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_ITALIC = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');

function pdfReport(x: SynthesisInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 50, right: 50 }, info: { Title: `Báo cáo tổng hợp — ${x.c.title}`, Author: 'DânVận', CreationDate: x.now } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (ch: Buffer) => chunks.push(ch));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const top = doc.y;
  doc.font('bold').fontSize(9).text(x.agencyName.toUpperCase(), left, top, { width: width * 0.42, align: 'center' });
  doc.font('bold').fontSize(9).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.42, top, { width: width * 0.58, align: 'center' });
  doc.font('bold').fontSize(9).text('Độc lập - Tự do - Hạnh phúc', left + width * 0.42, doc.y, { width: width * 0.58, align: 'center', underline: true });
  doc.font('italic').fontSize(9).text(signDate(x.now), left + width * 0.42, doc.y + 4, { width: width * 0.58, align: 'center' });
  doc.moveDown(1.5);
  doc.font('bold').fontSize(13).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(11).text(`Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với ${x.c.title}`, { width, align: 'center' });
  doc.moveDown();
  doc.font('bold').fontSize(11).text('I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN', left, doc.y, { width });
  for (const l of overview(x)) doc.font('regular').fontSize(10).text(l, { width, align: 'justify', lineGap: 2 });
  doc.moveDown();
  doc.font('bold').fontSize(11).text('II. KẾT QUẢ GÓP Ý THEO TỪNG ĐIỀU, KHOẢN', left, doc.y, { width });
  const widths = [0.22, 0.14, 0.14, 0.17, 0.17, 0.16].map((w) => w * width);
  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y + 2;
    let xx = left;
    let h = 0;
    cells.forEach((v, i) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
      const w = widths[i]!;
      h = Math.max(h, doc.heightOfString(v, { width: w - 4 }));
      doc.text(v, xx + 2, y, { width: w - 4, align: i === 0 ? 'left' : 'right' });
      xx += w;
    });
    doc.y = y + h + 2;
    doc.x = left;
  };
  row(SECTION_HEAD, true);
  for (const r of sectionRows(x.tally)) row(r, false);
  doc.moveDown();
  doc.font('bold').fontSize(11).text('III. TIẾP THU, GIẢI TRÌNH', left, doc.y, { width });
  if (!x.themes.length) doc.font('italic').fontSize(10).text('Chưa có nhóm ý kiến nào.', { width });
  x.themes.forEach((t, i) => {
    doc.font('bold').fontSize(10).text(`${i + 1}. ${t.section} — ${t.title} (${formatCount(t.opinions)} ý kiến)`, left, doc.y, { width });
    doc.font('regular').fontSize(10).text(`Kết quả: ${t.outcomeLabel}${t.departs ? ' (trái ý kiến đa số)' : ''}`, { width });
    if (t.explanation) doc.font('regular').fontSize(10).text(`Giải trình: ${t.explanation}`, { width, align: 'justify' });
    doc.moveDown(0.5);
  });
  doc.moveDown();
  doc.font('italic').fontSize(8).fillColor('#444444').text(`Lập bằng DânVận ngày ${formatIsoDateVi(isoDateInVietnam(x.now))}. Số liệu theo từng điều, khoản; mỗi người (cơ quan) được tính một lần cho mỗi điều, khoản, ý kiến sau thay ý kiến trước.`, left, doc.y, { width });
  doc.end();
  return done;
}

// ── XLSX / CSV (aggregates only) ──

function tallyLines(t: Tally): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const s of t.sections) {
    const v = s.current ? 'hiện hành' : `phiên bản ${s.firstVersion}–${s.lastVersion}`;
    for (const st of Object.keys(s.byStance) as Stance[]) out.push([s.key, v, 'stance', st, STANCE_LABELS[st], s.byStance[st]]);
    for (const ch of CHANNELS) out.push([s.key, v, 'channel', ch, CHANNEL_LABELS[ch as Channel], s.byChannel[ch] ?? 0]);
    for (const [cat, n] of Object.entries(s.byCategory)) if (n) out.push([s.key, v, 'category', cat, CATEGORY_LABELS[cat as Category] ?? cat, n]);
    for (const a of AGE_BANDS) if (s.byAgeBand[a]) out.push([s.key, v, 'ageBand', a, AGE_BAND_LABELS[a], s.byAgeBand[a]!]);
    for (const p of s.byProvince) {
      out.push([s.key, v, 'province', p.code, p.name, p.n]);
      for (const m of p.communes) out.push([s.key, v, 'commune', m.code, m.name, m.n]);
    }
    out.push([s.key, v, 'replaced', '', 'Ý kiến đã được thay thế (không tính)', s.replaced]);
  }
  return out;
}
const TALLY_HEAD = ['section', 'version', 'dimension', 'value', 'label', 'count'];

function csvTally(t: Tally): string {
  const esc = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [TALLY_HEAD, ...tallyLines(t)].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

async function xlsxTally(x: SynthesisInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DânVận';
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow(['Điều, khoản', 'Số ý kiến', 'Tán thành', 'Không tán thành', 'Đồng ý một phần', ...CHANNELS.map((c) => CHANNEL_LABELS[c]), 'Đã thay thế (không tính)']);
  summary.getRow(1).font = { bold: true };
  for (const s of x.tally.sections) {
    summary.addRow([s.current ? s.key : `${s.key} (phiên bản ${s.firstVersion}–${s.lastVersion})`, s.total, s.byStance.approve, s.byStance.disapprove, s.byStance.partly, ...CHANNELS.map((c) => s.byChannel[c] ?? 0), s.replaced]);
  }
  summary.addRow([]);
  summary.addRow(['Người tham gia', x.tally.participants]);
  summary.addRow(['Ý kiến chỉ phát biểu (không tính)', x.tally.spokenOnly]);
  const detail = wb.addWorksheet('Chi tiết');
  detail.addRow(TALLY_HEAD);
  for (const l of tallyLines(x.tally)) detail.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
