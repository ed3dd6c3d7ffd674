/**
 * exportPeriodReport: the period report as a file.
 *  - xlsx: one sheet per form (01/TCD, 02/XLD, 03/GQKN, 04/GQTC) in the layout of the official forms — units as
 *    rows (the agency's direct units, its own records, the total), the indicators as numbered columns under their
 *    group headings — plus a sheet with the narrative;
 *  - pdf: the narrative report with its tables (DejaVu Sans, which has every Vietnamese glyph);
 *  - csv / json: open data of aggregates only (SPEC §4.10; STYLE.md presenters): unit codes and names, indicator
 *    keys, labels and values — never a row of a record, so no personal data can appear.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { FORMS, indicatorDef, type Figures } from '@danvan/domain/reports';
import { formatCount, formatIsoDateVi, formatPercent, isoDateInVietnam } from '@danvan/domain/text';
import type { PeriodReport } from './period-report.ts';
import { coverageNote, type NotCovered } from '../federation/coverage.ts';

import type { ReportSection } from './sections.ts';
export const EXPORT_FORMATS = ['xlsx', 'pdf', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

interface Unit {
  code: string;
  name: string;
  level: string;
  /** total = the whole subtree; own = the agency's own records; unit = a direct unit's subtree. */
  scope: 'total' | 'own' | 'unit';
  figures: Figures;
}

function unitsOf(r: PeriodReport): Unit[] {
  return [
    ...r.rollup.children.map((c) => ({ code: c.agency.code, name: c.agency.name, level: c.agency.level, scope: 'unit' as const, figures: c.figures })),
    { code: r.agency.code, name: `${r.agency.name} (trực tiếp)`, level: r.agency.level, scope: 'own', figures: r.rollup.own },
    { code: r.agency.code, name: 'Tổng cộng', level: r.agency.level, scope: 'total', figures: r.indicators },
  ];
}

/** "Ngày 15 tháng 07 năm 2026" (the place line of an official form, without the place). */
function signDate(now: Date): string {
  const [y, m, d] = isoDateInVietnam(now).split('-');
  return `Ngày ${d} tháng ${m} năm ${y}`;
}

const rangeText = (r: PeriodReport) => `từ ngày ${formatIsoDateVi(r.from)} đến ngày ${formatIsoDateVi(r.to)}`;
const periodText = (r: PeriodReport) => (r.period ? `${r.periodLabel} (số liệu tính ${rangeText(r)})` : `Số liệu tính ${rangeText(r)}`);

/** The report as exported: with the parts on other DânVận instances it leaves out (federation/coverage.ts), if any. */
type ExportedReport = PeriodReport & { notCovered?: NotCovered[] };

