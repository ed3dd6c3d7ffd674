/**
 * createDialogue: the organising agency plans a dialogue of a kind (commune yearly, youth, pre-decision, thematic):
 * title, planned date, content, organiser and co-chairs (defaults from the kind, a5). Head or handler of the agency.
 */
import { sql } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isRealIsoDate } from '@danvan/domain/text';
import type { DialogueKind } from '@danvan/domain/dialogues/kinds';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { dialogues } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency, type AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { dialogueAudit } from './audit.ts';
import { dialogueKind } from './kinds.ts';
import { requireOrganiser } from './policy.ts';
import { indexDialogue } from '../search/index-records.ts';

export interface CreateDialogueInput {
  agency: string;
  kind: string;
  title: string;
  plannedOn: string;
  content?: string;
  startTime?: string;
  location?: string;
  organiser?: string;
  coChair?: string;
  complex?: boolean;
}

const text = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** Pure: the row to insert (without its code) and the audit summary. */
export function planDialogue(input: CreateDialogueInput, agency: AgencyRow, kind: DialogueKind, user: CurrentUser, now: Date) {
  const issues: FieldIssue[] = [];
  const title = cleanText(input.title);
  if (!title) issues.push({ field: 'title', key: 'field.required' });
  if (!isRealIsoDate(input.plannedOn)) issues.push({ field: 'plannedOn', key: 'field.date' });
  if (input.startTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startTime)) issues.push({ field: 'startTime', key: 'field.time' });
  if (issues.length) throw invalid(...issues);
  const row = {
    agencyId: agency.id,
    agencyPath: agency.path,
    kind: kind.key,
    status: 'planned',
    title,
    content: text(input.content),
    plannedOn: input.plannedOn,
    startTime: input.startTime ?? null,
    location: text(input.location),
    organiser: text(input.organiser) ?? kind.organiser,
    coChair: text(input.coChair) ?? kind.coChair,
    complex: input.complex ?? false,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  };
  return { row, summary: `Lên kế hoạch ${kind.label.toLowerCase()} ngày ${formatIsoDateVi(input.plannedOn)}` };
}

export async function createDialogue(ctx: AppContext, user: CurrentUser, input: CreateDialogueInput) {
  const now = ctx.now();
  const agency = await requireAgency(ctx.db, input.agency);
  requireOrganiser(user, agency);
  const kind = await dialogueKind(ctx.db, input.kind);
  const plan = planDialogue(input, agency, kind, user, now);
  return ctx.db.transaction(async (tx) => {
    // One numbering per agency and year: serialise the agency's new dialogues.
    await tx.execute(sql`select pg_advisory_xact_lock(4210014, hashtext(${agency.id}))`);
    const year = input.plannedOn.slice(0, 4);
    const prefix = `DT-${agency.code}-${year}-`;
    const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from dialogues where code like ${`${prefix}%`}`);
    const code = `${prefix}${String(Number(n?.n ?? 0) + 1).padStart(3, '0')}`;
    const [d] = await tx.insert(dialogues).values({ ...plan.row, code }).returning();
    if (!d) throw new AppError(500, 'error.internal');
    await indexDialogue(tx, d);
    await writeAudit(tx, dialogueAudit(user, d, now, 'dialogue.create', `${plan.summary} (${code})`, { code, kind: d.kind, plannedOn: d.plannedOn }));
    return d;
  });
}
