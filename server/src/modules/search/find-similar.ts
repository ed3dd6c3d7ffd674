/**
 * findSimilarMatters (issue 18, ADR 0022): the cases that are probably the same matter as a letter being received
 * (a draft text at intake) or as an existing case, each with its score and the reasons in words.
 *
 * Reach: the province the agency belongs to (its subtree, its ancestors' own cases and its siblings' subtrees) —
 * where the same letter is also sent. A candidate the user may not read (outside the user's grants: the province's
 * case seen from a commune, a sibling commune's) is told as "already received by <agency> on <day>" with the code
 * and the reasons, never its content, kind, state or names. A denouncer is never named nor matched by name.
 *
 * Candidates come from two indexes: matter_entities (same decision / parcel / street / person, btree) and the
 * words within the province (danvan_search_words, full-text GIN; LIKE pairs on the trigram GIN index from the root); the domain scorer
 * (domain/matters/similarity.ts) decides, with the threshold chosen on the labelled set.
 */
import { sql } from 'drizzle-orm';
import { extractEntities, type EntityKind, type MatterEntities } from '@danvan/domain/matters/entities';
import { matterGrams, matterWords, reasonText, SAME_MATTER_THRESHOLD, scoreMatter, type MatterReason } from '@danvan/domain/matters/similarity';
import { personKey } from '@danvan/domain/classification';
import { pathWithin } from '@danvan/domain/roles';
import { queryRows } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { requireAgency, type AgencyRow } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';

export interface SimilarQuery {
  /** The receiving agency (intake), or omitted with `caseId`. */
  agency?: string;
  content?: string;
  caseId?: string;
  /** The sender of the new letter (not for a denunciation): "cùng người gửi". */
  petitioner?: { name?: string; idNumber?: string; address?: string };
  type?: string;
  limit?: number;
}

export interface SimilarCandidate {
  caseId: string;
  code: string;
  agencyCode: string;
  agencyName: string;
  receivedOn: string;
  score: number;
  reasons: MatterReason[];
  reasonText: string;
  /** False: the user may not read this case; only where and when it was received. */
  readable: boolean;
  kind: string | null;
  state: string | null;
  content: string | null;
  petitionerName: string | null;
  /** Already linked to the asked case as a duplicate (either way). */
  linked: boolean;
}

/** The root of the reach: the province (second level of the path), or the agency itself above it. */
export function reachRoot(path: string): string {
  const parts = path.split('/');
  return parts.length >= 2 ? parts.slice(0, 2).join('/') : path;
}

/** The reach: the province subtree below its root, and the root and its ancestors' own records. */
function reachParts(agencyPath: string): { root: string; own: string[] } {
  const root = reachRoot(agencyPath);
  const ancestors = agencyPath
    .split('/')
    .map((_, i, a) => a.slice(0, i + 1).join('/'))
    .filter((p) => p.length < root.length);
  return { root, own: [root, ...ancestors] };
}

/** Ancestors' own cases plus the province subtree. */
function reachSql(agencyPath: string, column: string) {
  const { root, own } = reachParts(agencyPath);
  const col = sql.raw(column);
  return sql`(${col} like ${`${root}/%`} or ${col} in (${sql.join(own.map((a) => sql`${a}`), sql`, `)}))`;
}

/**
 * The token prefixes of danvan_search_words (migration 0008; 'px<word>' for the text) covering an agency's reach: its province (the second
 * segment of the path, lower case) and 'root' for the national root's own records; null from the root itself (its
 * reach is the country: no prefix narrows it).
 */
function scopePrefixes(agencyPath: string): string[] | null {
  const parts = agencyPath.split('/');
  if (parts.length < 2) return null;
  return [parts[1]!.toLowerCase(), 'root'];
}

const CANDIDATES = 100;
/** Cases per pair of distinctive words. */
const PAIR_LIMIT = 40;

/** Words too common in letters to tell one matter from another. */
const COMMON = new Set(
  'khieu nai cong dan nguoi gia dinh chung toi quyet dinh nghi de xem xet giai quyet viec phuong thanh pho nhan uy ban huyen tinh nhung duoc khong dong phan kien trong ngay nam thang theo quyen dung hien nhieu'.split(' '),
);

/** The 6 longest uncommon folded words of a letter (its form phrases and abbreviations handled by matterWords). */
export function distinctiveWords(content: string): string {
  const ws = [...new Set(matterWords(content).filter((w) => w.length >= 4 && !COMMON.has(w) && !/^\d+$/.test(w)))];
  return ws
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, 6)
    .join(' ');
}

