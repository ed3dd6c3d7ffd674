/**
 * importCases / previewCaseImport: an agency's open and recently closed cases, kept in Excel, brought in with
 * their history. Each row becomes what the clerks' own clicks would have made of it: the written petition
 * received on its date (createPetition), then the workflow steps its dates and state call for (accept on the
 * acceptance date, verification, dialogue, decision / conclusion / answer with its outcome and number, guidance,
 * archiving, withdrawal, suspension), each one checked by the workflow table and timed by the legal clock. The
 * steps go through the national generator's in-memory use cases (seed-national/use-cases.ts), which call the
 * case engine's own functions (checkTransition, clockRuleFor, stepPatch, computeClock) and are tested to write the
 * same rows as the real use cases — so a change of the workflow or of a clock rule applies to imports as well.
 *
 * A case whose deadline has already passed is marked overdue from the import day, as the sweep would. A
 * denouncer's identity is sealed with the case like any other (never in the petition, the case, a log or the
 * audit trail). Every case gets an audit row "case.import"; the import one "cases.import".
 * Safety: every row is checked first; mode 'all' writes nothing when a row is bad, 'valid-only' writes the good
 * rows, 'check' writes nothing; the same file (SHA-256) is refused the second time and rows an earlier import
 * wrote (same reference, else same facts) are skipped; all in one transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { STATE_LABELS, checkTransition, type CaseKind } from '@danvan/domain/workflow';
import { caseRowKey, toImportedCase, type ImportedCase } from '@danvan/domain/imports/rows';
import { formatIsoDateVi, isoDateInVietnam, isValidPersonalId, normalizePhone } from '@danvan/domain/text';
import type { WorkCalendar } from '@danvan/domain/clock/index';
import type { AppContext } from '../../context.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import { caseImports, cases, importRows, nationalSyncOutbox, petitions, sealedIdentities } from '../../db/schema.ts';
import { importedCaseSyncRows, wakeNationalSync, type SyncStep } from '../national-sync/enqueue-sync.ts';
import { AppError } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadCalendar, lockedCalendar } from '../clock/deadlines.ts';
import { Clock, GENERATOR_ROLES, caseCode, caseFacts, createPetition, receiveLinkedCase, transitionCase, type CaseState, type PetitionRow, type SealedRow, type World } from '../../tools/seed-national/use-cases.ts';
import { resolveAgencies, type AgencyLookup } from './agency-names.ts';
import { insertAll } from '../../tools/seed-national/write-rows.ts';
import type { ImportActor, ImportMode, RowIssue } from '../reception/register-import.ts';
import { columnOfField, columnsView, legacyWarning, prepareSheet, saveTemplate, type PreparedSheet } from './prepare.ts';
import { importedRowKeys } from './row-keys.ts';
import { requireUsableMapping } from './import-register.ts';
import { indexMany } from '../search/index-records.ts';

export interface PlannedCase {
  rowNumber: number;
  key: string;
  input: ImportedCase;
  state: CaseState;
  petition: PetitionRow;
  sealed: SealedRow | null;
  year: number;
  seq: number;
  /** A forwarded row: the case the receiving agency opens (channel «forwarded», its own clock from the forwarding day). */
  linked: { state: CaseState; petition: PetitionRow; sealed: SealedRow[]; year: number; events: SyncEvent[] } | null;
  /** The national sync events of the case (open, then each step), with the case as it stood after each one. */
  events: SyncEvent[];
}

/** One event for the national complaints database (national-sync/enqueue-sync.ts), planned with the row. */
interface SyncEvent {
  step: SyncStep;
  row: CaseState['row'];
}

export interface CaseImportReport {
  mode: ImportMode;
  status: 'imported' | 'rejected' | 'checked';
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  importId: string | null;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The first rows as DânVận will hold them (state, deadline). */
  preview: { row: number; kind: CaseKind; state: string; stateLabel: string; receivedOn: string; dueOn: string | null; overdue: boolean }[];
}

export function caseRowDigest(agencyId: string, c: ImportedCase): string {
  return createHash('sha256').update(`${agencyId}|${caseRowKey(c)}`).digest('hex');
}

function issueAt(p: PreparedSheet, row: number, field: string, key: string, params: Record<string, string | number> = {}): RowIssue {
  const c = columnOfField(p, field);
  return { row, column: c.letter, columnKey: field, header: c.header, key: key as RowIssue['key'], params };
}

