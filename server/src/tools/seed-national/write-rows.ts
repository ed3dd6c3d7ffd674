/**
 * Stores one agency's generated rows in one transaction, parents first (sessions and cases before the visits,
 * petitions and sealed identities that point at them), in multi-row inserts through Drizzle, and closes the batch
 * with one audit row that says what was loaded (the generated records themselves get no audit row each; see
 * seed-national.ts). Rows are split so that no statement exceeds PostgreSQL's 65,535 bind parameters.
 */
import { formatCount } from '@danvan/domain/text';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { caseDuties, cases, petitions, receptionSessions, sealedIdentities, visits } from '../../db/schema.ts';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { writeAudit } from '../../modules/audit/write-audit.ts';
import type { Rows } from './simulate.ts';
import type { Actor } from './use-cases.ts';

/** Rows per statement: a few megabytes of JSON. */
const CHUNK = 5_000;

type Table = typeof cases | typeof visits | typeof petitions | typeof receptionSessions | typeof sealedIdentities | typeof caseDuties;

interface Shape {
  /** [property, column] pairs. */
  columns: [string, string][];
  insert: string;
  recordset: string;
}
const shapes = new Map<Table, Shape>();

/** The table's columns from the Drizzle schema: the statement and the typed recordset that reads the JSON rows. */
function shapeOf(table: Table): Shape {
  let s = shapes.get(table);
  if (!s) {
    // Serial columns (case_duties.seq) are left to their sequence.
    const cols = Object.entries(getTableColumns(table))
      .map(([prop, c]) => [prop, c.name, c.getSQLType()] as const)
      .filter(([, , type]) => !type.endsWith('serial'));
    s = {
      columns: cols.map(([prop, name]) => [prop, name]),
      insert: `insert into "${getTableName(table)}" (${cols.map(([, n]) => `"${n}"`).join(', ')}) select ${cols.map(([, n]) => `x."${n}"`).join(', ')}`,
      recordset: cols.map(([, n, t]) => `"${n}" ${t}`).join(', '),
    };
    shapes.set(table, s);
  }
  return s;
}

/**
 * Multi-row insert through one JSON parameter (json_to_recordset, typed by the schema's columns): the same rows a
 * `tx.insert(table).values(rows)` would write, without building one bind parameter per value — Drizzle's builder
 * costs about 100 µs a row, which is most of the time at national scale.
 */
export async function insertAll(tx: Tx, table: Table, rows: readonly object[]) {
  if (!rows.length) return;
  const shape = shapeOf(table);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(
      rows.slice(i, i + CHUNK).map((r) => {
        const o: Record<string, unknown> = {};
        for (const [prop, col] of shape.columns) o[col] = (r as Record<string, unknown>)[prop] ?? null;
        return o;
      }),
    );
    await tx.execute(sql`${sql.raw(shape.insert)} from json_to_recordset(${json}::json) as x(${sql.raw(shape.recordset)})`);
  }
}

export interface BatchInfo {
  /** The agency the batch is filed under in the audit trail (the province of a group of communes, or the agency). */
  agency: AgencyRow;
  /** How many agencies' records the batch holds. */
  agencies: number;
  actor: Actor;
  at: Date;
  seed: number;
  scale: number;
}

export function emptyRows(): Rows {
  return { sessions: [], cases: [], visits: [], petitions: [], sealed: [], duties: [] };
}

export function appendRows(into: Rows, rows: Rows): void {
  for (const k of ['sessions', 'cases', 'visits', 'petitions', 'sealed', 'duties'] as const) {
    const target = into[k] as unknown[];
    for (const r of rows[k]) target.push(r);
  }
}

export function rowCount(r: Rows): number {
  return r.sessions.length + r.cases.length + r.visits.length + r.petitions.length + r.sealed.length + r.duties.length;
}

export async function writeRows(db: DbOrTx, rows: Rows, info: BatchInfo): Promise<void> {
  if (!rowCount(rows)) return;
  await db.transaction(async (tx) => {
    await insertAll(tx, receptionSessions, rows.sessions);
    await insertAll(tx, cases, rows.cases);
    await insertAll(tx, visits, rows.visits);
    await insertAll(tx, petitions, rows.petitions);
    await insertAll(tx, sealedIdentities, rows.sealed);
    await insertAll(tx, caseDuties, rows.duties);
    let first: string | null = null;
    let last: string | null = null;
    for (const c of rows.cases) {
      if (first === null || c.code < first) first = c.code;
      if (last === null || c.code > last) last = c.code;
    }
    await writeAudit(tx, {
      at: info.at,
      actorId: info.actor.id,
      actorName: info.actor.displayName,
      agencyId: info.agency.id,
      entity: 'agency',
      entityId: info.agency.id,
      action: 'seed.national.batch',
      summary: `Nạp dữ liệu sinh tự động (danvan seed --national, seed ${info.seed}, quy mô ${info.scale}) của ${info.agencies > 1 ? `${formatCount(info.agencies)} cơ quan thuộc ` : ''}${info.agency.fullName}: ${formatCount(rows.visits.length)} lượt tiếp, ${formatCount(rows.cases.length)} vụ việc, ${formatCount(rows.petitions.length)} đơn, ${formatCount(rows.sessions.length)} buổi tiếp — dữ liệu giả lập, không phải hồ sơ thật`,
      after: {
        generated: true,
        seed: info.seed,
        scale: info.scale,
        agencies: info.agencies,
        sessions: rows.sessions.length,
        cases: rows.cases.length,
        visits: rows.visits.length,
        petitions: rows.petitions.length,
        sealedIdentities: rows.sealed.length,
        firstCaseCode: first,
        lastCaseCode: last,
      },
    });
  });
}
