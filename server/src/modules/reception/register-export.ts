/**
 * The register of one agency for a date range (sổ tiếp công dân, Mẫu 03/TCD): the rows as JSON (the filterable
 * view) and as XLSX (exportReceptionRegister). Order: visit date, then the order the visits were recorded in
 * (imported rows keep their order in the sheet). Denunciation rows show the sealed placeholder, never the identity.
 * Column 12 (result follow-up) shows what was written there, or else the linked case and its state.
 */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { toRegisterRow, type RegisterRow } from '@danvan/domain/reception/register';
import type { VisitOutcome } from '@danvan/domain/reception/visits';
import { formatIsoDateVi } from '@danvan/domain/text';
import { STATE_LABELS, isCaseKind, type CaseKind } from '@danvan/domain/workflow';
import type { DbOrTx } from '../../db/client.ts';
import { cases, visits } from '../../db/schema.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { buildRegisterWorkbook } from './register-xlsx.ts';

export interface RegisterEntry {
  visitId: string;
  caseId: string | null;
  row: RegisterRow;
}

export async function registerEntries(db: DbOrTx, agency: AgencyRow, from: string, to: string): Promise<RegisterEntry[]> {
  const rows = await db
    .select({ v: visits, caseCode: cases.code, caseState: cases.state, caseKind: cases.kind })
    .from(visits)
    .leftJoin(cases, eq(cases.id, visits.caseId))
    .where(and(eq(visits.agencyId, agency.id), between(visits.visitedOn, from, to)))
    .orderBy(asc(visits.visitedOn), asc(visits.createdAt), sql`${visits.importRow} asc nulls last`, asc(visits.id));
  return rows.map(({ v, caseCode, caseState, caseKind }, i) => {
    const kind: CaseKind = isCaseKind(v.kind) ? v.kind : 'feedback';
    const followUp = v.resultFollowUp ?? (caseCode ? `Vụ việc ${caseCode}: ${STATE_LABELS[caseState ?? ''] ?? caseState}` : null);
    return {
      visitId: v.id,
      caseId: v.caseId,
      row: toRegisterRow(i + 1, {
        visitedOn: v.visitedOn,
        kind,
        attachedToDenunciation: caseKind === 'denunciation',
        citizenName: v.citizenName,
        citizenAddress: v.citizenAddress,
        citizenIdNumber: v.citizenIdNumber,
        content: v.content,
        peopleCount: v.peopleCount,
        priorAgencies: v.priorAgencies,
        withinJurisdiction: v.withinJurisdiction,
        outcome: v.outcome as VisitOutcome,
        guidanceDocNo: v.guidanceDocNo,
        forwardedTo: v.forwardedTo,
        transferDocNo: v.transferDocNo,
        refusalGround: v.refusalGround,
        resultFollowUp: followUp,
        notes: v.notes,
      }),
    };
  });
}

export function periodText(from: string, to: string): string {
  return `Từ ngày ${formatIsoDateVi(from)} đến ngày ${formatIsoDateVi(to)}`;
}

export function registerFileName(agency: AgencyRow, from: string, to: string): string {
  return `so-tiep-cong-dan-${agency.code}-${from}-${to}.xlsx`;
}

export async function exportRegisterXlsx(db: DbOrTx, agency: AgencyRow, from: string, to: string): Promise<{ file: Buffer; rows: number }> {
  const entries = await registerEntries(db, agency, from, to);
  const file = await buildRegisterWorkbook(
    entries.map((e) => e.row),
    { agencyName: agency.fullName, periodText: periodText(from, to) },
  );
  return { file, rows: entries.length };
}