function world(calendar: WorkCalendar, ctx: AppContext, actor: ImportActor, targets: ReadonlyMap<string, AgencyRow> = new Map()): World & { seqs: Map<string, number> } {
  const seqs = new Map<string, number>();
  return {
    clock: new Clock(calendar),
    // The CLI acts without an account: its rows carry no creator (null), like the register import's.
    actor: { id: actor.id as string, displayName: actor.displayName },
    sealer: ctx.sealer,
    personHasher: ctx.personHasher,
    agencyByCode: (code) => targets.get(code),
    // Provisional numbers, per agency and year; recode() gives the real ones in the transaction.
    nextSeq: (agencyId, year) => {
      const n = (seqs.get(`${agencyId}|${year}`) ?? 0) + 1;
      seqs.set(`${agencyId}|${year}`, n);
      return n;
    },
    handled: new Set(),
    newId: randomUUID,
    seqs,
  };
}

/** Plans every row; pure apart from reading nothing (the calendar is given). */
export function planCases(p: PreparedSheet, w: World, agency: AgencyRow, now: Date, today: string, lookups: ReadonlyMap<string, AgencyLookup> = new Map()) {
  const planned: PlannedCase[] = [];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const invalid = new Set<number>();
  for (const r of p.rows) {
    const read = toImportedCase(r.values, today);
    if ('issues' in read) {
      invalid.add(r.rowNumber);
      for (const i of read.issues) errors.push(issueAt(p, r.rowNumber, i.field, i.key, i.params));
      continue;
    }
    const c = read.case;
    for (const n of read.warnings) warnings.push(issueAt(p, r.rowNumber, n.field, n.key, n.params));
    const rowErrors: RowIssue[] = [];
    for (const step of c.steps) {
      if (step.action !== 'forward' || !step.targetAgency) continue;
      const found = lookups.get(step.targetAgency);
      if (found && 'agency' in found) step.targetAgency = found.agency.code;
      else rowErrors.push(issueAt(p, r.rowNumber, 'forwardTo', found?.issue ?? 'import.agencyUnknown', found?.params ?? { value: step.targetAgency }));
    }
    const idField = r.values.idNumber ? 'idNumber' : 'person';
    if (c.person?.idNumber && !isValidPersonalId(c.person.idNumber)) rowErrors.push(issueAt(p, r.rowNumber, idField, 'import.idNumber', { value: c.person.idNumber }));
    if (c.person?.phone && !normalizePhone(c.person.phone)) rowErrors.push(issueAt(p, r.rowNumber, 'phone', 'import.phone', { value: c.person.phone }));
    if (rowErrors.length) {
      invalid.add(r.rowNumber);
      errors.push(...rowErrors);
      continue;
    }
    const person = c.person ? { name: c.person.name, ...(c.person.idNumber ? { idNumber: c.person.idNumber } : {}), ...(c.person.address ? { address: c.person.address } : {}), ...(c.person.phone ? { phone: c.person.phone } : {}) } : undefined;
    const ids = { petition: randomUUID(), case: randomUUID() };
    const { petition, opened, sealed } = createPetition(w, agency, { agency: agency.code, channel: 'post', receivedOn: c.receivedOn, type: c.kind, content: c.content, anonymous: !person, ...(person ? { petitioner: person } : {}) }, now, null, ids);
    const state = opened!;
    if (c.instance === 2 && c.kind === 'complaint') state.row.instance = 2;
    const events: SyncEvent[] = [{ step: { action: 'open', on: c.receivedOn }, row: { ...state.row } }];
    let failed: string | null = null;
    let linked: PlannedCase['linked'] = null;
    for (const step of c.steps) {
      const facts = caseFacts(w, state, today, step);
      const check = checkTransition(c.kind, state.row.state, step.action, GENERATOR_ROLES, step, facts);
      if (!check.ok) {
        failed = check.detail && check.reason === 'guard' ? check.detail : `bước «${step.action}» không làm được khi vụ việc «${STATE_LABELS[state.row.state] ?? state.row.state}»`;
        break;
      }
      if (step.on < state.row.receivedOn) {
        failed = `ngày ${formatIsoDateVi(step.on)} trước ngày nhận đơn`;
        break;
      }
      const sent = transitionCase(w, state, step, now, today, randomUUID);
      if (sent && sent.relation === 'forward') {
        const received = receiveLinkedCase(w, sent, now);
        const events = [{ step: { action: 'receive-forwarded', on: sent.on, targetAgency: agency.code }, row: { ...received.state.row } }];
        linked = { state: received.state, petition: received.petition, sealed: received.state.sealed, year: Number(sent.on.slice(0, 4)), events };
      }
      events.push({ step: { action: step.action, on: step.on, outcome: step.outcome ?? null, targetAgency: step.targetAgency ?? null }, row: { ...state.row } });
    }
    if (failed) {
      invalid.add(r.rowNumber);
      errors.push(issueAt(p, r.rowNumber, 'state', 'import.step', { detail: failed }));
      continue;
    }
    // Already past its deadline on the import day: overdue from today, as the sweep marks it.
    if (state.row.dueOn && state.row.dueOn < today) state.row.overdueSince = today;
    const year = Number(c.receivedOn.slice(0, 4));
    if (linked?.state.row.dueOn && linked.state.row.dueOn < today) linked.state.row.overdueSince = today;
    planned.push({ rowNumber: r.rowNumber, key: caseRowDigest(agency.id, c), input: c, state, petition, sealed, year, seq: Number(state.row.code.slice(-5)), linked, events });
  }
  return { planned, errors, warnings, invalid };
}

