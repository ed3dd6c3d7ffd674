/**
 * One sheet row, read through a confirmed mapping, into what DânVận's own readers take: the 13 register cells of
 * parseRegisterRow (so a mapped register is checked by exactly the rules of DânVận's own export), or a case to
 * import with the workflow steps that bring it to its state. The steps are actions of the workflow table
 * (domain/workflow.ts) dated from the row; the server replays them through the same functions a clerk's clicks
 * go through, so the clock and the states are the case engine's, not a copy.
 */
import { cleanText, foldForSearch, formatIsoDateVi } from '../text.ts';
import type { CaseKind } from '../workflow.ts';
import { KIND_CODES, parseClerkDate, parseCount, parseKind, parseMark, splitNameAddressId, isMark } from './values.ts';

export type Cells = Readonly<Record<string, string>>;

export interface RowNote {
  /** The field the note is about (its column is found through the mapping). */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

function kindFrom(v: Cells, kindField: string): { kind: CaseKind | null; text: string } {
  const text = cleanText(v[kindField] ?? '');
  if (text) return { kind: parseKind(text), text };
  const marked = (['kindComplaint', 'kindDenunciation', 'kindFeedback'] as const).filter((k) => isMark(v[k] ?? ''));
  const byMark: Record<string, CaseKind> = { kindComplaint: 'complaint', kindDenunciation: 'denunciation', kindFeedback: 'feedback' };
  if (marked.length === 1) return { kind: byMark[marked[0]!]!, text: '' };
  return { kind: null, text: marked.length > 1 ? marked.map((k) => v[k]).join(', ') : '' };
}

/** An ID number Excel stored as a number lost its leading zero(s). */
function idDigits(text: string): string {
  const t = text.replace(/[\s.]/g, '');
  if (/^\d{10,11}$/.test(t)) return t.padStart(12, '0');
  return t;
}

export interface PersonParts {
  name: string;
  address: string;
  idNumber: string;
  phone: string;
  notSplit: boolean;
}

export function personOf(v: Cells): PersonParts {
  let name = cleanText(v.name ?? '');
  let address = cleanText(v.address ?? '');
  let idNumber = idDigits(v.idNumber ?? '');
  let notSplit = false;
  const whole = (v.person ?? '').trim();
  if (whole) {
    const s = splitNameAddressId(whole);
    if (s.split) {
      name ||= s.name;
      address ||= s.address;
    } else {
      // Kept together: the whole text stands as the name and as the address, for the clerk to correct.
      notSplit = Boolean(s.name) && !address;
      name ||= s.name;
      address ||= s.name;
    }
    idNumber ||= s.idNumber;
  }
  return { name, address, idNumber, phone: cleanText(v.phone ?? ''), notSplit };
}

/**
 * The register cells parseRegisterRow reads (keys of REGISTER_COLUMNS), from a mapped row; notes are warnings
 * (the row still imports). Values the readers do not know are passed through as typed, so parseRegisterRow
 * names them in its own message.
 */
export function toRegisterCells(v: Cells): { cells: Record<string, string>; warnings: RowNote[] } {
  const warnings: RowNote[] = [];
  const p = personOf(v);
  if (p.notSplit) warnings.push({ field: 'person', key: 'import.personNotSplit' });
  const dateText = cleanText(v.date ?? '');
  const iso = parseClerkDate(dateText);
  const k = kindFrom(v, 'type');
  const people = cleanText(v.people ?? '');
  const count = parseCount(people);
  const within = cleanText(v.withinJurisdiction ?? '');
  const mark = parseMark(within);
  const guidance = cleanText(v.guidance ?? '');
  let transfer = cleanText(v.transfer ?? '');
  if (transfer && !/\([^()]+\)$/.test(transfer)) {
    const m = /^(.+?)[,;\s]+(?:theo\s+)?(?:công văn|văn bản|CV)?\s*số\s*:?\s*(\S.*)$/iu.exec(transfer);
    if (m) transfer = `${cleanText(m[1]!)} (số ${cleanText(m[2]!)})`;
  }
  return {
    cells: {
      no: cleanText(v.no ?? ''),
      date: iso ? formatIsoDateVi(iso) : dateText,
      nameAddress: p.address && p.name ? `${p.name}\n${p.address}` : p.name,
      idNumber: p.idNumber,
      content: v.content ?? '',
      type: k.kind ? KIND_CODES[k.kind] : k.text,
      people: count !== null ? String(count) : people,
      priorAgencies: v.priorAgencies ?? '',
      withinJurisdiction: mark === true ? 'Có' : mark === false && within ? 'Không' : within && mark === null ? within : '',
      guidance: isMark(guidance) ? 'Đã hướng dẫn (không ghi số văn bản)' : guidance,
      transfer,
      followUp: v.followUp ?? '',
      notes: v.notes ?? '',
    },
    warnings,
  };
}

// ---- cases ----

export type TargetState = 'received' | 'accepted' | 'verifying' | 'dialogue' | 'resolved' | 'guided' | 'forwarded' | 'archived' | 'withdrawn' | 'suspended';

const STATE_WORDS: [RegExp, TargetState][] = [
  [/tam dinh chi/, 'suspended'],
  [/rut (don|khieu nai|to cao)|da rut/, 'withdrawn'],
  [/luu don|da luu/, 'archived'],
  [/(da )?chuyen (don|den|cho|sang|toi|co quan)|da chuyen/, 'forwarded'],
  [/huong dan/, 'guided'],
  [/doi thoai/, 'dialogue'],
  [/xac minh/, 'verifying'],
  [/(da|xong) (giai quyet|ket luan|tra loi|ban hanh)|da co (quyet dinh|ket luan)|hoan thanh|da xong|da giai quyet/, 'resolved'],
  [/thu ly|dang giai quyet|dang xu ly vu viec/, 'accepted'],
  [/tiep nhan|moi nhan|chua xu ly|cho xu ly|dang xu ly|chua thu ly/, 'received'],
];

export function parseState(text: string): TargetState | null {
  const f = foldForSearch(text);
  if (!f) return null;
  for (const [re, s] of STATE_WORDS) if (re.test(f)) return s;
  return null;
}

/** The outcome value of the resolving action, from the clerk's words. */
export function parseOutcome(kind: CaseKind, instance: 1 | 2, text: string): string | null {
  const f = foldForSearch(text);
  if (kind === 'feedback') return 'answered';
  if (!f) return null;
  if (kind === 'complaint' && instance === 2) {
    if (/cong nhan|giu nguyen/.test(f)) return 'uphold';
    if (/huy/.test(f)) return 'annul';
    if (/sua/.test(f)) return 'amend';
    return null;
  }
  if (/dung mot phan|co dung co sai/.test(f)) return 'partly-right';
  if (kind === 'denunciation' && /sai su that|sai|khong dung/.test(f)) return 'untrue';
  if (kind === 'complaint' && /sai|khong dung/.test(f)) return 'wrong';
  if (/dung/.test(f)) return 'right';
  return null;
}

export interface CaseStep {
  action: string;
  on: string;
  outcome?: string;
  reason?: string;
  documentNo?: string;
  violationIndicated?: boolean;
  /** forward: the receiving agency as the clerk wrote it (a code or a name); the server finds the agency. */
  targetAgency?: string;
}

export interface ImportedCase {
  ref: string;
  kind: CaseKind;
  instance: 1 | 2;
  receivedOn: string;
  person: PersonParts | null;
  content: string;
  steps: CaseStep[];
  state: TargetState;
  notes: string;
}

export type CaseRowResult = { case: ImportedCase; warnings: RowNote[] } | { issues: RowNote[] };

/**
 * A mapped row of the case list: its kind, dates and target state, and the workflow steps that lead there.
 * Dates must be in order (received ≤ accepted ≤ decided) and not in the future.
 */
export function toImportedCase(v: Cells, today: string): CaseRowResult {
  const issues: RowNote[] = [];
  const warnings: RowNote[] = [];
  const date = (field: string, required = false): string | null => {
    const t = cleanText(v[field] ?? '');
    if (!t) {
      if (required) issues.push({ field, key: 'import.required' });
      return null;
    }
    const iso = parseClerkDate(t);
    if (!iso) issues.push({ field, key: 'import.date', params: { value: t } });
    else if (iso > today) issues.push({ field, key: 'import.dateInFuture', params: { value: t } });
    return iso;
  };
  const k = kindFrom(v, 'kind');
  if (!k.kind) issues.push({ field: v.kind !== undefined ? 'kind' : 'kindComplaint', key: 'import.kind', params: { value: k.text } });
  const receivedOn = date('receivedOn', true);
  const acceptedOn = date('acceptedOn');
  const decidedOn = date('decidedOn');
  const stepOn = date('stepOn');
  const content = cleanText(v.content ?? '');
  if (!content) issues.push({ field: 'content', key: 'import.required' });
  const instText = cleanText(v.instance ?? '');
  const instance: 1 | 2 = /2|hai/.test(foldForSearch(instText)) ? 2 : 1;
  const stateText = cleanText(v.state ?? '');
  let state = parseState(stateText);
  if (stateText && !state) issues.push({ field: 'state', key: 'import.state', params: { value: stateText } });
  state ??= decidedOn ? 'resolved' : acceptedOn ? 'accepted' : 'received';
  const p = personOf(v);
  if (p.notSplit) warnings.push({ field: 'person', key: 'import.personNotSplit' });
  const person = p.name ? p : null;
  if (receivedOn && acceptedOn && acceptedOn < receivedOn) issues.push({ field: 'acceptedOn', key: 'import.dateOrder' });
  if (acceptedOn && decidedOn && decidedOn < acceptedOn) issues.push({ field: 'decidedOn', key: 'import.dateOrder' });
  if (receivedOn && stepOn && stepOn < receivedOn) issues.push({ field: 'stepOn', key: 'import.dateOrder' });
  if (!k.kind || !receivedOn || issues.length) return { issues };
  const kind = k.kind;

  const steps: CaseStep[] = [];
  const needs = (field: string, value: string | null): value is string => {
    if (!value) issues.push({ field, key: 'import.requiredForState', params: { state: stateText || state! } });
    return Boolean(value);
  };
  const accepted = ['accepted', 'verifying', 'dialogue', 'resolved', 'suspended'].includes(state) || (state === 'withdrawn' && acceptedOn);
  if (state === 'forwarded') {
    // Forwarded to the competent agency (TT 05/2021 Arts. 13–16): the receiving agency opens its own case.
    const to = cleanText(v.forwardTo ?? '');
    if (needs('forwardTo', to)) {
      const docNo = cleanText(v.transferDocNo ?? '');
      steps.push({ action: 'forward', on: stepOn ?? receivedOn, targetAgency: to, ...(docNo ? { documentNo: docNo } : {}) });
    }
  } else if (state === 'guided' || state === 'archived') {
    steps.push({ action: state === 'guided' ? 'guide' : 'archive', on: stepOn ?? receivedOn, ...(state === 'archived' ? { reason: 'other' } : {}) });
  } else if (accepted && needs('acceptedOn', acceptedOn)) {
    steps.push({ action: 'accept', on: acceptedOn });
    const verify = kind !== 'feedback' && (state === 'verifying' || state === 'dialogue' || (state === 'resolved' && kind === 'complaint' && instance === 2));
    if (verify) steps.push({ action: 'start-verification', on: acceptedOn });
    if (kind === 'complaint' && (state === 'dialogue' || (state === 'resolved' && instance === 2))) {
      const dOn = state === 'dialogue' ? (stepOn ?? acceptedOn) : decidedOn ?? acceptedOn;
      steps.push({ action: 'hold-dialogue', on: dOn });
    }
    if (state === 'resolved' && needs('decidedOn', decidedOn)) {
      const outcome = parseOutcome(kind, instance, v.outcome ?? '');
      if (!outcome) issues.push({ field: 'outcome', key: 'import.outcome', params: { value: cleanText(v.outcome ?? '') } });
      else steps.push({ action: kind === 'complaint' ? 'decide' : kind === 'denunciation' ? 'conclude' : 'answer', on: decidedOn, outcome, ...(v.decisionNo ? { documentNo: cleanText(v.decisionNo) } : {}) });
    }
    if (state === 'suspended' && needs('stepOn', stepOn)) steps.push({ action: 'suspend', on: stepOn, reason: cleanText(v.notes ?? '') || 'Tạm đình chỉ (nhập từ sổ theo dõi)' });
    if (state === 'withdrawn' && needs('stepOn', stepOn)) steps.push({ action: 'withdraw', on: stepOn, ...(kind === 'denunciation' ? { violationIndicated: false } : {}) });
  } else if (state === 'withdrawn' && needs('stepOn', stepOn)) {
    steps.push({ action: 'withdraw', on: stepOn, ...(kind === 'denunciation' ? { violationIndicated: false } : {}) });
  }
  if (issues.length) return { issues };
  return {
    case: { ref: cleanText(v.ref ?? ''), kind, instance, receivedOn, person, content, steps, state, notes: cleanText(v.notes ?? '') },
    warnings,
  };
}

/** Identifies a row across imports: the agency's own reference when the sheet has one, else its facts. */
export function caseRowKey(c: ImportedCase): string {
  if (c.ref) return `ref:${foldForSearch(c.ref)}`;
  return ['row', c.kind, c.receivedOn, foldForSearch(c.content), foldForSearch(c.person?.name ?? ''), c.person?.idNumber ?? ''].join('|');
}

export function registerRowKey(cells: Readonly<Record<string, string>>): string {
  return ['date', 'nameAddress', 'idNumber', 'content', 'type', 'people'].map((k) => foldForSearch(cells[k] ?? '')).join('|');
}
