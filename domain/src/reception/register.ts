/**
 * The reception register (sổ tiếp công dân, Mẫu 03/TCD) as a table of text cells: the 13 columns of
 * LEGAL.md in order, how a visit becomes a row, and how a row typed by a clerk in Excel is read back,
 * with one Vietnamese message per bad cell. Pure; the XLSX file itself is the server's business.
 */
import type { CaseKind } from '../workflow.ts';
import { cleanText, foldForSearch, formatIsoDateVi, isRealIsoDate } from '../text.ts';
import { inferIdType, normalizeIdNumber, refusalFromNote, refusalNote, type IdType, type RefusalGroundCode, type VisitOutcome } from './visits.ts';

export const REGISTER_FORM = 'Mẫu 03/TCD';
export const REGISTER_TITLE = 'SỔ TIẾP CÔNG DÂN';

/** Column keys and Vietnamese headers, in the order of the form. */
export const REGISTER_COLUMNS = [
  { key: 'no', header: 'STT' },
  { key: 'date', header: 'Ngày tiếp' },
  { key: 'nameAddress', header: 'Họ tên, địa chỉ' },
  { key: 'idNumber', header: 'Số CCCD/Hộ chiếu' },
  { key: 'content', header: 'Nội dung vụ việc' },
  { key: 'type', header: 'Phân loại (KN/TC/KN-PA)' },
  { key: 'people', header: 'Số người cùng nội dung' },
  { key: 'priorAgencies', header: 'Cơ quan đã giải quyết' },
  { key: 'withinJurisdiction', header: 'Thuộc thẩm quyền' },
  { key: 'guidance', header: 'Hướng dẫn (số văn bản)' },
  { key: 'transfer', header: 'Cơ quan tiếp nhận (số văn bản chuyển)' },
  { key: 'followUp', header: 'Theo dõi kết quả giải quyết' },
  { key: 'notes', header: 'Ghi chú' },
] as const;

export type RegisterColumnKey = (typeof REGISTER_COLUMNS)[number]['key'];
export type RegisterRow = Record<RegisterColumnKey, string>;

/** KN = khiếu nại, TC = tố cáo, KN-PA = kiến nghị, phản ánh. */
export const TYPE_CODES: Record<CaseKind, string> = { complaint: 'KN', denunciation: 'TC', feedback: 'KN-PA' };
const KIND_BY_CODE: Record<string, CaseKind> = { KN: 'complaint', TC: 'denunciation', 'KN-PA': 'feedback' };

export const YES = 'Có';
export const NO = 'Không';

/** Shown instead of a denouncer's name, address and number (Luật Tố cáo 2018 Art. 47(2)). */
export const SEALED_PLACEHOLDER = '[Đã bảo mật]';

/** What the register needs from one visit. */
export interface RegisterVisit {
  visitedOn: string;
  kind: CaseKind;
  citizenName: string | null;
  citizenAddress: string | null;
  citizenIdNumber: string | null;
  content: string;
  peopleCount: number;
  priorAgencies: string | null;
  withinJurisdiction: boolean | null;
  outcome: VisitOutcome;
  guidanceDocNo: string | null;
  forwardedTo: string | null;
  transferDocNo: string | null;
  refusalGround: string | null;
  resultFollowUp: string | null;
  notes: string | null;
}

export function transferCell(agency: string | null, docNo: string | null): string {
  if (!agency && !docNo) return '';
  if (!docNo) return agency ?? '';
  return `${agency ?? ''} (số ${docNo})`.trim();
}