export interface CaseImportOptions {
  mapping?: Record<string, string>;
  onProgress?: (done: number, total: number) => void;
  /** Preview: no template needed (the proposal is shown), nothing written. */
  preview?: boolean;
}

export async function importCaseFile(ctx: AppContext, actor: ImportActor, agency: AgencyRow, file: Buffer, mode: ImportMode, opts: CaseImportOptions = {}): Promise<{ report: CaseImportReport; sheet: PreparedSheet }> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const p = await prepareSheet(ctx.db, agency, 'cases', file, opts.mapping);
  if (!opts.preview) {
    if (p.mappingSource === 'proposal') throw new AppError(400, 'error.importMappingNeeded', {}, [], { columns: columnsView(p) });
    requireUsableMapping(p);
  }
  const total = p.rows.length;
  const progress = (done: number) => opts.onProgress?.(done, total * 2);
  const legacy = legacyWarning(p.encoding);
  const head: RowIssue[] = legacy ? [{ row: (p.layout.headerRows[0] ?? 0) + 1, column: '', columnKey: '', header: '', key: legacy.key, params: legacy.params }] : [];

  // Forwarded rows name their receiving agency: found once per distinct text, before any row is planned.
  const forwardTexts = [...new Set(p.rows.map((r) => (r.values.forwardTo ?? '').trim()).filter(Boolean).map((t) => t.normalize('NFC').replace(/\s+/g, ' ')))];
  const lookups = await resolveAgencies(ctx.db, agency, forwardTexts);
  const targets = new Map<string, AgencyRow>([...lookups.values()].flatMap((l) => ('agency' in l ? [[l.agency.code, l.agency] as const] : [])));
  const run = async (calendar: WorkCalendar) => {
    const w = world(calendar, ctx, actor, targets);
    const plan = planCases(p, w, agency, now, today, lookups);
    progress(total);
    return { ...plan, w };
  };
  const summary = (plan: Awaited<ReturnType<typeof run>>, status: CaseImportReport['status'], imported: number, importId: string | null, extra: RowIssue[] = []): CaseImportReport => ({
    mode,
    status,
    total,
    valid: plan.planned.length,
    invalid: plan.invalid.size,
    imported,
    importId,
    errors: plan.errors,
    warnings: [...head, ...plan.warnings, ...extra],
    preview: plan.planned.slice(0, 20).map((c) => ({
      row: c.rowNumber,
      kind: c.input.kind,
      state: c.state.row.state,
      stateLabel: STATE_LABELS[c.state.row.state] ?? c.state.row.state,
      receivedOn: c.input.receivedOn,
      dueOn: c.state.row.dueOn,
      overdue: Boolean(c.state.row.overdueSince),
    })),
  });

  if (opts.preview || mode === 'check' || p.mappingProblems.length) {
    const plan = await run(await loadCalendar(ctx.db));
    return { report: summary(plan, 'checked', 0, null), sheet: p };
  }

  const [previous] = await ctx.db.select({ createdAt: caseImports.createdAt }).from(caseImports).where(and(eq(caseImports.agencyId, agency.id), eq(caseImports.fileSha256, p.fileSha256)));
  if (previous) throw new AppError(409, 'error.importAlready', { at: formatIsoDateVi(isoDateInVietnam(previous.createdAt)) });

  const result = await ctx.db.transaction(async (tx) => {
    // The deadlines are stored: computed with the calendar lock held, like every stored deadline.
    const plan = await run(await lockedCalendar(tx));
    if (mode === 'all' && plan.errors.length) return summary(plan, 'rejected', 0, null);
    const seen = await importedRowKeys(tx, agency.id, 'cases', plan.planned.map((c) => c.key));
    const fresh = plan.planned.filter((c) => !seen.has(c.key));
    const skipped = plan.planned
      .filter((c) => seen.has(c.key))
      .map((c) => issueAt(p, c.rowNumber, Object.values(p.mapping).includes('ref') ? 'ref' : 'receivedOn', 'import.alreadyImported', { at: formatIsoDateVi(isoDateInVietnam(seen.get(c.key)!)) }));
    if (!fresh.length) return summary(plan, 'imported', 0, null, skipped);
    await recode(tx, agency, fresh);
    const [imp] = await tx
      .insert(caseImports)
      .values({ agencyId: agency.id, fileSha256: p.fileSha256, mode, rowsTotal: total, rowsImported: fresh.length, importedBy: actor.id, createdAt: now })
      .returning({ id: caseImports.id });
    if (!imp) throw new AppError(500, 'error.internal');
    const linked = fresh.flatMap((c) => (c.linked ? [{ from: c, ...c.linked }] : []));
    await insertAll(tx, cases, [...fresh.map((c) => c.state.row), ...linked.map((l) => l.state.row)]);
    await insertAll(tx, petitions, [...fresh.map((c) => c.petition), ...linked.map((l) => l.petition)]);
    await insertAll(tx, sealedIdentities, [...fresh.flatMap((c) => (c.sealed ? [c.sealed] : [])), ...linked.flatMap((l) => l.sealed)]);
    // Found by the search box and by same-matter detection like any case (issue 18).
    await indexMany(tx, { cases: [...fresh.map((c) => c.state.row), ...linked.map((l) => l.state.row)], petitions: [...fresh.map((c) => c.petition), ...linked.map((l) => l.petition)] });
    await tx.insert(importRows).values(fresh.map((c) => ({ agencyId: agency.id, target: 'cases', importId: imp.id, rowKey: c.key, sheetRow: c.rowNumber, entityId: c.state.row.id, createdAt: now })));
    // Real accepted cases: the national complaints database gets them and their steps like the desk's (ADR 0021).
    await queueNationalSync(tx, fresh, now);
    // The receiving agencies' cases belong to the import too (undone with it), under a key of their own.
    if (linked.length) await tx.insert(importRows).values(linked.map((l) => ({ agencyId: l.state.agency.id, target: 'cases-received', importId: imp.id, rowKey: `${l.from.key}:forwarded`, sheetRow: l.from.rowNumber, entityId: l.state.row.id, createdAt: now })));
    let done = 0;
    for (const c of fresh) {
      const row = c.state.row;
      await writeAudit(tx, {
        at: now,
        actorId: actor.id,
        actorName: actor.displayName,
        agencyId: agency.id,
        entity: 'case',
        entityId: row.id,
        caseId: row.id,
        action: 'case.import',
        summary: `Nhập vụ việc ${row.code} từ tệp Excel (dòng ${c.rowNumber}): ${STATE_LABELS[row.state] ?? row.state}${forwardNote(c)}${row.dueOn ? `, hạn ${formatIsoDateVi(row.dueOn)}${row.overdueSince ? ' (đã quá hạn)' : ''}` : ''}`,
        after: { imported: true, importId: imp.id, sheetRow: c.rowNumber, code: row.code, kind: row.kind, state: row.state, receivedOn: row.receivedOn, acceptedOn: row.acceptedOn, decidedOn: row.decidedOn, dueOn: row.dueOn, steps: c.input.steps.map((s) => `${s.action}@${s.on}${s.documentNo ? ` #${s.documentNo}` : ''}`) },
      });
      if (c.linked) {
        const lr = c.linked.state.row;
        await writeAudit(tx, {
          at: now,
          actorId: actor.id,
          actorName: actor.displayName,
          agencyId: c.linked.state.agency.id,
          entity: 'case',
          entityId: lr.id,
          caseId: lr.id,
          action: 'case.import',
          summary: `Nhận vụ việc ${lr.code} do ${agency.fullName} chuyển đến ngày ${formatIsoDateVi(lr.receivedOn)} (nhập từ tệp Excel của cơ quan chuyển, dòng ${c.rowNumber})${lr.dueOn ? `, hạn ${formatIsoDateVi(lr.dueOn)}${lr.overdueSince ? ' (đã quá hạn)' : ''}` : ''}`,
          after: { imported: true, importId: imp.id, sheetRow: c.rowNumber, code: lr.code, kind: lr.kind, state: lr.state, receivedOn: lr.receivedOn, dueOn: lr.dueOn, forwardedFrom: row.code },
        });
      }
      if (++done % 100 === 0) progress(total + done);
    }
    await writeAudit(tx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      agencyId: agency.id,
      entity: 'case-import',
      entityId: imp.id,
      action: 'cases.import',
      summary: `Nhập ${fresh.length}/${total} vụ việc từ tệp Excel${plan.invalid.size ? `, bỏ qua ${plan.invalid.size} dòng lỗi` : ''}${skipped.length ? `, ${skipped.length} dòng đã nhập trước đó` : ''}`,
      after: { mode, total, imported: fresh.length, skipped: plan.invalid.size, alreadyImported: skipped.length, fileSha256: p.fileSha256 },
    });
    progress(total * 2);
    return summary(plan, 'imported', fresh.length, imp.id, skipped);
  });
  if (p.mappingSource === 'request' && result.status === 'imported') await saveTemplate(ctx.db, agency, 'cases', p.signature, p.mapping, actor.id, now);
  return { report: result, sheet: p };
}

