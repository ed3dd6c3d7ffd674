/**
 * importReceptionRegister: reads a register kept in Excel (Mẫu 03/TCD columns) into an agency's visits.
 * Every row is validated first (domain/reception/register.ts parseRegisterRow); each problem is reported with
 * the row number as the sheet shows it, the column, and a message.
 *  - mode 'all' (default): nothing is written unless every row is valid;
 *  - mode 'valid-only': the valid rows are written, the others reported;
 *  - mode 'check': nothing is written; the report only.
 * Imported rows are historical: they open no case and start no notice clock; they are first-time visits (the
 * register has no column linking a row to an earlier one). A denunciation row never imports an identity.
 * The same file (SHA-256) cannot be imported twice into one agency. One transaction writes the import record,
 * the visits (in chunks, reporting progress) and one audit row.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isDelegation } from '@danvan/domain/reception/delegations';
import { parseRegisterRow, type ParsedRegisterRow, type RegisterColumnKey, type RegisterIssueKey, type RegisterRow } from '@danvan/domain/reception/register';
import { registerRowKey } from '@danvan/domain/imports/rows';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { importRows, registerImports, visits } from '../../db/schema.ts';
import { importedRowKeys } from '../imports/row-keys.ts';
import { AppError } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { columnHeader, columnLetter, readRegisterWorkbook, type SheetRow } from './register-xlsx.ts';
import { indexMany } from '../search/index-records.ts';

export const IMPORT_MODES = ['all', 'valid-only', 'check'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface RowIssue {
  row: number;
  column: string;
  /** A register column, or a field of a mapped sheet (modules/imports). */
  columnKey: RegisterColumnKey | string;
  header: string;
  key: RegisterIssueKey | 'register.identityDropped' | `import.${string}`;
  params: Record<string, string | number>;
}

export interface ImportReport {
  mode: ImportMode;
  /** rejected: mode 'all' with errors, nothing written. */
  status: 'imported' | 'rejected' | 'checked';
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  importId: string | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface ImportActor {
  id: string | null;
  displayName: string;
}

const CHUNK = 250;

function issue(row: number, columnKey: RegisterColumnKey, key: RowIssue['key'], params: Record<string, string | number> = {}, source?: RegisterSource): RowIssue {
  const col = source ? source.column(columnKey) : { letter: columnLetter(columnKey), header: columnHeader(columnKey) };
  return { row, column: col.letter, columnKey, header: col.header, key, params };
}

/**
 * A register read through a column mapping (modules/imports): the rows as register cells, where each register
 * column was read from, and the warnings of reading (a cell not split, a legacy encoding). Without it the file
 * must carry DânVận's own 13 headers.
 */
export interface RegisterSource {
  rows: SheetRow[];
  column: (key: RegisterColumnKey) => { letter: string; header: string };
  warnings: RowIssue[];
}

/** The row's identity across imports (a keyed digest, no personal data in clear). */
export function registerRowDigest(agencyId: string, cells: Partial<RegisterRow>): string {
  return createHash('sha256').update(`${agencyId}|${registerRowKey(cells as Record<string, string>)}`).digest('hex');
}

export async function importRegister(
  ctx: AppContext,
  actor: ImportActor,
  agency: AgencyRow,
  file: Buffer,
  mode: ImportMode,
  onProgress?: (done: number, total: number) => void,
  source?: RegisterSource,
): Promise<ImportReport> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const sheet = source ?? (await readRegisterWorkbook(file));
  const total = sheet.rows.length;
  // Progress: validation is the first half of the work, writing the second.
  const report = (done: number) => onProgress?.(done, total * 2);

