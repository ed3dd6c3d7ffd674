/**
 * The 10-million-case dataset of the report bench, quickly: the country generated at scale 1 by `danvan seed
 * --national`, plus `copies` copies of its records made inside PostgreSQL (new ids, new case numbers; the same
 * agencies, dates, states, deadlines, sessions and links). Generating 10M cases with the generator itself takes
 * hours on this 2-core machine (about 20,000 rows/s written, 25 million rows); the copies take minutes and keep
 * every distribution of the generator exactly — so every figure of the report is (copies + 1) × the scale-1 ground
 * truth, which the bench checks.
 *
 * Reception sessions are not copied (one regular session per agency and day): the copied visits stay in the
 * original sessions. Sealed identities are copied with their case. Audit rows are not (one row records the copy).
 * The report counters' triggers are off during the copy and the counters rebuilt from the records afterwards.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { Db } from '@danvan/server/db/client';
import { cases, petitions, sealedIdentities, visits } from '@danvan/server/db/schema';
import { rebuildReportCounters, setReportCounterTriggers } from '@danvan/server/modules/reports/counters';
import { writeAudit } from '@danvan/server/modules/audit/write-audit';

/** Offset of the copies' case numbers: copy k gets k × 100000 + the original number. */
const CODE_OFFSET = 100_000;

type Table = typeof cases | typeof visits | typeof petitions | typeof sealedIdentities;

const mapped = (col: string) => `case when ${col} is null then null else md5(${col}::text || ':' || k)::uuid end`;

/** One INSERT … SELECT per table, `copies` copies of every existing row, with these columns rewritten. */
async function copyTable(db: Db, table: Table, copies: number, rewrite: Record<string, string>): Promise<number> {
  const cols = Object.values(getTableColumns(table)).map((c) => c.name);
  const exprs = cols.map((c) => rewrite[c] ?? `t."${c}"`);
  const r = (await db.execute(
    sql.raw(`insert into "${getTableName(table)}" (${cols.map((c) => `"${c}"`).join(', ')})
      select ${exprs.join(', ')} from "${getTableName(table)}" t cross join generate_series(1, ${copies}) as k`),
  )) as unknown as { rowCount?: number; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

export async function replicateCountry(db: Db, copies: number, log: (m: string) => void = () => {}): Promise<{ seconds: number; rows: number }> {
  const t0 = performance.now();
  let rows = 0;
  await setReportCounterTriggers(db, false);
  try {
    const id = { id: mapped('t.id') };
    const step = async (name: string, run: () => Promise<number>) => {
      const t = performance.now();
      const n = await run();
      rows += n;
      log(`${name}: ${n.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    };
    await step('cases', () =>
      copyTable(db, cases, copies, {
        ...id,
        code: `split_part(t.code, '-', 1) || '-' || split_part(t.code, '-', 2) || '-' || (k * ${CODE_OFFSET} + split_part(t.code, '-', 3)::int)::text`,
        forwarded_to_id: mapped('t.forwarded_to_id'),
        forwarded_from_id: mapped('t.forwarded_from_id'),
        previous_instance_id: mapped('t.previous_instance_id'),
      }),
    );
    await step('visits', () => copyTable(db, visits, copies, { ...id, case_id: mapped('t.case_id'), import_id: 'null', import_row: 'null' }));
    await step('petitions', () => copyTable(db, petitions, copies, { ...id, case_id: mapped('t.case_id'), visit_id: mapped('t.visit_id') }));
    await step('sealed identities', () => copyTable(db, sealedIdentities, copies, { ...id, case_id: mapped('t.case_id'), owner_id: mapped('t.owner_id') }));
    await db.execute(sql.raw(`update case_sequences set last = last + ${copies * CODE_OFFSET}`));
  } finally {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await setReportCounterTriggers(tx, true);
      await rebuildReportCounters(tx);
      await writeAudit(tx, {
        at: new Date(),
        actorId: null,
        actorName: 'bench',
        agencyId: null,
        entity: 'bench',
        entityId: 'replicate',
        action: 'bench.replicate',
        summary: `Nhân bản dữ liệu sinh tự động ${copies} lần để đo hiệu năng báo cáo (dữ liệu giả lập)`,
        after: { copies, generated: true },
      });
    });
    log(`report counters rebuilt in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  return { seconds: (performance.now() - t0) / 1000, rows };
}
