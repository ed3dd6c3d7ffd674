/**
 * searchRecords (issue 18, ADR 0022): one box over cases, visits and petitions within the user's grants.
 * The query is folded like the index (no diacritics, đ = d, punctuation as spaces: "12/QĐ-UBND" → "12 qd ubnd"),
 * every word must be a word of the record (the last one may be the start of a word) in a province-keyed word index;
 * the whole phrase ranks first, then trigram word similarity; beyond RANKED matches the answer says "more than".
 * Names are searched and shown only on records that are not a denunciation's (the denouncer has no name in any
 * record; a case reclassified as a denunciation hides its records' names too) and never to a monitor.
 * Dialogues, commitments and consultations (ADR 0022 amendment 2026-12-06, third) are found like the others, by the
 * same rule of visibility as their own lists: a dialogue or consultation within the user's grants (the organiser's
 * path), a commitment also by the staff of its owner agency (a second condition on commitments.owner_agency_path,
 * as listCommitments and getCommitment). Their hits carry `code` and, in `state`, their own status.
 */
import { sql, type SQL } from 'drizzle-orm';
import { foldForSearch, isoDateInVietnam } from '@danvan/domain/text';
import { queryRows } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { invalid } from '../../plugins/errors.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { scopeCondition, type CurrentUser } from '../auth/current-user.ts';
import { mayMatchNames, maySeeNamesAt } from './policy.ts';

export const SEARCH_RECORD_TYPES = ['case', 'visit', 'petition', 'dialogue', 'commitment', 'consultation'] as const;
export type SearchRecordType = (typeof SEARCH_RECORD_TYPES)[number];

export interface SearchInput {
  q: string;
  recordType?: SearchRecordType;
  kind?: string;
  state?: string;
  agency?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  recordType: string;
  id: string;
  caseId: string | null;
  caseCode: string | null;
  /** The dialogue's or commitment's code (null for the other records: a case's code is in caseCode). */
  code: string | null;
  kind: string;
  state: string | null;
  agencyCode: string;
  agencyName: string;
  on: string;
  names: string | null;
  snippet: string;
  /** [start, end) offsets of the matched words in `snippet`. */
  highlights: [number, number][];
  rank: number;
}

/** Fold one character at a time, so offsets in the folded text are offsets in the original. */
function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const c = f.length === 1 && /[\p{L}\p{N}]/u.test(f) ? f : ' ';
    out += ch.length === 2 ? `${c} ` : c;
  }
  return out;
}

