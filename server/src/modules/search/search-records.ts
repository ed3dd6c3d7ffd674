/**
 * searchRecords (issue 18, ADR 0022): one box over cases, visits and petitions within the user's grants.
 * The query is folded like the index (no diacritics, đ = d, punctuation as spaces: "12/QĐ-UBND" → "12 qd ubnd"),
 * every word must be found (trigram GIN, LIKE), the whole phrase ranks first, then trigram word similarity.
 * Names are searched and shown only on records that are not a denunciation's (the denouncer has no name in any
 * record; a case reclassified as a denunciation hides its records' names too) and never to a monitor.
 */
import { sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import { queryRows } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { invalid } from '../../plugins/errors.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { scopeCondition, type CurrentUser } from '../auth/current-user.ts';
import { mayMatchNames, maySeeNamesAt } from './policy.ts';

export interface SearchInput {
  q: string;
  recordType?: 'case' | 'visit' | 'petition';
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

export async function searchRecords(ctx: AppContext, user: CurrentUser, input: SearchInput): Promise<{ total: number; hits: SearchHit[] }> {
  const phrase = foldForSearch(input.q);
  const terms = [...new Set(phrase.split(' ').filter(Boolean))].slice(0, 8);
  if (!terms.length) throw invalid({ field: 'q', key: 'field.required' });
  const limit = Math.min(input.limit ?? 20, 100);
  const offset = input.offset ?? 0;
  // Names: not a denunciation's records, not a monitor's search.
  const nameSearch = mayMatchNames(user);
  // The case is read only for a document that has names (a reclassified case hides its records' names): the
  // matching and ranking read search_docs alone; agencies and cases are joined to the page of hits only (at 10M
  // cases a join before the limit was planned as a nested loop over every agency, ADR 0022 scaling).
  const nameable = sql`(${nameSearch} and d.kind <> 'denunciation' and d.names_folded is not null
    and not exists (select 1 from cases nc where nc.id = d.case_id and nc.kind = 'denunciation'))`;
  const conds: SQL[] = [scopeCondition(user, sql`d.agency_path`)];
  // A term of one or two characters ("12", "qd") has no trigram: as LIKE it made the planner scan the whole trigram
  // index (11 s at 10M cases); strpos (the same substring test on folded text) is only checked on the rows the
  // other conditions found.
  const contains = (column: SQL, t: string) => (t.length < 3 ? sql`strpos(${column}, ${t}) > 0` : sql`${column} like ${`%${likeEscape(t)}%`}`);
  for (const t of terms) conds.push(sql`(${contains(sql`d.folded`, t)} or (${nameable} and ${contains(sql`d.names_folded`, t)}))`);
  if (input.recordType) conds.push(sql`d.record_type = ${input.recordType}`);
  if (input.kind) conds.push(sql`d.kind = ${input.kind}`);
  if (input.state) conds.push(sql`exists (select 1 from cases sc where sc.id = d.case_id and sc.state = ${input.state})`);
  if (input.from) conds.push(sql`d.day >= ${input.from}`);
  if (input.to) conds.push(sql`d.day <= ${input.to}`);
  if (input.agency) {
    const a = await agencyByCode(ctx.db, input.agency);
    if (!a) throw invalid({ field: 'agency', key: 'field.unknownAgency', params: { code: input.agency } });
    conds.push(sql`(d.agency_path = ${a.path} or d.agency_path like ${`${a.path}/%`})`);
  }
  const where = sql.join(conds, sql` and `);
  const phrasePat = `%${likeEscape(phrase)}%`;
  // Every match is ranked before the page is cut: the bitmaps of a term's trigram posting lists stay exact with a
  // larger work_mem (lossy at the default 4 MB at 10M cases: 2.8M rows rechecked instead of 95k), and JIT, which the
  // row estimates of a national table trigger, compiled for 90–570 ms a query that runs in tens of ms.
  const rows = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    return queryRows<{
    recordType: string; id: string; caseId: string | null; caseCode: string | null; kind: string; state: string | null;
    agencyCode: string; agencyName: string; agencyPath: string; on: string; content: string; names: string | null; nameable: boolean; rank: number; total: number;
  }>(
    tx,
    sql`select r.record_type as "recordType", r.id, r.case_id as "caseId", c.code as "caseCode", r.kind, c.state,
               a.code as "agencyCode", a.full_name as "agencyName", r.agency_path as "agencyPath", r.day as "on", r.content, r.names,
               (${nameSearch} and r.kind <> 'denunciation' and coalesce(c.kind, '') <> 'denunciation' and r.names_folded is not null) as nameable,
               r.rank, r.total
        from (
          select d.record_type, d.id, d.case_id, d.kind, d.agency_id, d.agency_path, d.day, d.content, d.names, d.names_folded,
                 ((case when d.folded like ${phrasePat} then 1 else 0 end) + word_similarity(${phrase}, d.folded)
                   + (case when d.record_type = 'case' then 0.05 else 0 end))::float8 as rank,
                 count(*) over ()::int as total
          from search_docs d
          where ${where}
          order by rank desc, d.day desc, d.id
          limit ${limit} offset ${offset}
        ) r
        join agencies a on a.id = r.agency_id
        left join cases c on c.id = r.case_id
        order by r.rank desc, r.day desc, r.id`,
    );
  });
  const hits = rows.map((r) => {
    const showNames = r.nameable && maySeeNamesAt(user, r.agencyPath);
    const { snippet, highlights } = highlight(r.content, [phrase, ...terms]);
    return {
      recordType: r.recordType,
      id: r.id,
      caseId: r.caseId,
      caseCode: r.caseCode,
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
  return { total: Number(rows[0]?.total ?? 0), hits };
}