export function toRegisterRow(no: number, v: RegisterVisit & { attachedToDenunciation?: boolean }): RegisterRow {
  // Sealing follows the case: a complaint or feedback visit attached to a denunciation case is sealed too.
  const sealed = v.kind === 'denunciation' || v.attachedToDenunciation === true;
  const name = sealed ? SEALED_PLACEHOLDER : (v.citizenName ?? '');
  const address = sealed ? '' : (v.citizenAddress ?? '');
  const refusal = v.refusalGround ? refusalNote(v.refusalGround) : '';
  return {
    no: String(no),
    date: formatIsoDateVi(v.visitedOn),
    nameAddress: address ? `${name}\n${address}` : name,
    idNumber: sealed ? '' : (v.citizenIdNumber ?? ''),
    content: v.content,
    type: TYPE_CODES[v.kind],
    people: String(v.peopleCount),
    priorAgencies: v.priorAgencies ?? '',
    withinJurisdiction: v.withinJurisdiction === null ? '' : v.withinJurisdiction ? YES : NO,
    guidance: v.guidanceDocNo ?? '',
    transfer: transferCell(v.forwardedTo, v.transferDocNo),
    followUp: v.resultFollowUp ?? '',
    notes: [refusal, v.notes ?? ''].filter(Boolean).join('; '),
  };
}

/** A cell problem: column key + message key + params, rendered in Vietnamese (or English) by the server. */
export interface CellIssue {
  column: RegisterColumnKey;
  key: RegisterIssueKey;
  params?: Record<string, string | number>;
}

export type RegisterIssueKey =
  | 'register.required'
  | 'register.date'
  | 'register.dateInFuture'
  | 'register.address'
  | 'register.idNumber'
  | 'register.type'
  | 'register.people'
  | 'register.yesNo'
  | 'register.guidanceAndTransfer'
  | 'register.transferFormat'
  | 'register.tooLong';

/** The parsed row: what recordVisit would have been given at the desk. */
export interface ParsedRegisterRow {
  visitedOn: string;
  kind: CaseKind;
  citizenName: string | null;
  citizenAddress: string | null;
  citizenIdNumber: string | null;
  citizenIdType: IdType | null;
  content: string;
  peopleCount: number;
  priorAgencies: string | null;
  withinJurisdiction: boolean | null;
  outcome: VisitOutcome;
  guidanceDocNo: string | null;
  forwardedTo: string | null;
  transferDocNo: string | null;
  refusalGround: RefusalGroundCode | null;
  resultFollowUp: string | null;
  notes: string | null;
  /** A denunciation row that carried a name: the identity is not imported (see parseRegisterRow). */
  identityDropped: boolean;
}

