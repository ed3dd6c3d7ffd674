/**
 * Repeat and duplicate detection at intake: cases of the same person (same ID number, or the same folded name
 * and address) with similar content (diacritic-insensitive), in this agency's subtree or in agencies it
 * forwarded to or received from. The handler links the new visit/petition to the case (`caseId`) instead of
 * opening a second one.
 * A denunciation's identity is sealed: its visits and petitions hold none. The denouncer of a new denunciation is
 * matched only by the keyed hash stored beside each sealed identity (`sealed_identities.person_hash`, ADR 0011),
 * never by opening a box, and only against cases of this agency's subtree or linked to one of them by forwarding;
 * the answer says "same person" and nothing else about them.
 */
import { and, eq, exists, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contentSimilarity, personKey, SIMILAR_CONTENT_THRESHOLD } from '@danvan/domain/classification';
import { foldForSearch } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, cases, petitions, sealedIdentities, visits } from '../../db/schema.ts';
import type { PersonFacts } from '../../security/person-hash.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export interface RepeatQuery {
  /** The petitioner of a complaint or feedback: matched on the identities visits and petitions hold. */
  idNumber?: string;
  name?: string;
  address?: string;
  content: string;
  /** The denouncer of a new denunciation: matched only by keyed hash against sealed identities. */
  denouncer?: PersonFacts;
}

/** At most this many cases per denouncer: enough for a repeat check, bounded for a pathological hash. */
const DENOUNCER_CASES = 500;

/**
 * Where a same-person match may come from (the reach of the intake desk): a case in `agency`'s subtree, or one
 * linked by forwarding (either way) to a case of its subtree. A person's cases elsewhere in the country are not
 * shown: the check takes any ID number typed in, so it must not tell who has petitioned where outside the scope.
 */
function reachableFrom(ctx: AppContext, agency: AgencyRow) {
  const linked = alias(cases, 'linked');
  const forwardingLink = ctx.db
    .select({ one: sql`1` })
    .from(linked)
    .where(
      and(
        or(eq(linked.id, cases.forwardedFromId), eq(linked.id, cases.forwardedToId), eq(linked.forwardedToId, cases.id), eq(linked.forwardedFromId, cases.id)),
        subtreeCondition(agency.path, linked.agencyPath),
      ),
    );
  return or(subtreeCondition(agency.path, cases.agencyPath), exists(forwardingLink));
}

/** The cases whose sealed identities carry this denouncer's hash, reachable from `agency`. */
async function denouncerCaseIds(ctx: AppContext, agency: AgencyRow, person: PersonFacts): Promise<Set<string>> {
  const hash = ctx.personHasher.hash(person);
  if (!hash) return new Set();
  const rows = await ctx.db
    .selectDistinct({ caseId: sealedIdentities.caseId })
    .from(sealedIdentities)
    .innerJoin(cases, eq(cases.id, sealedIdentities.caseId))
    .where(and(eq(sealedIdentities.personHash, hash), reachableFrom(ctx, agency)))
    .limit(DENOUNCER_CASES);
  return new Set(rows.map((r) => r.caseId));
}

/** Of a petitioner's cases (found by the identities visits and petitions hold), those reachable from `agency`. */
async function reachableCaseIds(ctx: AppContext, agency: AgencyRow, ids: Set<string>): Promise<Set<string>> {
  if (!ids.size) return ids;
  const rows = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.id, [...ids]), reachableFrom(ctx, agency)));
  return new Set(rows.map((r) => r.id));
}

export interface RepeatCandidate {
  id: string;
  code: string;
  kind: string;
  state: string;
  agencyCode: string;
  agencyName: string;
  receivedOn: string;
  similarity: number;
  samePerson: boolean;
}

export async function findRepeats(ctx: AppContext, agency: AgencyRow, q: RepeatQuery): Promise<RepeatCandidate[]> {
  const key = q.denouncer ? null : personKey(q);
  let personCaseIds = q.denouncer ? await denouncerCaseIds(ctx, agency, q.denouncer) : new Set<string>();
  if (key) {
    const byVisit = key.startsWith('id:')
      ? eq(visits.citizenIdNumber, key.slice(3))
      : and(subtreeCondition(agency.path, visits.agencyPath), isNotNull(visits.citizenName));
    const byPetition = key.startsWith('id:')
      ? eq(petitions.petitionerIdNumber, key.slice(3))
      : and(subtreeCondition(agency.path, petitions.agencyPath), isNotNull(petitions.petitionerName));
    const vrows = await ctx.db.select({ caseId: visits.caseId, name: visits.citizenName, address: visits.citizenAddress }).from(visits).where(byVisit).limit(2000);
    const prows = await ctx.db.select({ caseId: petitions.caseId, name: petitions.petitionerName, address: petitions.petitionerAddress }).from(petitions).where(byPetition).limit(2000);
    for (const r of [...vrows, ...prows]) {
      if (!r.caseId) continue;
      if (key.startsWith('id:') || personKey({ name: r.name, address: r.address }) === key) personCaseIds.add(r.caseId);
    }
    personCaseIds = await reachableCaseIds(ctx, agency, personCaseIds);
  }
  // Candidates: the same person's reachable cases, plus this subtree's recent cases with similar words.
  const words = foldForSearch(q.content).split(' ').filter((w) => w.length > 3).slice(0, 6);
  const textCond = words.length ? or(...words.map((w) => sql`${cases.contentKey} like ${`%${w}%`}`)) : sql`false`;
  const rows = await ctx.db
    .select({ c: cases, agencyCode: agencies.code, agencyName: agencies.fullName })
    .from(cases)
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(or(personCaseIds.size ? inArray(cases.id, [...personCaseIds]) : sql`false`, and(subtreeCondition(agency.path, cases.agencyPath), textCond)))
    .limit(500);
  // Forwarding chains: a case this agency forwarded, or one forwarded to it, is the same matter.
  const out: RepeatCandidate[] = [];
  for (const r of rows) {
    // A petitioner's identity never says "same person" about a denunciation case (a complaint-type visit filed on
    // one, or a case reclassified as one): only the sealed-identity hash of a new denunciation may (issue 13).
    const samePerson = personCaseIds.has(r.c.id) && (Boolean(q.denouncer) || r.c.kind !== 'denunciation');
    const similarity = contentSimilarity(q.content, r.c.content);
    const reachable = samePerson || r.c.agencyPath === agency.path || r.c.agencyPath.startsWith(`${agency.path}/`);
    if (!reachable) continue;
    if (similarity >= SIMILAR_CONTENT_THRESHOLD && (samePerson || similarity >= 0.6)) {
      out.push({ id: r.c.id, code: r.c.code, kind: r.c.kind, state: r.c.state, agencyCode: r.agencyCode, agencyName: r.agencyName, receivedOn: r.c.receivedOn, similarity: Math.round(similarity * 100) / 100, samePerson });
    }
  }
  return out.sort((a, b) => Number(b.samePerson) - Number(a.samePerson) || b.similarity - a.similarity).slice(0, 10);
}