/**
 * The imported cases' events for the national complaints database (NĐ 55/2022 Art. 8), in the import's
 * transaction: what the desk would have queued for the same steps (national-sync/enqueue-sync.ts). A denouncer's
 * identity is never in them (buildPayload sends no petitioner for a denunciation).
 */
async function queueNationalSync(tx: Tx, fresh: PlannedCase[], now: Date) {
  const rows = fresh.flatMap((c) => {
    const own = importedCaseSyncRows(c.state.row, c.events, now, { forwardedFromCode: null, previousInstanceCode: null });
    return c.linked ? [...own, ...importedCaseSyncRows(c.linked.state.row, c.linked.events, now, { forwardedFromCode: c.state.row.code, previousInstanceCode: null })] : own;
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(nationalSyncOutbox).values(rows.slice(i, i + 1000));
  if (rows.length) wakeNationalSync();
}

/** «, chuyển đến Ủy ban nhân dân Phường Ngọc Hà theo văn bản số 15/UBND-TCD» for a forwarded row. */
function forwardNote(c: PlannedCase): string {
  const step = c.input.steps.find((s) => s.action === 'forward');
  if (!step || !c.linked) return '';
  return `, chuyển đến ${c.linked.state.agency.fullName} ngày ${formatIsoDateVi(step.on)}${step.documentNo ? ` theo văn bản số ${step.documentNo}` : ''}`;
}

/** Real case codes: a block of numbers per agency and year taken from case_sequences in the transaction. */
async function recode(tx: Tx, agency: AgencyRow, planned: PlannedCase[]) {
  const groups = new Map<string, { agency: AgencyRow; year: number; rows: { seq: number; state: CaseState }[] }>();
  const add = (a: AgencyRow, year: number, seq: number, state: CaseState) => {
    const k = `${a.id}|${year}`;
    const g = groups.get(k) ?? { agency: a, year, rows: [] };
    g.rows.push({ seq, state });
    groups.set(k, g);
  };
  for (const c of planned) {
    add(agency, c.year, c.seq, c.state);
    if (c.linked) add(c.linked.state.agency, c.linked.year, Number(c.linked.state.row.code.slice(-5)), c.linked.state);
  }
  for (const g of groups.values()) {
    const n = g.rows.length;
    const [r] = await queryRows<{ last: number }>(tx, sql`
      insert into case_sequences (agency_id, year, last) values (${g.agency.id}, ${g.year}, ${n})
      on conflict (agency_id, year) do update set last = case_sequences.last + ${n}
      returning last`);
    const base = Number(r?.last) - n;
    g.rows.sort((a, b) => a.seq - b.seq).forEach((c, i) => {
      c.state.row.code = caseCode(g.agency, g.year, base + i + 1);
    });
  }
}
