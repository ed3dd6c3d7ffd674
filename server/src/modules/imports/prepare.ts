/**
 * From an uploaded file to mapped rows: the grid (read-sheet.ts), the header (domain detectHeader), the mapping
 * (the clerk's, else the agency's saved template for this header, else DânVận's proposal) and each data row as
 * { field: text }. Templates are saved here too (saveTemplate).
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  FIELDS,
  IGNORE,
  checkMapping,
  columnIndex,
  columnLetter,
  detectHeader,
  fieldLabel,
  headerSignature,
  mappingOf,
  proposeMapping,
  type ColumnProposal,
  type HeaderLayout,
  type ImportTarget,
} from '@danvan/domain/imports/mapping';
import { LEGACY_LABELS, type LegacyEncoding } from '@danvan/domain/imports/legacy-encoding';
import type { DbOrTx } from '../../db/client.ts';
import { importTemplates } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { readGrid } from './read-sheet.ts';

export interface MappedRow {
  /** Row number as the sheet shows it. */
  rowNumber: number;
  values: Record<string, string>;
}

export interface PreparedSheet {
  target: ImportTarget;
  fileSha256: string;
  layout: HeaderLayout;
  signature: string;
  proposals: ColumnProposal[];
  mapping: Record<string, string>;
  /** Where the mapping came from. */
  mappingSource: 'request' | 'template' | 'proposal';
  mappingProblems: string[];
  encoding: LegacyEncoding | null;
  rows: MappedRow[];
}

export function mappingProblemText(target: ImportTarget, problems: ReturnType<typeof checkMapping>): string[] {
  return problems.map((p) => {
    const label = fieldLabel(target, p.field);
    if (p.key === 'missingField') return `chưa có cột nào là «${label}»`;
    if (p.key === 'duplicateField') return `«${label}» được chọn cho hơn một cột (cột ${p.column})`;
    if (p.key === 'badColumn') return `cột «${p.column}» không hợp lệ`;
    return `cột ${p.column}: không có trường «${p.field}»`;
  });
}

export async function findTemplate(db: DbOrTx, agencyId: string, target: ImportTarget, signature: string): Promise<Record<string, string> | null> {
  const [t] = await db
    .select({ mapping: importTemplates.mapping })
    .from(importTemplates)
    .where(and(eq(importTemplates.agencyId, agencyId), eq(importTemplates.target, target), eq(importTemplates.signature, signature)));
  return t?.mapping ?? null;
}

export async function saveTemplate(db: DbOrTx, agency: AgencyRow, target: ImportTarget, signature: string, mapping: Record<string, string>, userId: string | null, now: Date) {
  await db
    .insert(importTemplates)
    .values({ agencyId: agency.id, target, signature, mapping, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({ target: [importTemplates.agencyId, importTemplates.target, importTemplates.signature], set: { mapping, updatedBy: userId, updatedAt: now } });
}

/** Parses the `mapping` query text: a JSON object { "A": "date", … }. */
export function parseMappingParam(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === '') return undefined;
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new AppError(400, 'error.importMapping', { problems: 'mapping không phải JSON dạng {"A":"date", …}' });
  }
  if (!m || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
    throw new AppError(400, 'error.importMapping', { problems: 'mapping phải là {"A":"date", …}' });
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m as Record<string, string>)) out[k.trim().toUpperCase()] = v;
  return out;
}

export async function prepareSheet(db: DbOrTx, agency: AgencyRow, target: ImportTarget, file: Buffer, requested?: Record<string, string>): Promise<PreparedSheet> {
  const grid = await readGrid(file);
  const layout = detectHeader(grid.cells, target);
  if (!layout) throw new AppError(400, 'error.importHeader', { rows: 30 });
  const dataRows = grid.cells.slice(layout.firstDataRow);
  const proposals = proposeMapping(layout.headers, dataRows.slice(0, 50), target);
  const signature = headerSignature(layout.headers);
  let mapping: Record<string, string>;
  let mappingSource: PreparedSheet['mappingSource'];
  const template = requested ? null : await findTemplate(db, agency.id, target, signature);
  if (requested) {
    mapping = Object.fromEntries(Object.entries(requested).filter(([, f]) => f !== IGNORE));
    mappingSource = 'request';
  } else if (template) {
    mapping = template;
    mappingSource = 'template';
  } else {
    mapping = mappingOf(proposals);
    mappingSource = 'proposal';
  }
  const mappingProblems = mappingProblemText(target, checkMapping(mapping, target));
  const cols = Object.entries(mapping).map(([letter, field]) => ({ index: columnIndex(letter), field }));
  const rows: MappedRow[] = [];
  dataRows.forEach((cells, i) => {
    if (!cells.some((c) => c.trim())) return;
    const values: Record<string, string> = {};
    for (const c of cols) values[c.field] = cells[c.index] ?? '';
    // A row that only repeats the header or carries no mapped value (a signature line, a total) is not data.
    if (!cols.some((c) => (cells[c.index] ?? '').trim())) return;
    rows.push({ rowNumber: layout.firstDataRow + i + 1, values });
  });
  return {
    target,
    fileSha256: createHash('sha256').update(file).digest('hex'),
    layout,
    signature,
    proposals,
    mapping,
    mappingSource,
    mappingProblems,
    encoding: grid.encoding,
    rows,
  };
}

/** The column (letter and header text) a field was read from. */
export function columnOfField(p: PreparedSheet, field: string): { letter: string; header: string } {
  const letter = Object.entries(p.mapping).find(([, f]) => f === field)?.[0];
  if (!letter) {
    // A field the row reader names but the mapping has no column for (a required one): name the field.
    return { letter: '', header: fieldLabel(p.target, field) };
  }
  return { letter, header: p.layout.headers[columnIndex(letter)] ?? fieldLabel(p.target, field) };
}

export function legacyWarning(enc: LegacyEncoding | null) {
  return enc ? { key: 'import.legacyEncoding' as const, params: { encoding: LEGACY_LABELS[enc] } } : null;
}

/** The columns as the mapping step shows them. */
export function columnsView(p: PreparedSheet) {
  const byLetter = new Map(Object.entries(p.mapping));
  return p.layout.headers.map((header, i) => {
    const letter = columnLetter(i);
    const proposal = p.proposals[i];
    const field = byLetter.get(letter) ?? IGNORE;
    return { letter, header, field, fieldLabel: fieldLabel(p.target, field), proposed: proposal?.field ?? IGNORE, confidence: proposal?.confidence ?? 0 };
  });
}

export function fieldsView(target: ImportTarget) {
  return [{ key: IGNORE, label: '(bỏ qua cột này)', required: false }, ...FIELDS[target].map((f) => ({ key: f.key, label: f.label, required: Boolean(f.required) }))];
}