interface CaseCand {
  id: string;
  code: string;
  kind: string;
  state: string;
  content: string;
  agencyPath: string;
  agencyCode: string;
  agencyName: string;
  receivedOn: string;
  petitionerName: string | null;
}

export async function findSimilarMatters(ctx: AppContext, user: CurrentUser, q: SimilarQuery): Promise<SimilarCandidate[]> {
  let agency: AgencyRow;
  let content: string;
  let selfId: string | null = null;
  let kind = q.type ?? null;
  if (q.caseId) {
    const [c] = await queryRows<{ id: string; content: string; agencyPath: string; kind: string; agencyCode: string }>(
      ctx.db,
      sql`select c.id, c.content, c.agency_path as "agencyPath", c.kind, a.code as "agencyCode" from cases c join agencies a on a.id = c.agency_id where c.id = ${q.caseId}`,
    );
    if (!c || !canSee(user, c.agencyPath)) throw notFound();
    agency = await requireAgency(ctx.db, c.agencyCode);
    content = c.content;
    selfId = c.id;
    kind = c.kind;
  } else {
    if (!q.agency) throw invalid({ field: 'agency', key: 'field.required' });
    if (!q.content?.trim()) throw invalid({ field: 'content', key: 'field.required' });
    agency = await requireAgency(ctx.db, q.agency);
    if (!canSee(user, agency.path)) {
      throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
    }
    content = q.content;
  }
  const limit = Math.min(q.limit ?? 10, 50);
  const entities = extractEntities(content);
  /** The letter's trigram set, computed once for all the candidates. */
  const grams = matterGrams(content);
  const reach = reachSql(agency.path, 'agency_path');

  // 1. Same facts (btree on (entity, value)); rows, not `distinct` (a hash of every match before the limit).
  const facts = [
    ...entities.decisions.map((v) => sql`(entity = 'decisions' and value = ${v})`),
    ...entities.parcels.map((v) => (v.endsWith('/') ? sql`(entity = 'parcels' and value like ${`${v}%`})` : sql`(entity = 'parcels' and (value = ${v} or value = ${v.split('/')[0] + '/'}))`)),
    ...entities.streets.map((v) => sql`(entity = 'streets' and value = ${v})`),
    ...entities.people.map((v) => sql`(entity = 'people' and value = ${v})`),
  ];
  // The subtree and the own records apart: each fact is then one range of (entity, value, agency_path) in the
  // btree matter_entities_scoped (migration 0006), only the province's rows read.
  const { root, own } = reachParts(agency.path);
  const anyFact = sql.join(facts, sql` or `);
  const factStage = facts.length
    ? queryRows<{ caseId: string }>(
        ctx.db,
        sql`(select case_id as "caseId" from matter_entities where (${anyFact}) and agency_path like ${`${root}/%`} limit ${CANDIDATES * 2})
            union all
            (select case_id from matter_entities where (${anyFact}) and agency_path in (${sql.join(own.map((a) => sql`${a}`), sql`, `)}) limit ${CANDIDATES})`,
      )
    : Promise.resolve([]);
  // 2. Close words: cases of the reach that contain two of the letter's three most distinctive words (longest, not
  // common). Within a province (or a ministry) one full-text query on the words prefixed by the province
  // (danvan_search_words, GIN, migration 0008, the search box's index): the posting lists are the province's, not the country's. From the
  // national root, LIKE pairs on the trigram GIN index. Ranking by similarity over the whole letter touched nearly
  // every row of a province (ADR 0022, measured by the bench).
  const top = distinctiveWords(content).split(' ').filter((w) => /^[a-z0-9]+$/.test(w)).slice(0, 3);
  const pairs = top.length >= 2 ? top.flatMap((w, i) => top.slice(i + 1).map((v) => [w, v] as const)) : top.map((w) => [w, w] as const);
  const prefixes = scopePrefixes(agency.path);
  let wordStage: Promise<{ caseId: string }[]> = Promise.resolve([]);
  if (pairs.length && prefixes) {
    const query = prefixes.flatMap((p) => pairs.map(([w, v]) => (w === v ? `${p}x${w}` : `(${p}x${w} & ${p}x${v})`))).join(' | ');
    // The reach is checked on the rows the words found, not as a second bitmap: the prefixes already keep to the
    // province, and at 10M cases the planner ANDed the province's path range (380,000 rows, 69 ms) with the words'
    // bitmap (31 ms). OFFSET 0 keeps the condition out of the scan (ADR 0022, docs/bench/2026-12-06-search-10M.txt).
    wordStage = queryRows<{ caseId: string }>(
      ctx.db,
      sql`select id as "caseId" from (
            select id, agency_path from search_docs
            where danvan_search_words(agency_path, folded, names_folded, day) @@ to_tsquery('simple', ${query}) and record_type = 'case'
            offset 0) w
          where ${reach}
          limit ${PAIR_LIMIT * pairs.length}`,
    );
  } else if (pairs.length) {
    const parts = pairs.map(
      ([w, v]) => sql`(select id from search_docs where record_type = 'case' and folded like ${`%${w}%`} and folded like ${`%${v}%`} and ${reach} limit ${PAIR_LIMIT})`,
    );
    wordStage = queryRows<{ caseId: string }>(ctx.db, sql`select id as "caseId" from (${sql.join(parts, sql` union `)}) u`);
  }
  // Both stages at once (two connections of the pool on PostgreSQL).
  const [factRows, wordRows] = await Promise.all([factStage, wordStage]);
  const ids = new Set<string>();
  for (const r of factRows) if (ids.size < CANDIDATES) ids.add(r.caseId);
  for (const r of wordRows) ids.add(r.caseId);
  if (selfId) ids.delete(selfId);
  if (!ids.size) return [];

  const cands = await queryRows<CaseCand>(
    ctx.db,
    sql`select c.id, c.code, c.kind, c.state, c.content, c.agency_path as "agencyPath", a.code as "agencyCode", a.full_name as "agencyName",
               c.received_on as "receivedOn", c.petitioner_name as "petitionerName"
        from cases c join agencies a on a.id = c.agency_id
        where c.id in (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)})`,
  );
  // The candidates' facts as extracted when they were indexed (matter_entities, the same extractEntities), not
  // extracted again here; a case without a row there (indexed before its facts were) is extracted as before.
  const stored = new Map<string, MatterEntities>();
  for (const r of await queryRows<{ caseId: string; entity: EntityKind; value: string }>(
    ctx.db,
    sql`select case_id as "caseId", entity, value from matter_entities where case_id in (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)})`,
  )) {
    let e = stored.get(r.caseId);
    if (!e) stored.set(r.caseId, (e = { decisions: [], parcels: [], streets: [], people: [], amounts: [] }));
    e[r.entity]?.push(r.value);
  }
  // Same sender: a complaint or feedback letter's petitioner against the visits and petitions of the candidates
  // (never for a denunciation, on either side: the denouncer's identity is sealed).
  const samePersonIds = new Set<string>();
  const key = kind !== 'denunciation' && q.petitioner ? personKey(q.petitioner) : null;
  if (key) {
    const people = await queryRows<{ caseId: string; name: string | null; idNumber: string | null; address: string | null }>(
      ctx.db,
      sql`select case_id as "caseId", petitioner_name as name, petitioner_id_number as "idNumber", petitioner_address as address from petitions
            where case_id in (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)}) and kind <> 'denunciation'
          union all
          select case_id, citizen_name, citizen_id_number, citizen_address from visits
            where case_id in (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)}) and kind <> 'denunciation'`,
    );
    for (const p of people) if (personKey(p) === key) samePersonIds.add(p.caseId);
  }
  const links = selfId
    ? new Set(
        (
          await queryRows<{ other: string }>(
            ctx.db,
            sql`select matter_case_id as other from duplicate_links where case_id = ${selfId} union select case_id from duplicate_links where matter_case_id = ${selfId}`,
          )
        ).map((r) => r.other),
      )
    : new Set<string>();

  const out: SimilarCandidate[] = [];
  for (const c of cands) {
    const samePerson = samePersonIds.has(c.id) && c.kind !== 'denunciation';
    const s = scoreMatter({ text: content, entities, grams }, { text: c.content, entities: stored.get(c.id) }, { samePerson });
    if (s.score < SAME_MATTER_THRESHOLD) continue;
    const readable = canSee(user, c.agencyPath) && pathWithin(c.agencyPath, reachRoot(agency.path));
    out.push({
      caseId: c.id,
      code: c.code,
      agencyCode: c.agencyCode,
      agencyName: c.agencyName,
      receivedOn: c.receivedOn,
      score: s.score,
      reasons: s.reasons,
      reasonText: reasonText(s.reasons),
      readable,
      kind: readable ? c.kind : null,
      state: readable ? c.state : null,
      content: readable ? c.content : null,
      petitionerName: readable && c.kind !== 'denunciation' ? c.petitionerName : null,
      linked: links.has(c.id),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.receivedOn.localeCompare(b.receivedOn)).slice(0, limit);
}