/** Accepts "15/07/2026", "15/7/2026", "15-07-2026" and ISO "2026-07-15". */
export function parseVietnameseDate(text: string): string | null {
  const t = text.trim();
  let iso: string | null = null;
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (vi) iso = `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  return iso && isRealIsoDate(iso) ? iso : null;
}

/** Name on the first line (or before the first comma), address after it. */
export function splitNameAddress(text: string): { name: string; address: string } {
  const raw = text.replace(/\r\n?/g, '\n').trim();
  const nl = raw.indexOf('\n');
  const cut = nl >= 0 ? nl : raw.indexOf(',');
  if (cut < 0) return { name: cleanText(raw), address: '' };
  return { name: cleanText(raw.slice(0, cut)), address: cleanText(raw.slice(cut + 1)) };
}

const MAX_CELL = 20000;

/**
 * Reads one row. `today` bounds the date (no visits in the future). Denunciation rows: the register shows
 * the sealed placeholder, never the identity; a name typed in a TC row is not imported (`identityDropped`),
 * because the platform keeps a denouncer's identity only sealed with its case.
 */
export function parseRegisterRow(cells: Partial<RegisterRow>, today: string): { row: ParsedRegisterRow } | { issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const get = (k: RegisterColumnKey) => cleanTextKeepLines(cells[k] ?? '');
  for (const c of REGISTER_COLUMNS) if (get(c.key).length > MAX_CELL) issues.push({ column: c.key, key: 'register.tooLong', params: { limit: MAX_CELL } });

  const dateText = get('date');
  const visitedOn = dateText ? parseVietnameseDate(dateText) : null;
  if (!dateText) issues.push({ column: 'date', key: 'register.required' });
  else if (!visitedOn) issues.push({ column: 'date', key: 'register.date', params: { value: dateText } });
  else if (visitedOn > today) issues.push({ column: 'date', key: 'register.dateInFuture' });

  const typeText = get('type').toUpperCase().replace(/\s+/g, '').replace(/[–—]/g, '-');
  const kind = KIND_BY_CODE[typeText];
  if (!typeText) issues.push({ column: 'type', key: 'register.type', params: { value: '' } });
  else if (!kind) issues.push({ column: 'type', key: 'register.type', params: { value: get('type') } });

  const content = cleanText(get('content'));
  if (!content) issues.push({ column: 'content', key: 'register.required' });

  const peopleText = get('people');
  const peopleCount = peopleText === '' ? 1 : Number(peopleText);
  if (!Number.isInteger(peopleCount) || peopleCount < 1 || peopleCount > 10000) issues.push({ column: 'people', key: 'register.people', params: { value: peopleText } });

  const sealed = kind === 'denunciation';
  const { name, address } = splitNameAddress(get('nameAddress'));
  const placeholder = name === SEALED_PLACEHOLDER;
  const idText = normalizeIdNumber(get('idNumber'));
  let idType: IdType | null = null;
  // The identity columns depend on the type (a TC row shows the sealed placeholder): unknown type, no verdict.
  if (kind && !sealed) {
    if (!name || placeholder) issues.push({ column: 'nameAddress', key: 'register.required' });
    else if (!address) issues.push({ column: 'nameAddress', key: 'register.address' });
    if (!idText) issues.push({ column: 'idNumber', key: 'register.required' });
    else {
      idType = inferIdType(idText);
      if (!idType) issues.push({ column: 'idNumber', key: 'register.idNumber', params: { value: get('idNumber') } });
    }
  }

  const within = get('withinJurisdiction');
  const withinFold = foldForSearch(within);
  const withinJurisdiction = within === '' ? null : withinFold === 'co' || withinFold === 'x' ? true : withinFold === 'khong' ? false : undefined;
  if (withinJurisdiction === undefined) issues.push({ column: 'withinJurisdiction', key: 'register.yesNo', params: { value: within } });

  const guidance = cleanText(get('guidance'));
  const transferText = cleanText(get('transfer'));
  let forwardedTo: string | null = null;
  let transferDocNo: string | null = null;
  if (transferText) {
    const m = /^(.+?)\s*\((?:số\s*)?([^()]+)\)$/iu.exec(transferText);
    if (!m) issues.push({ column: 'transfer', key: 'register.transferFormat' });
    else {
      forwardedTo = cleanText(m[1]!);
      transferDocNo = cleanText(m[2]!);
    }
  }
  if (guidance && transferText) issues.push({ column: 'transfer', key: 'register.guidanceAndTransfer' });

  const notesText = cleanText(get('notes'));
  const refusal = refusalFromNote(notesText);

  if (issues.length || !visitedOn || !kind) return { issues };

  // A delegation row names one person (the representative who spoke): 1 representative fits every group size
  // (Art. 29), so the representatives rule cannot fail here.
  const outcome: VisitOutcome = refusal ? 'refused' : transferDocNo ? 'forwarded' : guidance ? 'guided' : 'petition-received';
  const identityDropped = sealed && Boolean(name) && !placeholder;
  return {
    row: {
      visitedOn,
      kind,
      citizenName: sealed ? null : name,
      citizenAddress: sealed ? null : address,
      citizenIdNumber: sealed ? null : idText,
      citizenIdType: sealed ? null : idType,
      content,
      peopleCount,
      priorAgencies: cleanText(get('priorAgencies')) || null,
      withinJurisdiction: withinJurisdiction ?? null,
      outcome,
      guidanceDocNo: guidance || null,
      forwardedTo,
      transferDocNo,
      refusalGround: refusal?.code ?? null,
      resultFollowUp: cleanText(get('followUp')) || null,
      notes: (refusal ? refusal.rest : notesText) || null,
      identityDropped,
    },
  };
}

/** NFC + trim each line, keep line breaks (the name/address cell uses one). */
function cleanTextKeepLines(v: string): string {
  return v
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();
}

/** The header row of a sheet matches the form when every column header matches, ignoring case and diacritics. */
export function isRegisterHeader(cells: readonly string[]): boolean {
  return REGISTER_COLUMNS.every((c, i) => foldForSearch(cells[i] ?? '') === foldForSearch(c.header));
}
