/**
 * importReceptionRegister with a column mapping: a register kept in any layout (the official Mẫu 03/TCD with its
 * two-row merged header, the agency's own wording, a CSV) is read through the mapping into the 13 register cells
 * and then checked and written by the register import of DânVận's own format (reception/register-import.ts), so
 * both follow the same rules and the same all-or-nothing / valid-only / check modes.
 *
 * Without a mapping, a file with DânVận's own 13 headers imports exactly as before; any other file imports with
 * the agency's saved template for its header, and without one the import asks for the mapping to be confirmed
 * (400 with the proposal) — nothing is imported on a guess.
 */
import type { RegisterColumnKey } from '@danvan/domain/reception/register';
import { toRegisterCells } from '@danvan/domain/imports/rows';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { importRegister, type ImportActor, type ImportMode, type ImportReport, type RegisterSource, type RowIssue } from '../reception/register-import.ts';
import type { SheetRow } from '../reception/register-xlsx.ts';
import { columnOfField, columnsView, legacyWarning, prepareSheet, saveTemplate, type PreparedSheet } from './prepare.ts';
import { readRegisterWorkbook } from '../reception/register-xlsx.ts';

/** Which mapped fields feed each register column (the first one mapped names the column in messages). */
const FED_BY: Record<RegisterColumnKey, string[]> = {
  no: ['no'],
  date: ['date'],
  nameAddress: ['person', 'name', 'address'],
  idNumber: ['idNumber', 'person'],
  content: ['content'],
  type: ['type', 'kindComplaint', 'kindDenunciation', 'kindFeedback'],
  people: ['people'],
  priorAgencies: ['priorAgencies'],
  withinJurisdiction: ['withinJurisdiction'],
  guidance: ['guidance'],
  transfer: ['transfer'],
  followUp: ['followUp'],
  notes: ['notes'],
};

export function registerSource(p: PreparedSheet): RegisterSource {
  const column = (key: RegisterColumnKey | string) => {
    const fields = FED_BY[key as RegisterColumnKey] ?? [key];
    const mapped = fields.find((f) => Object.values(p.mapping).includes(f)) ?? fields[0]!;
    return columnOfField(p, mapped);
  };
  const warnings: RowIssue[] = [];
  const legacy = legacyWarning(p.encoding);
  if (legacy) warnings.push({ row: (p.layout.headerRows[0] ?? 0) + 1, column: '', columnKey: '', header: '', key: legacy.key, params: legacy.params });
  const rows: SheetRow[] = p.rows.map((r) => {
    const { cells, warnings: notes } = toRegisterCells(r.values);
    for (const n of notes) {
      const c = columnOfField(p, n.field);
      warnings.push({ row: r.rowNumber, column: c.letter, columnKey: n.field, header: c.header, key: n.key as RowIssue['key'], params: n.params ?? {} });
    }
    return { rowNumber: r.rowNumber, cells };
  });
  return { rows, column, warnings };
}

export function requireUsableMapping(p: PreparedSheet) {
  if (p.mappingProblems.length) {
    throw new AppError(400, 'error.importMapping', { problems: p.mappingProblems.join('; ') }, [], { columns: columnsView(p) });
  }
}

export interface RegisterImportOptions {
  mapping?: Record<string, string>;
  onProgress?: (done: number, total: number) => void;
}

export async function importRegisterFile(ctx: AppContext, actor: ImportActor, agency: AgencyRow, file: Buffer, mode: ImportMode, opts: RegisterImportOptions = {}): Promise<ImportReport> {
  let p: PreparedSheet;
  if (!opts.mapping) {
    // DânVận's own export: the original reader, unchanged. Another layout (no header of ours, or a CSV) goes
    // through the mapping; when that cannot read the file either, the original reader's message stands.
    let ownError: AppError | null = null;
    try {
      await readRegisterWorkbook(file);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ownError = err;
    }
    if (!ownError) return importRegister(ctx, actor, agency, file, mode, opts.onProgress);
    if (ownError.key !== 'error.registerHeader' && ownError.key !== 'error.registerFile') throw ownError;
    try {
      p = await prepareSheet(ctx.db, agency, 'register', file);
    } catch (err) {
      if (err instanceof AppError) throw ownError;
      throw err;
    }
  } else {
    p = await prepareSheet(ctx.db, agency, 'register', file, opts.mapping);
  }
  if (p.mappingSource === 'proposal') throw new AppError(400, 'error.importMappingNeeded', {}, [], { columns: columnsView(p) });
  requireUsableMapping(p);
  const report = await importRegister(ctx, actor, agency, file, mode, opts.onProgress, registerSource(p));
  if (p.mappingSource === 'request' && report.status === 'imported') await saveTemplate(ctx.db, agency, 'register', p.signature, p.mapping, actor.id, ctx.now());
  return report;
}