export async function exportPeriodReport(r: ExportedReport, format: ExportFormat, now: Date, sections: ReportSection[] = []): Promise<ExportFile> {
  const base = `bao-cao-${r.agency.code}-${r.from}-${r.to}`;
  switch (format) {
    case 'json':
      return { body: Buffer.from(JSON.stringify({ ...openData(r, now), ...(sections.length ? { sections } : {}) }, null, 2), 'utf8'), contentType: 'application/json; charset=utf-8', filename: `${base}.json` };
    case 'csv':
      return { body: Buffer.from(`\uFEFF${openDataCsv(r)}${sectionsCsv(r, sections)}`, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv` };
    case 'xlsx':
      return { body: await workbook(r, now, sections), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${base}.xlsx` };
    case 'pdf':
      return { body: await pdf(r, now, sections), contentType: 'application/pdf', filename: `${base}.pdf` };
  }
}

// ── Open data (aggregates only) ──────────────────────────────────────────────────────────────────────────────

export function openData(r: ExportedReport, now: Date) {
  return {
    dataset: 'Số liệu tổng hợp tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo (TT 06/2025/TT-TTCP)',
    note: 'Chỉ gồm số liệu tổng hợp theo đơn vị; không chứa dữ liệu cá nhân.',
    generatedAt: now.toISOString(),
    agency: { code: r.agency.code, name: r.agency.name, level: r.agency.level },
    period: r.period,
    periodLabel: r.periodLabel,
    from: r.from,
    to: r.to,
    cutoffStartDay: r.cutoff.startDay,
    settlementRate: r.resolutionRate,
    summary: r.summary,
    comparison: r.comparison,
    indicators: FORMS.flatMap((f) => f.groups.flatMap((g) => g.keys.map((k) => ({ key: k, form: f.code, group: g.title, label: indicatorDef(k)?.label ?? k })))),
    units: unitsOf(r).map((u) => ({ code: u.code, name: u.name, level: u.level, scope: u.scope, values: u.figures })),
    dialogues: { ...r.dialogues, sentence: r.dialogueSentence },
    notCovered: r.notCovered ?? [],
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of the contributed sections in the open-data CSV's columns (`bieu` = the section's key). */
function sectionsCsv(r: PeriodReport, sections: ReportSection[]): string {
  const lines = sections.flatMap((sec) =>
    sec.rows.flatMap((row) => sec.columns.map((c) => [row.code, row.name, '', row.code === r.agency.code ? 'toan-bo' : 'don-vi-truc-thuoc', r.from, r.to, sec.key, c.key, c.label, row.values[c.key] ?? 0].map(csvCell).join(','))),
  );
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

export function openDataCsv(r: PeriodReport): string {
  const header = ['ma_don_vi', 'ten_don_vi', 'cap', 'pham_vi', 'tu_ngay', 'den_ngay', 'bieu', 'ma_chi_tieu', 'ten_chi_tieu', 'gia_tri'];
  const lines = [header.join(',')];
  const scopeVi = { total: 'toan-bo', own: 'truc-tiep', unit: 'don-vi-truc-thuoc' } as const;
  for (const u of unitsOf(r)) {
    for (const f of FORMS) {
      for (const g of f.groups) {
        for (const k of g.keys) {
          lines.push([u.code, u.scope === 'total' ? r.agency.name : u.name, u.level, scopeVi[u.scope], r.from, r.to, f.code, k, indicatorDef(k)?.label ?? k, u.figures[k] ?? 0].map(csvCell).join(','));
        }
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ── XLSX, one sheet per form ──────────────────────────────────────────────────────────────────────────────────

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

async function workbook(r: ExportedReport, now: Date, sections: ReportSection[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DânVận';
  wb.created = now;
  const units = unitsOf(r);
  for (const form of FORMS) {
    const keys = form.groups.flatMap((g) => g.keys);
    const ws = wb.addWorksheet(form.code.replace('/', '-'), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const lastCol = 2 + keys.length;
    ws.getColumn(1).width = 6;
    ws.getColumn(2).width = 42;
    for (let i = 3; i <= lastCol; i++) ws.getColumn(i).width = 13;

    ws.getCell(1, 1).value = r.agency.name.toUpperCase();
    ws.getCell(1, 1).font = { bold: true };
    ws.mergeCells(1, 1, 1, Math.max(2, lastCol - 3));
    ws.getCell(1, lastCol - 1).value = `Biểu số ${form.code}`;
    ws.getCell(1, lastCol - 1).font = { bold: true };
    ws.getCell(2, lastCol - 1).value = 'Thông tư 06/2025/TT-TTCP';
    ws.getCell(2, lastCol - 1).font = { italic: true, size: 9 };
    ws.mergeCells(4, 1, 4, lastCol);
    ws.getCell(4, 1).value = form.title;
    ws.getCell(4, 1).font = { bold: true, size: 14 };
    ws.getCell(4, 1).alignment = { horizontal: 'center' };
    ws.mergeCells(5, 1, 5, lastCol);
    ws.getCell(5, 1).value = `Kỳ báo cáo: ${periodText(r)}`;
    ws.getCell(5, 1).alignment = { horizontal: 'center' };
    ws.getCell(5, 1).font = { italic: true };
    const gapNote = coverageNote(r.notCovered);
    if (gapNote) {
      ws.mergeCells(6, 1, 6, lastCol);
      ws.getCell(6, 1).value = gapNote;
      ws.getCell(6, 1).font = { italic: true, color: { argb: 'FFCF1322' } };
      ws.getCell(6, 1).alignment = { horizontal: 'center', wrapText: true };
    }

    // Header: group titles (row 7), column labels (row 8), column numbers (row 9).
    const H1 = 7;
    const H2 = 8;
    const NUM = 9;
    ws.mergeCells(H1, 1, H2, 1);
    ws.getCell(H1, 1).value = 'STT';
    ws.mergeCells(H1, 2, H2, 2);
    ws.getCell(H1, 2).value = 'Đơn vị';
    let col = 3;
    for (const g of form.groups) {
      if (g.keys.length > 1) ws.mergeCells(H1, col, H1, col + g.keys.length - 1);
      ws.getCell(H1, col).value = g.title;
      for (const k of g.keys) {
        ws.getCell(H2, col).value = indicatorDef(k)?.label ?? k;
        col++;
      }
    }
    ws.getCell(NUM, 1).value = '(A)';
    ws.getCell(NUM, 2).value = '(B)';
    keys.forEach((_, i) => (ws.getCell(NUM, 3 + i).value = `(${i + 1})`));
    for (const row of [H1, H2, NUM]) {
      for (let c = 1; c <= lastCol; c++) {
        const cell = ws.getCell(row, c);
        cell.font = { bold: row !== NUM, italic: row === NUM, size: row === NUM ? 9 : 10 };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = border;
        if (row !== NUM) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      }
    }
    ws.getRow(H2).height = 60;

    let rowNo = NUM + 1;
    units.forEach((u, i) => {
      const total = u.scope === 'total';
      ws.getCell(rowNo, 1).value = total ? '' : i + 1;
      ws.getCell(rowNo, 2).value = u.name;
      keys.forEach((k, j) => (ws.getCell(rowNo, 3 + j).value = u.figures[k] ?? 0));
      for (let c = 1; c <= lastCol; c++) {
        const cell = ws.getCell(rowNo, c);
        cell.border = border;
        if (total) cell.font = { bold: true };
        if (c >= 3) cell.numFmt = '#,##0';
      }
      rowNo++;
    });
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: NUM }];

    const sign = rowNo + 2;
    ws.mergeCells(sign, lastCol - 3 > 2 ? lastCol - 3 : 3, sign, lastCol);
    ws.getCell(sign, lastCol - 3 > 2 ? lastCol - 3 : 3).value = signDate(now);
    ws.getCell(sign + 1, 2).value = 'NGƯỜI LẬP BIỂU';
    ws.getCell(sign + 1, 2).font = { bold: true };
    ws.getCell(sign + 1, lastCol - 2).value = 'THỦ TRƯỞNG CƠ QUAN';
    ws.getCell(sign + 1, lastCol - 2).font = { bold: true };
  }
  const ns = wb.addWorksheet('Tóm tắt');
  ns.getColumn(1).width = 120;
  ns.getCell(1, 1).value = `${r.agency.name.toUpperCase()} — ${r.periodLabel}`;
  ns.getCell(1, 1).font = { bold: true, size: 13 };
  ns.getCell(3, 1).value = r.summary;
  ns.getCell(4, 1).value = r.comparison;
  if (r.dialogueSentence) ns.getCell(5, 1).value = r.dialogueSentence;
  for (const row of [3, 4, 5]) ns.getCell(row, 1).alignment = { wrapText: true, vertical: 'top' };
  ns.getRow(3).height = 48;
  ns.getRow(4).height = 48;
  for (const sec of sections) {
    const ws = wb.addWorksheet(sec.title.slice(0, 31));
    ws.addRow([sec.title]).font = { bold: true };
    ws.addRow(['Mã', 'Đơn vị', ...sec.columns.map((c) => c.label)]).font = { bold: true };
    for (const row of sec.rows) ws.addRow([row.code, row.name, ...sec.columns.map((c) => row.values[c.key] ?? 0)]);
    ws.getColumn(2).width = 40;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── PDF ───────────────────────────────────────────────────────────────────────────────────────────────────────

const requireFont = createRequire(import.meta.url);
const FONT_REGULAR = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_ITALIC = requireFont.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right' | 'center';
}

function pdf(r: ExportedReport, now: Date, sections: ReportSection[] = []): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 50, right: 50 }, info: { Title: `Báo cáo ${r.periodLabel} — ${r.agency.name}`, Author: 'DânVận', CreationDate: now } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // National motto and heading.
  const top = doc.y;
  doc.font('bold').fontSize(9).text(r.agency.name.toUpperCase(), left, top, { width: width * 0.42, align: 'center' });
  doc.font('bold').fontSize(9).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.42, top, { width: width * 0.58, align: 'center' });
  doc.font('bold').fontSize(9).text('Độc lập - Tự do - Hạnh phúc', left + width * 0.42, doc.y, { width: width * 0.58, align: 'center', underline: true });
  doc.moveDown(2);
  doc.font('bold').fontSize(13).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(11).text('Kết quả công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo', { width, align: 'center' });
  doc.font('italic').fontSize(10).text(`${r.periodLabel} (${rangeText(r)})`, { width, align: 'center' });
  const gapNote = coverageNote(r.notCovered);
  if (gapNote) doc.moveDown(0.3).font('italic').fontSize(9.5).fillColor('#cf1322').text(gapNote, { width, align: 'center' }).fillColor('black');
  doc.moveDown(1);
  doc.font('bold').fontSize(11).text('I. TÌNH HÌNH CHUNG', left);
  doc.moveDown(0.3);
  doc.font('regular').fontSize(10.5).text(r.summary, { width, align: 'justify', lineGap: 2 });
  doc.moveDown(0.4);
  doc.text(r.comparison, { width, align: 'justify', lineGap: 2 });
  if (r.dialogueSentence) {
    doc.moveDown(0.4);
    doc.text(r.dialogueSentence, { width, align: 'justify', lineGap: 2 });
  }
  doc.moveDown(0.8);

  /** A row is its cells, or `{ section }`: a bold line spanning the table (a group of the form). */
  type Row = string[] | { section: string };
  const table = (columns: Column[], rows: Row[], boldLast = false) => {
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const drawRow = (row: Row, opts: { header?: boolean; bold?: boolean }) => {
      const isSection = !Array.isArray(row);
      const cells = isSection ? [row.section] : row;
      const widths = isSection ? [total] : columns.map((c) => c.width);
      const font = () => doc.font(opts.header || opts.bold || isSection ? 'bold' : 'regular').fontSize(opts.header ? 8.5 : 9);
      font();
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
      // Keep a section line with the row after it.
      if (doc.y + h * (isSection ? 2 : 1) > bottom()) {
        doc.addPage();
        if (!opts.header) drawRow(columns.map((c) => c.title), { header: true });
        font();
      }
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        const w = widths[i]!;
        if (opts.header || isSection) doc.rect(x, y, w, h).fill(opts.header ? '#e8eef7' : '#f4f4f4').fillColor('black');
        doc.rect(x, y, w, h).lineWidth(0.5).stroke('#666666');
        doc.fillColor('black').text(c, x + pad, y + pad, { width: w - 2 * pad, align: opts.header ? 'center' : isSection ? 'left' : columns[i]!.align });
        x += w;
      });
      doc.x = left;
      doc.y = y + h;
    };
    drawRow(columns.map((c) => c.title), { header: true });
    rows.forEach((row, i) => drawRow(row, { bold: boldLast && i === rows.length - 1 }));
    doc.moveDown(0.8);
  };

  const heading = (text: string) => {
    if (doc.y + 90 > bottom()) doc.addPage();
    // A bookmark per part (the PDF's outline): a reader jumps to a form or to a contributed section.
    doc.outline.addItem(text);
    doc.font('bold').fontSize(11).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };

  const ROMAN = ['II', 'III', 'IV', 'V'];
  FORMS.forEach((form, i) => {
    heading(`${ROMAN[i]}. ${form.title.charAt(0)}${form.title.slice(1).toLowerCase()} (Biểu ${form.code})`);
    const rows: Row[] = [];
    for (const g of form.groups) {
      rows.push({ section: g.title });
      for (const k of g.keys) rows.push([indicatorDef(k)?.label ?? k, formatCount(r.indicators[k] ?? 0)]);
    }
    table(
      [
        { title: 'Chỉ tiêu', width: width * 0.78, align: 'left' },
        { title: 'Số liệu', width: width * 0.22, align: 'right' },
      ],
      rows,
    );
  });

  heading('VI. SỐ LIỆU THEO ĐƠN VỊ');
  const unitRows = unitsOf(r)
    .filter((u) => u.scope !== 'unit' || u.figures['tcd.visits'] || u.figures['xld.total'] || u.figures['gqkn.within'] || u.figures['gqtc.within'])
    .map((u) => {
      const within = (u.figures['gqkn.within'] ?? 0) + (u.figures['gqtc.within'] ?? 0);
      const resolved = (u.figures['gqkn.resolved'] ?? 0) + (u.figures['gqtc.resolved'] ?? 0);
      return [u.name, formatCount(u.figures['tcd.visits'] ?? 0), formatCount(u.figures['tcd.cases'] ?? 0), formatCount(u.figures['xld.total'] ?? 0), formatCount(within), formatCount(resolved), within ? formatPercent(resolved / within) : '—'];
    });
  table(
    [
      { title: 'Đơn vị', width: width * 0.34, align: 'left' },
      { title: 'Lượt tiếp', width: width * 0.11, align: 'right' },
      { title: 'Vụ việc được tiếp', width: width * 0.11, align: 'right' },
      { title: 'Đơn phải xử lý', width: width * 0.11, align: 'right' },
      { title: 'KN, TC thuộc thẩm quyền', width: width * 0.12, align: 'right' },
      { title: 'Đã giải quyết', width: width * 0.11, align: 'right' },
      { title: 'Tỷ lệ', width: width * 0.1, align: 'right' },
    ],
    unitRows,
    true,
  );
  // Sections contributed by other modules (reports/sections.ts: «Dân vận khéo», …): the scope, then its units.
  const MORE = ['VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  sections.forEach((sec, i) => {
    heading(`${MORE[i] ?? String(7 + i)}. ${sec.title.toUpperCase()}`);
    const unitWidth = width * 0.3;
    const colWidth = (width - unitWidth) / Math.max(1, sec.columns.length);
    table(
      [{ title: 'Đơn vị', width: unitWidth, align: 'left' as const }, ...sec.columns.map((c) => ({ title: c.label, width: colWidth, align: 'right' as const }))],
      sec.rows.map((row) => [row.name, ...sec.columns.map((c) => formatCount(row.values[c.key] ?? 0))]),
    );
  });
  doc.font('italic').fontSize(8).fillColor('#444444').text(`Lập bằng DânVận ngày ${formatIsoDateVi(isoDateInVietnam(now))}. Tỷ lệ giải quyết = số vụ đã giải quyết ÷ số vụ thuộc thẩm quyền (kỳ trước chuyển sang + thụ lý mới).`, left, doc.y, { width });
  doc.end();
  return done;
}
