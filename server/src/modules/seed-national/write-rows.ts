/**
 * Stores one agency's generated rows in one transaction, parents first (sessions and cases before the visits,
 * petitions and sealed identities that point at them), in multi-row inserts through Drizzle, and closes the batch
 * with one audit row that says what was loaded (the generated records themselves get no audit row each; see
 * seed-national.ts). Rows are split so that no statement exceeds PostgreSQL's 65,535 bind parameters.
 */
import { formatCount } from '@danvan/domain/text';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { cases, petitions, receptionSessions, sealedIdentities, visits } from '../../db/schema.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { Rows } from './simulate.ts';
import type { Actor } from './use-cases.ts';

const MAX_PARAMS = 60_000;

type Table = typeof cases | typeof visits | typeof petitions | typeof receptionSessions | typeof sealedIdentities;

async function insertAll<T extends object>(tx: Tx, table: Table, rows: readonly T[]) {
  if (!rows.length) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let i = 0; i < rows.length; i += size) {
    // The row objects have exactly the table's columns (use-cases.ts builds them from its $inferSelect type).
    await tx.insert(table).values(rows.slice(i, i + size) as never[]);
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
  return { sessions: [], cases: [], visits: [], petitions: [], sealed: [] };
}

export function appendRows(into: Rows, rows: Rows): void {
  for (const k of ['sessions', 'cases', 'visits', 'petitions', 'sealed'] as const) {
    const target = into[k] as unknown[];
    for (const r of rows[k]) target.push(r);
  }
}

export function rowCount(r: Rows): number {
  return r.sessions.length + r.cases.length + r.visits.length + r.petitions.length + r.sealed.length;
}

export async function writeRows(db: DbOrTx, rows: Rows, info: BatchInfo): Promise<void> {
  if (!rowCount(rows)) return;
  await db.transaction(async (tx) => {
    await insertAll(tx, receptionSessions, rows.sessions);
    await insertAll(tx, cases, rows.cases);
    await insertAll(tx, visits, rows.visits);
    await insertAll(tx, petitions, rows.petitions);
    await insertAll(tx, sealedIdentities, rows.sealed);
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
