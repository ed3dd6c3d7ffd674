/**
 * What every channel checks before an opinion is written: the consultation takes opinions on that day, each
 * section is in the current draft, a stance other than "tán thành" has a text (b2), one opinion per section per
 * submission, the respondent's demographics are real codes (b3), and the identity that makes one person count once.
 */
import { inArray } from 'drizzle-orm';
import { STANCE_LABELS, stanceNeedsText, type Stance } from '@danvan/domain/consultation/rules';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isValidPersonalId, normalizePhone } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { agencies } from '../../db/schema.ts';
import { AppError, type FieldIssue } from '../../plugins/errors.ts';
import { currentSections, periodText, phaseOf, type ConsultationRow, type SectionRow } from './queries.ts';

export interface OpinionItem {
  /** Section id ("Điều 9", "Điều 9.2", "Toàn văn"). */
  section: string;
  stance: Stance;
  text?: string;
}

export interface Demographics {
  category: string;
  ageBand?: string;
  occupation?: string;
  /** Province code (2 digits) of the respondent. */
  province?: string;
  /** Commune code (5 digits) of the respondent. */
  commune?: string;
}

export interface CheckedItem {
  section: SectionRow;
  stance: Stance;
  text: string | null;
}

/**
 * Portal and assisted entry only while the consultation is open; papers (written submissions, conference
 * minutes) also after the close, until the synthesis is published — they were written within the period.
 */
export function requireTakingOpinions(c: ConsultationRow, now: Date, channel: 'online' | 'paper'): void {
  const phase = phaseOf(c, now);
  const ok = phase === 'open' || (channel === 'paper' && phase === 'closed' && !c.synthesisPublishedOn);
  if (!ok) throw new AppError(409, 'error.consultationClosed', { date: formatIsoDateVi(isoDateInVietnam(now)), period: periodText(c) });
}

/** Current sections per consultation × version (a re-import makes a new version, so an entry never goes stale). */
const sectionCache = new Map<string, Map<string, Awaited<ReturnType<typeof currentSections>>[number]>>();

export async function checkItems(db: DbOrTx, c: ConsultationRow, items: readonly OpinionItem[], field: string, issues: FieldIssue[]): Promise<CheckedItem[]> {
  const cacheKey = `${c.id}:${c.currentVersion}`;
  let sections = sectionCache.get(cacheKey);
  if (!sections) {
    sections = new Map((await currentSections(db, c.id)).map((s) => [s.key, s]));
    if (sectionCache.size > 200) sectionCache.clear();
    sectionCache.set(cacheKey, sections);
  }
  const seen = new Set<string>();
  const out: CheckedItem[] = [];
  items.forEach((it, i) => {
    const key = cleanText(it.section);
    const s = sections.get(key);
    const text = it.text ? cleanText(it.text) || null : null;
    if (!s) issues.push({ field: `${field}.${i}.section`, key: 'field.unknownSection', params: { section: key } });
    else if (seen.has(s.id)) issues.push({ field: `${field}.${i}.section`, key: 'field.duplicateSection', params: { section: key } });
    if (stanceNeedsText(it.stance) && !text) issues.push({ field: `${field}.${i}.text`, key: 'field.opinionTextRequired', params: { stance: STANCE_LABELS[it.stance], section: key } });
    if (s) {
      seen.add(s.id);
      out.push({ section: s, stance: it.stance, text });
    }
  });
  return out;
}

/** Province and commune codes must be real; a commune must lie in the province given. Returns the codes to count under. */
/** Province / commune codes → agency rows, for 5 minutes (the administrative map changes by decree, not by the minute). */
const placeCache = new Map<string, { at: number; rows: { code: string; level: string; provinceCode: string | null }[] }>();

export async function checkPlace(db: DbOrTx, d: Demographics, field: string, issues: FieldIssue[]): Promise<{ provinceCode: string; communeCode: string }> {
  const codes = [d.province, d.commune].filter((x): x is string => Boolean(x));
  const placeKey = codes.join(',');
  const hit = placeCache.get(placeKey);
  const found =
    hit && Date.now() - hit.at < 300_000
      ? hit.rows
      : codes.length
        ? await db.select({ code: agencies.code, level: agencies.level, provinceCode: agencies.provinceCode }).from(agencies).where(inArray(agencies.code, codes))
        : [];
  if (!hit || hit.rows !== found) {
    if (placeCache.size > 10_000) placeCache.clear();
    placeCache.set(placeKey, { at: Date.now(), rows: found });
  }
  let provinceCode = '';
  let communeCode = '';
  if (d.province) {
    const p = found.find((a) => a.code === d.province && a.level === 'province');
    if (!p) issues.push({ field: `${field}.province`, key: 'field.unknownAgency', params: { code: d.province } });
    else provinceCode = p.code;
  }
  if (d.commune) {
    const m = found.find((a) => a.code === d.commune && a.level === 'commune');
    if (!m) issues.push({ field: `${field}.commune`, key: 'field.unknownAgency', params: { code: d.commune } });
    else if (provinceCode && m.provinceCode !== provinceCode) issues.push({ field: `${field}.commune`, key: 'field.invalid' });
    else {
      communeCode = m.code;
      provinceCode = m.provinceCode ?? provinceCode;
    }
  }
  return { provinceCode, communeCode };
}

export interface RespondentFacts {
  name?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
}

/**
 * The identifier a staff-entered opinion is counted under: the 12-digit personal ID, else the phone, else the
 * e-mail — the same keys as the portal (phone, e-mail) and a VNeID adapter (personal ID) produce.
 */
export function respondentIdentity(ctx: Pick<AppContext, 'personHasher'>, r: RespondentFacts | undefined, field: string, issues: FieldIssue[]): { personKey: string; method: string } | null {
  const id = r?.idNumber?.replace(/\s/g, '');
  if (id) {
    if (!isValidPersonalId(id)) issues.push({ field: `${field}.idNumber`, key: 'field.idNumber' });
    else return { personKey: ctx.personHasher.hashIdentifier('id', id), method: 'id-number' };
  }
  if (r?.phone) {
    const p = normalizePhone(r.phone);
    if (!p) issues.push({ field: `${field}.phone`, key: 'field.phone' });
    else return { personKey: ctx.personHasher.hashIdentifier('phone', p), method: 'phone' };
  }
  if (r?.email) {
    const e = normalizeEmail(r.email);
    if (!e) issues.push({ field: `${field}.email`, key: 'field.email' });
    else return { personKey: ctx.personHasher.hashIdentifier('email', e), method: 'email' };
  }
  if (!id && !r?.phone && !r?.email) issues.push({ field, key: 'field.respondentIdentity' });
  return null;
}

export function normalizeEmail(input: string): string | null {
  const e = input.normalize('NFC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254 ? e : null;
}

