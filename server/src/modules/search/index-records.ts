/**
 * Write-time indexing for search and same-matter detection (issue 18, ADR 0022): the folded text of every case,
 * visit and petition (search_docs) and the facts of every case (matter_entities). Called in the transaction of the
 * use case that creates the record (openCase, recordVisit, createPetition), so the index is never behind.
 * A denunciation's records carry no name: none is indexed (Luật Tố cáo Art. 47(2)).
 *
 * Dialogues, commitments and consultations (ADR 0022 amendment 2026-12-06, third) are documents too, without names
 * (they carry no citizen identity; registrations, questions, opinions and submissions are never indexed), written by
 * their create use case and rewritten (upsert) by every update that changes the indexed text or day.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { COMMUNE_SUBJECTS } from '@danvan/domain/consultation/rules';
import { extractEntities, ENTITY_KINDS } from '@danvan/domain/matters/entities';
import { foldForSearch, isoDateInVietnam } from '@danvan/domain/text';
import { jsonInsert, writeTogether, type DbOrTx, type WriteStatement } from '../../db/client.ts';
import type { cases, commitments, consultations, petitions, visits } from '../../db/schema.ts';
import { dialogues, matterEntities, searchDocs } from '../../db/schema.ts';

type CaseRow = typeof cases.$inferSelect;
type VisitRow = typeof visits.$inferSelect;
type PetitionRow = typeof petitions.$inferSelect;
type DialogueRow = typeof dialogues.$inferSelect;
/** A commitment with its organising agency's id (the dialogue's agency: search_docs.agency_id). */
type CommitmentDocRow = typeof commitments.$inferSelect & { agencyId: string };
type ConsultationRow = typeof consultations.$inferSelect;

function namesOf(kind: string, names: (string | null | undefined)[]): { names: string | null; namesFolded: string | null } {
  if (kind === 'denunciation') return { names: null, namesFolded: null };
  const list = names.filter((n): n is string => Boolean(n && n.trim()));
  if (!list.length) return { names: null, namesFolded: null };
  return { names: list.join(', '), namesFolded: foldForSearch(list.join(' ')) };
}

/** The entity rows of a text, for one case. */
export function entityRows(caseId: string, agencyPath: string, content: string) {
  const e = extractEntities(content);
  return ENTITY_KINDS.flatMap((entity) => e[entity].map((value) => ({ caseId, entity, value, agencyPath })));
}

/** A record's search document: its content (and `foldedText`, which may add its code); names only where namesOf allows. */
function doc(recordType: 'case' | 'visit' | 'petition', r: { id: string; agencyId: string; agencyPath: string; kind: string; content: string }, caseId: string | null, day: string, names: (string | null | undefined)[], foldedText = r.content) {
  return { id: r.id, recordType, caseId, agencyId: r.agencyId, agencyPath: r.agencyPath, kind: r.kind, day, content: r.content, ...namesOf(r.kind, names), folded: foldForSearch(foldedText) };
}

/** A document without names (dialogue, commitment, consultation): the text parts joined, the code folded with them. */
function plainDoc(recordType: 'dialogue' | 'commitment' | 'consultation', r: { id: string; agencyId: string; agencyPath: string }, kind: string, day: string, code: string | null, parts: (string | null | undefined)[]) {
  const content = parts.filter((p): p is string => Boolean(p && p.trim())).join(' · ');
  return { id: r.id, recordType, caseId: null, agencyId: r.agencyId, agencyPath: r.agencyPath, kind, day, content, names: null, namesFolded: null, folded: foldForSearch(code ? `${code} ${content}` : content) };
}

/** Title, content, place and conclusion summary; never the registrations or the questions citizens sent. */
const dialogueDoc = (d: DialogueRow) => plainDoc('dialogue', d, d.kind, d.plannedOn, d.code, [d.title, d.content, d.location, d.conclusionSummary]);
/** Under the organiser's path; its owner agency's staff see it through a second condition at query time. */
const commitmentDoc = (c: CommitmentDocRow) => plainDoc('commitment', c, 'commitment', c.madeOn, c.code, [c.content, c.closingNote]);
const consultationDoc = (c: ConsultationRow) =>
  plainDoc('consultation', c, c.kind, c.opensOn ?? isoDateInVietnam(c.createdAt), null, [c.title, COMMUNE_SUBJECTS[c.subject as keyof typeof COMMUNE_SUBJECTS] ?? c.subject, c.audience, c.summary]);

const caseDoc = (c: CaseRow) => doc('case', c, c.id, c.receivedOn, [c.petitionerName], `${c.code} ${c.content}`);
const visitDoc = (v: VisitRow) => doc('visit', v, v.caseId, v.visitedOn, [v.citizenName]);
const petitionDoc = (p: PetitionRow) => doc('petition', p, p.caseId, p.receivedOn, [p.petitionerName, ...p.coSigners.map((c) => c.name)]);

/** The writes of a case's search document and facts, to send with the case's own (writeTogether). */
export function caseIndexWrites(c: CaseRow): WriteStatement[] {
  const rows = entityRows(c.id, c.agencyPath, c.content);
  return [jsonInsert(searchDocs, [caseDoc(c)], { onConflictDoNothing: true }), ...(rows.length ? [jsonInsert(matterEntities, rows, { onConflictDoNothing: true })] : [])];
}