/** A window of the text around the first matched word, with the matched words' offsets. */
export function highlight(text: string, terms: readonly string[], width = 200): { snippet: string; highlights: [number, number][] } {
  const folded = foldAligned(text);
  const spans: [number, number][] = [];
  for (const t of terms) {
    if (!t) continue;
    let i = folded.indexOf(t);
    while (i >= 0 && spans.length < 50) {
      // whole words only at their start ("so" is not highlighted inside "cơ sở")
      if (i === 0 || folded[i - 1] === ' ') spans.push([i, i + t.length]);
      i = folded.indexOf(t, i + t.length);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const first = spans[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - 60, text.length - width));
  const end = Math.min(text.length, start + width);
  const snippet = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const shift = start > 0 ? 1 - start : 0;
  const highlights = spans.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as [number, number]);
  // merge overlaps
  const merged: [number, number][] = [];
  for (const h of highlights) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  return { snippet, highlights: merged };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Matches ranked at most: beyond them the answer says "more than" (`capped`) and asks for more words or a filter. */
export const RANKED = 1000;

/**
 * The token prefixes of danvan_search_words (migration 0008) within the user's grants: the second segment of each
 * granted path (a province, a ministry); from the national root, every one of them and 'root' (its own records).
 */
async function grantPrefixes(ctx: AppContext, user: CurrentUser): Promise<string[]> {
  const out = new Set<string>();
  let national = false;
  for (const g of user.grants) {
    const seg = g.agencyPath.split('/');
    if (seg.length >= 2) out.add(seg[1]!.toLowerCase());
    else national = true;
  }
  if (national) {
    const rows = await queryRows<{ p: string }>(ctx.db, sql`select distinct lower(split_part(path, '/', 2)) as p from agencies where strpos(path, '/') > 0`);
    for (const r of rows) out.add(r.p);
    out.add('root');
  } else {
    // A commitment is indexed under its organiser's province: its owner agency's staff in another province (a
    // ministry, a neighbouring province) search that province's words too (the scope condition keeps the rest out).
    // The commitments owned across a province line are few: a partial index holds them (migration 0009).
    const rows = await queryRows<{ p: string }>(
      ctx.db,
      sql`select distinct coalesce(nullif(lower(split_part(k.agency_path, '/', 2)), ''), 'root') as p from commitments k
          where split_part(k.agency_path, '/', 2) <> split_part(k.owner_agency_path, '/', 2) and ${scopeCondition(user, sql`k.owner_agency_path`)}`,
    );
    for (const r of rows) out.add(r.p);
  }
  return [...out].filter((p) => /^[a-z0-9]+$/.test(p)).sort();
}

/** The last term of three letters or more, not a number, is also the start of a word (typing in progress). */
function asPrefix(terms: readonly string[], i: number): boolean {
  const t = terms[i]!;
  return i === terms.length - 1 && t.length >= 3 && !/^\d+$/.test(t);
}

/**
 * The full-text query of a search: every term a whole word of the text (or of the names, where they may be matched)
 * within the granted provinces; the last term also as the start of a word when it has three letters or more ("search
 * as you type": "ubnd" finds "ubnd", "thoat" finds "thoat nuoc"). Numbers are whole: "45" is not parcel 450.
 */
export function wordQuery(terms: readonly string[], prefixes: readonly string[], names: boolean): string {
  const marks = names ? ['x', 'n'] : ['x'];
  return terms
    .map((t, i) => {
      const star = asPrefix(terms, i) ? ':*' : '';
      return `(${prefixes.flatMap((p) => marks.map((m) => `${p}${m}${t}${star}`)).join(' | ')})`;
    })
    .join(' & ');
}

/** `count` months (YYYY-MM) ending `skip` months before `month`, newest first. */
export function monthsBack(month: string, skip: number, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = skip; i < count; i++) {
    const k = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The month lexemes of danvan_search_words ('01m202612') of these months in these provinces, OR'ed. */
function monthQuery(prefixes: readonly string[], months: readonly string[]): string {
  return prefixes.flatMap((p) => months.map((m) => `${p}m${m.replace('-', '')}`)).join(' | ');
}

export async function searchRecords(ctx: AppContext, user: CurrentUser, input: SearchInput): Promise<{ total: number; capped: boolean; hits: SearchHit[] }> {
  const phrase = foldForSearch(input.q);
  const all = [...new Set(phrase.split(' ').filter(Boolean))].slice(0, 8);
  if (!all.length) throw invalid({ field: 'q', key: 'field.required' });
  // The word index holds the runs of a-z and 0-9 (danvan_search_words): a term with another letter ("ß", "漢字") is
  // checked as a substring of the rows the others found; a query of such terms alone finds nothing.
  const terms = all.filter((t) => /^[a-z0-9]+$/.test(t));
  const others = all.filter((t) => !/^[a-z0-9]+$/.test(t));
  if (!terms.length) return { total: 0, capped: false, hits: [] };
  const limit = Math.min(input.limit ?? 20, 100);
  const offset = input.offset ?? 0;
  // Names: not a denunciation's records, not a monitor's search.
  const nameSearch = mayMatchNames(user);
  const prefixes = await grantPrefixes(ctx, user);
  if (!prefixes.length) return { total: 0, capped: false, hits: [] };
  // A commitment is also its owner agency's (mayViewCommitment): a second condition on the owner's live path.
  const conds: SQL[] = [
    sql`(${scopeCondition(user, sql`d.agency_path`)} or (d.record_type = 'commitment'
        and exists (select 1 from commitments ok where ok.id = d.id and ${scopeCondition(user, sql`ok.owner_agency_path`)})))`,
  ];
  if (nameSearch) {
    // A document found by a name must not be a denunciation's: its own kind keeps its names out of the index
    // (index-records.ts), and a visit or petition of a case that is (or became) a denunciation is kept only when the
    // text alone has every term.
    const inText = [
      ...terms.map((t, i) => (asPrefix(terms, i) ? sql`strpos(' ' || d.folded, ${` ${t}`}) > 0` : sql`strpos(' ' || d.folded || ' ', ${` ${t} `}) > 0`)),
      ...others.map((t) => sql`strpos(d.folded, ${t}) > 0`),
    ];
    conds.push(sql`(d.names_folded is null or (${sql.join(inText, sql` and `)})
      or not exists (select 1 from cases nc where nc.id = d.case_id and nc.kind = 'denunciation'))`);
  }
  for (const t of others) conds.push(sql`(strpos(d.folded, ${t}) > 0${nameSearch ? sql` or strpos(coalesce(d.names_folded, ''), ${t}) > 0` : sql``})`);
  if (input.recordType) conds.push(sql`d.record_type = ${input.recordType}`);
  if (input.kind) conds.push(sql`d.kind = ${input.kind}`);
  // The state of the case (of a case, visit or petition), or the record's own status (dialogue, commitment, consultation).
  if (input.state) {
    conds.push(sql`(exists (select 1 from cases sc where sc.id = d.case_id and sc.state = ${input.state})
      or (d.record_type = 'dialogue' and exists (select 1 from dialogues sd where sd.id = d.id and sd.status = ${input.state}))
      or (d.record_type = 'commitment' and exists (select 1 from commitments sk where sk.id = d.id and sk.status = ${input.state}))
      or (d.record_type = 'consultation' and exists (select 1 from consultations so where so.id = d.id and so.status = ${input.state})))`);
  }
  if (input.from) conds.push(sql`d.day >= ${input.from}`);
  if (input.to) conds.push(sql`d.day <= ${input.to}`);
  if (input.agency) {
    const a = await agencyByCode(ctx.db, input.agency);
    if (!a) throw invalid({ field: 'agency', key: 'field.unknownAgency', params: { code: input.agency } });
    conds.push(sql`(d.agency_path = ${a.path} or d.agency_path like ${`${a.path}/%`})`);
  }
  const where = sql.join(conds, sql` and `);
  const phrasePat = `%${likeEscape(phrase)}%`;
  // The words are found in the province-keyed GIN index (danvan_search_words, migration 0008): a posting list is the
  // province's, not the country's. The grants, filters and the denunciation rule are checked on the rows it found
  // (OFFSET 0: never a second bitmap over a national btree). At most RANKED matches are read and ranked (whole phrase
  // first, then trigram word similarity, cases before their visits and petitions): at 10M cases ranking every match
  // of a common word cost 600 ms (ADR 0022 amendment 2026-12-06, second). Beyond RANKED, the most recent are taken
  // first — the last 3 months, then the last 12, then the rest — through the month lexeme of each document, so the
  // older matches are never read. work_mem keeps the bitmap exact; JIT, which a national table's estimates trigger,
  // compiled for longer than the query runs.
  const { ids, capped } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    // One query per province when the grants span several (the national root: every province). A tsquery OR-ing the
    // same word under 52 prefixes made GIN test a 400-leaf query on every item of the national lists: 1.1 s for
    // "tro cap xa hoi" at 1M cases. Per province the query is small, and the union stops at the limit.
    const one = (ps: readonly string[], months: string[] | null, n: number) =>
      sql`(select d.id from (select * from search_docs w
             where danvan_search_words(w.agency_path, w.folded, w.names_folded, w.day) @@ to_tsquery('simple', ${
               months ? `(${wordQuery(terms, ps, nameSearch)}) & (${monthQuery(ps, months)})` : wordQuery(terms, ps, nameSearch)
             })
             offset 0) d
           where ${where}
           limit ${n})`;
    const find = async (months: string[] | null, n: number) =>
      (
        await queryRows<{ id: string }>(
          tx,
          prefixes.length <= 2 ? one(prefixes, months, n) : sql`select id from (${sql.join(prefixes.map((p) => one([p], months, n)), sql` union all `)}) u limit ${n}`,
        )
      ).map((r) => r.id);
    const first = await find(null, RANKED + 1);
    if (first.length <= RANKED) return { ids: first, capped: false };
    const picked = new Set<string>();
    const month = isoDateInVietnam(ctx.now()).slice(0, 7);
    for (const window of [monthsBack(month, 0, 3), monthsBack(month, 3, 12)]) {
      for (const id of await find(window, RANKED - picked.size)) picked.add(id);
      if (picked.size >= RANKED) break;
    }
    // Fewer than RANKED in the last 12 months: the rest from the first matches found (older ones).
    for (const id of first) if (picked.size < RANKED) picked.add(id);
    return { ids: [...picked], capped: true };
  });
  const rows = ids.length
    ? await queryRows<{
        recordType: string; id: string; caseId: string | null; caseCode: string | null; code: string | null; kind: string; state: string | null;
        agencyCode: string; agencyName: string; agencyPath: string; on: string; content: string; names: string | null; nameable: boolean; rank: number;
      }>(
        ctx.db,
        sql`select r.record_type as "recordType", r.id, r.case_id as "caseId", c.code as "caseCode", coalesce(dl.code, k.code) as code, r.kind,
                   coalesce(c.state, dl.status, k.status, cs.status) as state,
                   a.code as "agencyCode", a.full_name as "agencyName", r.agency_path as "agencyPath", r.day as "on", r.content, r.names,
                   (${nameSearch} and r.kind <> 'denunciation' and coalesce(c.kind, '') <> 'denunciation' and r.names_folded is not null) as nameable,
                   r.rank
            from (
              select m.*, ((case when m.folded like ${phrasePat} then 1 else 0 end) + word_similarity(${phrase}, m.folded)
                       + (case when m.record_type = 'case' then 0.05 else 0 end))::float8 as rank
              from search_docs m
              where m.id = any(${`{${ids.join(',')}}`}::uuid[])
              order by rank desc, m.day desc, m.id
              limit ${limit} offset ${offset}
            ) r
            join agencies a on a.id = r.agency_id
            left join cases c on c.id = r.case_id
            left join dialogues dl on r.record_type = 'dialogue' and dl.id = r.id
            left join commitments k on r.record_type = 'commitment' and k.id = r.id
            left join consultations cs on r.record_type = 'consultation' and cs.id = r.id
            order by r.rank desc, r.day desc, r.id`,
      )
    : [];
  const hits = rows.map((r) => {
    const showNames = r.nameable && maySeeNamesAt(user, r.agencyPath);
    const { snippet, highlights } = highlight(r.content, [phrase, ...all]);
    return {
      recordType: r.recordType,
      id: r.id,
      caseId: r.caseId,
      caseCode: r.caseCode,
      code: r.code,
      kind: r.kind,
      state: r.state,
      agencyCode: r.agencyCode,
      agencyName: r.agencyName,
      on: r.on,
      names: showNames ? r.names : null,
      snippet,
      highlights,
      rank: Math.round(Number(r.rank) * 1000) / 1000,
    };
  });
  return { total: ids.length, capped, hits };
}
