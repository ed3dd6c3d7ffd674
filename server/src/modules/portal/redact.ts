/**
 * Redaction of text that goes public (answers, rating comments): phone numbers, personal ID numbers, e-mail
 * addresses, and the names and ID numbers the caller knows (the petitioner's, a denouncer's opened for this
 * purpose) are replaced by "[đã ẩn]". A safety net, not a substitute for the officer's own redaction before
 * publishing: `remainingSuspects` lists what still looks personal, for the preview the head confirms.
 *
 * Names are matched folded (issue 13, item 4): without diacritics, case, or the spaces and punctuation between
 * letters — "LO VAN ANDANH", "lò văn an danh" and "Lò-Văn An Danh" are all the name "Lò Văn An Danh".
 * A known ID number is struck wherever any run of 3 or more of its digits appears, written with spaces, dots or
 * dashes between the digits ("001 190 077 123", "…123").
 */
export const REDACTED = '[đã ẩn]';

/** One character folded: no diacritics, lower case ("Ặ" → "a", "đ" → "d"); '' for marks. */
function foldChar(c: string): string {
  return c
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

const isLetterOrDigit = (c: string) => /[\p{L}\p{N}]/u.test(c);

/** Spans [start, end) of the text whose letters, folded and without separators, spell `needle` (already folded). */
function foldedSpans(text: string, needle: string): [number, number][] {
  const chars: string[] = [];
  const at: number[] = [];
  let i = 0;
  for (const c of text) {
    if (isLetterOrDigit(c)) {
      for (const f of foldChar(c)) {
        chars.push(f);
        at.push(i);
      }
    }
    i += c.length;
  }
  const hay = chars.join('');
  const spans: [number, number][] = [];
  if (!needle) return spans;
  for (let from = hay.indexOf(needle); from >= 0; from = hay.indexOf(needle, from + needle.length)) {
    const start = at[from]!;
    const lastIdx = at[from + needle.length - 1]!;
    const last = text.codePointAt(lastIdx)!;
    spans.push([start, lastIdx + String.fromCodePoint(last).length]);
  }
  return spans;
}

function foldName(name: string): string {
  return [...name.normalize('NFC')].filter(isLetterOrDigit).map(foldChar).join('');
}

function replaceSpans(text: string, spans: [number, number][]): string {
  if (!spans.length) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of sorted) {
    if (e <= pos) continue;
    out += text.slice(pos, Math.max(pos, s)) + (s >= pos ? REDACTED : '');
    pos = e;
  }
  return out + text.slice(pos);
}

/** Digit runs: digits with at most one space, dot or dash between them. */
const DIGIT_RUN = /\d(?:[\s.-]?\d)*/g;

export interface Known {
  names?: (string | null | undefined)[];
  idNumbers?: (string | null | undefined)[];
}

export function redact(text: string, namesOrKnown: (string | null | undefined)[] | Known = []): string {
  const known: Known = Array.isArray(namesOrKnown) ? { names: namesOrKnown } : namesOrKnown;
  let out = text
    .replace(/[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/g, REDACTED)
    .replace(/(?<!\d)\d{3}[\s.-]?\d{3}[\s.-]?\d{3}[\s.-]?\d{3}(?!\d)/g, REDACTED)
    .replace(/(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])/g, REDACTED)
    .replace(/(?<!\d)\d{9}(?:\d{3})?(?!\d)/g, REDACTED);
  const ids = (known.idNumbers ?? []).map((s) => (s ?? '').replace(/\D/g, '')).filter((s) => s.length >= 6);
  if (ids.length) {
    out = out.replace(DIGIT_RUN, (run) => {
      const digits = run.replace(/\D/g, '');
      return digits.length >= 3 && ids.some((id) => id.includes(digits)) ? REDACTED : run;
    });
  }
  for (const name of known.names ?? []) {
    const folded = name ? foldName(name) : '';
    if (folded.length >= 3) out = replaceSpans(out, foldedSpans(out, folded));
  }
  return out;
}

export interface Suspect {
  /** Offsets in the redacted text. */
  start: number;
  end: number;
  text: string;
  /** name: words in capitals or title case that may be a person; number: a run of 3+ digits */
  kind: 'name' | 'number';
}

/**
 * What still looks personal in a redacted text, for the head's preview: runs of two or more capitalised words
 * (after the first word of a sentence) and runs of three or more digits. Over-inclusive on purpose.
 */
export function remainingSuspects(text: string): Suspect[] {
  const out: Suspect[] = [];
  const word = "\\p{Lu}[\\p{L}\\p{M}'’]*";
  const names = new RegExp(`(?<![\\p{L}])${word}(?:[ \\t-]+${word})+`, 'gu');
  for (const m of text.matchAll(names)) {
    if (m[0] === REDACTED) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'name' });
  }
  for (const m of text.matchAll(DIGIT_RUN)) {
    if (m[0].replace(/\D/g, '').length >= 3) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'number' });
  }
  return out.sort((a, b) => a.start - b.start);
}