/** The write of a petition's search document, to send with the petition's own (writeTogether). */
export function petitionIndexWrite(p: PetitionRow): WriteStatement {
  return jsonInsert(searchDocs, [petitionDoc(p)], { onConflictDoNothing: true });
}

export async function indexCase(tx: DbOrTx, c: CaseRow): Promise<void> {
  await writeTogether(tx, caseIndexWrites(c));
}

/** The write of a visit's search document, to send with the visit's own (writeTogether). */
export function visitIndexWrite(v: VisitRow): WriteStatement {
  return jsonInsert(searchDocs, [visitDoc(v)], { onConflictDoNothing: true });
}

export async function indexPetition(tx: DbOrTx, p: PetitionRow): Promise<void> {
  await writeTogether(tx, [petitionIndexWrite(p)]);
}

type Doc = typeof searchDocs.$inferInsert;

/** Insert or rewrite documents (every column but the id from the record). */
async function upsertDocs(tx: DbOrTx, docs: Doc[]): Promise<void> {
  if (!docs.length) return;
  await tx
    .insert(searchDocs)
    .values(docs)
    .onConflictDoUpdate({ target: searchDocs.id, set: Object.fromEntries(Object.entries(DOC_COLUMNS).map(([key, column]) => [key, sql.raw(`excluded.${column}`)])) });
}

/** A dialogue's document, written or rewritten in the use case's transaction (create, notice, conclusion). */
export async function indexDialogue(tx: DbOrTx, d: DialogueRow): Promise<void> {
  await upsertDocs(tx, [dialogueDoc(d)]);
}

/**
 * Commitments' documents (made at a conclusion, updated by their owner). `organiser`: the dialogue's id and agency
 * id when the caller has them (the conclusion); otherwise they are looked up.
 */
export async function indexCommitments(tx: DbOrTx, rows: readonly (typeof commitments.$inferSelect | undefined)[], organiser?: { id: string; agencyId: string }): Promise<void> {
  const list = rows.filter((c): c is typeof commitments.$inferSelect => Boolean(c));
  if (!list.length) return;
  const ids = [...new Set(list.map((c) => c.dialogueId))];
  const organisers =
    organiser && ids.length === 1 && ids[0] === organiser.id
      ? new Map([[organiser.id, organiser.agencyId]])
      : new Map((await tx.select({ id: dialogues.id, agencyId: dialogues.agencyId }).from(dialogues).where(ids.length === 1 ? eq(dialogues.id, ids[0]!) : inArray(dialogues.id, ids))).map((d) => [d.id, d.agencyId]));
  await upsertDocs(tx, list.flatMap((c) => (organisers.has(c.dialogueId) ? [commitmentDoc({ ...c, agencyId: organisers.get(c.dialogueId)! })] : [])));
}

/** A consultation's document (create, publish). */
export async function indexConsultation(tx: DbOrTx, c: ConsultationRow | undefined): Promise<void> {
  if (c) await upsertDocs(tx, [consultationDoc(c)]);
}

/**
 * Bulk writers (imports from Excel, `danvan search reindex`, the national generator): the same documents and
 * entities, a few thousand rows per statement. With `refresh` an existing document is rewritten from its record
 * (content edited since, names sealed since) and the cases' entities are replaced — run it in one transaction.
 */
export async function indexMany(
  tx: DbOrTx,
  rows: {
    cases?: readonly CaseRow[];
    visits?: readonly VisitRow[];
    petitions?: readonly PetitionRow[];
    dialogues?: readonly DialogueRow[];
    commitments?: readonly CommitmentDocRow[];
    consultations?: readonly ConsultationRow[];
  },
  opts: { refresh?: boolean } = {},
): Promise<void> {
  const docs = [
    ...(rows.cases ?? []).map(caseDoc),
    ...(rows.visits ?? []).map(visitDoc),
    ...(rows.petitions ?? []).map(petitionDoc),
    ...(rows.dialogues ?? []).map(dialogueDoc),
    ...(rows.commitments ?? []).map(commitmentDoc),
    ...(rows.consultations ?? []).map(consultationDoc),
  ];
  const entities = (rows.cases ?? []).flatMap((c) => entityRows(c.id, c.agencyPath, c.content));
  const CHUNK = 2_000;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const insert = tx.insert(searchDocs).values(docs.slice(i, i + CHUNK));
    if (!opts.refresh) await insert.onConflictDoNothing();
    else {
      await insert.onConflictDoUpdate({
        target: searchDocs.id,
        set: Object.fromEntries(Object.entries(DOC_COLUMNS).map(([key, column]) => [key, sql.raw(`excluded.${column}`)])),
      });
    }
  }
  if (opts.refresh && rows.cases?.length) {
    const ids = rows.cases.map((c) => c.id);
    for (let i = 0; i < ids.length; i += CHUNK) await tx.delete(matterEntities).where(inArray(matterEntities.caseId, ids.slice(i, i + CHUNK)));
  }
  for (let i = 0; i < entities.length; i += CHUNK) await tx.insert(matterEntities).values(entities.slice(i, i + CHUNK)).onConflictDoNothing();
}

/** The columns a refresh rewrites (every column but the id): property → SQL name. */
const DOC_COLUMNS = {
  recordType: 'record_type',
  caseId: 'case_id',
  agencyId: 'agency_id',
  agencyPath: 'agency_path',
  kind: 'kind',
  day: 'day',
  content: 'content',
  names: 'names',
  namesFolded: 'names_folded',
  folded: 'folded',
} as const;