  const good: { rowNumber: number; row: ParsedRegisterRow; key: string }[] = [];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [...(source?.warnings ?? [])];
  const invalidRows = new Set<number>();
  sheet.rows.forEach((r, i) => {
    const parsed = parseRegisterRow(r.cells, today);
    if ('issues' in parsed) {
      invalidRows.add(r.rowNumber);
      for (const x of parsed.issues) errors.push(issue(r.rowNumber, x.column, x.key, x.params, source));
    } else {
      good.push({ rowNumber: r.rowNumber, row: parsed.row, key: registerRowDigest(agency.id, r.cells) });
      if (parsed.row.identityDropped) warnings.push(issue(r.rowNumber, 'nameAddress', 'register.identityDropped', {}, source));
    }
    if (i % 100 === 0) report(i);
  });
  report(total);
  const base = { mode, total, valid: good.length, invalid: invalidRows.size, errors, warnings };
  if (mode === 'check') return { ...base, status: 'checked', imported: 0, importId: null };
  if (mode === 'all' && errors.length) return { ...base, status: 'rejected', imported: 0, importId: null };

  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const [previous] = await ctx.db
    .select({ createdAt: registerImports.createdAt })
    .from(registerImports)
    .where(and(eq(registerImports.agencyId, agency.id), eq(registerImports.fileSha256, fileSha256)));
  if (previous) throw new AppError(409, 'error.registerAlreadyImported', { at: previous.createdAt.toISOString() });

  // Rows an earlier import of this agency already wrote (another file holding them): skipped, named.
  const seen = await importedRowKeys(ctx.db, agency.id, 'register', good.map((g) => g.key));
  const fresh = good.filter((g) => !seen.has(g.key));
  for (const g of good) {
    const at = seen.get(g.key);
    if (at) warnings.push(issue(g.rowNumber, 'date', 'import.alreadyImported', { at: formatIsoDateVi(isoDateInVietnam(at)) }, source));
  }
  if (!fresh.length) return { ...base, status: 'imported', imported: 0, importId: null };

  return ctx.db.transaction(async (tx) => {
    const [imp] = await tx
      .insert(registerImports)
      .values({ agencyId: agency.id, fileSha256, mode, rowsTotal: total, rowsImported: fresh.length, importedBy: actor.id, createdAt: now })
      .returning({ id: registerImports.id });
    if (!imp) throw new AppError(500, 'error.internal');
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = fresh.slice(i, i + CHUNK);
      const written = await tx.insert(visits).values(
        chunk.map(({ rowNumber, row }) => ({
          agencyId: agency.id,
          agencyPath: agency.path,
          visitedOn: row.visitedOn,
          citizenName: row.citizenName,
          citizenIdNumber: row.citizenIdNumber,
          citizenIdType: row.citizenIdType,
          citizenAddress: row.citizenAddress,
          kind: row.kind,
          content: row.content,
          peopleCount: row.peopleCount,
          isDelegation: isDelegation(row.peopleCount),
          isRepeat: false,
          outcome: row.outcome,
          priorAgencies: row.priorAgencies,
          withinJurisdiction: row.withinJurisdiction,
          guidanceDocNo: row.guidanceDocNo,
          forwardedTo: row.forwardedTo,
          transferDocNo: row.transferDocNo,
          refusalGround: row.refusalGround,
          resultFollowUp: row.resultFollowUp,
          notes: row.notes,
          source: 'import',
          importId: imp.id,
          importRow: rowNumber,
          createdBy: actor.id,
          createdAt: now,
        })),
      ).returning();
      // Found by the search box like any visit (issue 18).
      await indexMany(tx, { visits: written });
      const keyOf = new Map(chunk.map((g) => [g.rowNumber, g.key]));
      await tx.insert(importRows).values(
        written.map((w) => ({ agencyId: agency.id, target: 'register', importId: imp.id, rowKey: keyOf.get(w.importRow ?? 0) ?? '', sheetRow: w.importRow ?? 0, entityId: w.id, createdAt: now })),
      );
      report(total + Math.min(i + CHUNK, fresh.length));
    }
    await writeAudit(tx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      agencyId: agency.id,
      entity: 'register-import',
      entityId: imp.id,
      action: 'register.import',
      summary: `Nhập sổ tiếp công dân từ tệp Excel: ${fresh.length}/${total} dòng${invalidRows.size ? `, bỏ qua ${invalidRows.size} dòng lỗi` : ''}${good.length > fresh.length ? `, ${good.length - fresh.length} dòng đã nhập trước đó` : ''}`,
      after: { mode, total, imported: fresh.length, skipped: invalidRows.size, alreadyImported: good.length - fresh.length, fileSha256 },
    });
    report(total * 2);
    return { ...base, status: 'imported', imported: fresh.length, importId: imp.id };
  });
}
