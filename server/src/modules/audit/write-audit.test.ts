/**
 * The chain's final append (ADR 0005, amendments 2026-12 and 2026-12-06): rows are queued in the transaction, handed
 * to audit_pending by its last statement and appended by audit_append inside the COMMIT (a deferred trigger). Concurrent transactions still make one total order with correct hashes;
 * a rolled-back transaction leaves no row; an edit or a deletion is still detected.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { beforeCommit, queryRows } from '../../db/client.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import type { Database } from '../../db/client.ts';
import { auditBodyAroundId, auditRowHash, canonicalJson, writeAudit, type AuditEntry } from './write-audit.ts';
import { verifyAudit } from './verify-audit.ts';

let database: Database;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ database, drop } = await openTestDatabase());
  await database.migrate();
}, 60_000);
afterEach(async () => drop?.());

const entry = (i: number, extra: Partial<AuditEntry<'test.write'>> = {}): AuditEntry<'test.write'> => ({
  at: new Date(Date.UTC(2027, 0, 1, 0, 0, i)),
  actorId: null,
  actorName: 'Kiểm thử',
  agencyId: null,
  entity: 'test',
  entityId: `e${i}`,
  action: 'test.write',
  summary: `Dòng thử ${i} — «tiếng Việt» "ngoặc" \\ \u{1F600}`,
  after: { i, nested: { b: [1, null, 'x'], a: new Date(Date.UTC(2027, 0, 2)) }, id: 7 },
  ...extra,
});

it('pre + id + post is exactly the canonical body auditRowHash hashes', () => {
  const e = entry(3);
  const fields = { at: e.at, actorId: e.actorId, agencyId: e.agencyId, entity: e.entity, entityId: e.entityId, caseId: null, action: e.action, summary: e.summary, before: null, after: e.after };
  const { pre, post } = auditBodyAroundId(fields);
  const body = canonicalJson({ ...fields, id: 42, at: e.at.toISOString() });
  expect(`${pre}42${post}`).toBe(body);
});

it('concurrent transactions append one total order with correct hashes; a rollback leaves nothing; edits and deletions are detected', async () => {
  const db = database.db;
  // 24 transactions at once, each writing 2 rows with other statements between them.
  await Promise.all(
    Array.from({ length: 24 }, (_, t) =>
      db.transaction(async (tx) => {
        await writeAudit(tx, entry(t * 2));
        await tx.execute(sql`select pg_sleep(0.005)`);
        await writeAudit(tx, entry(t * 2 + 1));
        // Rows are appended at the end of the transaction: none yet.
        const [mine] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where entity_id in (${`e${t * 2}`}, ${`e${t * 2 + 1}`})`);
        expect(Number(mine?.n)).toBe(0);
      }),
    ),
  );
  await expect(
    db.transaction(async (tx) => {
      await writeAudit(tx, entry(999));
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  const rows = await queryRows<{ id: number; entity_id: string; prev_hash: string; hash: string }>(db, sql`select id, entity_id, prev_hash, hash from audit_log order by id`);
  expect(rows).toHaveLength(48);
  expect(rows.some((r) => r.entity_id === 'e999')).toBe(false);
  // The two rows of one transaction are adjacent and in call order.
  for (let t = 0; t < 24; t++) {
    const a = rows.findIndex((r) => r.entity_id === `e${t * 2}`);
    expect(rows[a + 1]?.entity_id).toBe(`e${t * 2 + 1}`);
  }
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  const ok = await verifyAudit(db);
  expect(ok).toMatchObject({ ok: true, rows: 48 });
  // The hash of the stored row is auditRowHash of its fields (the same function verify uses, recomputed here).
  const [first] = await queryRows<{ id: number; at: Date; summary: string; after: unknown; prev_hash: string; hash: string; entity_id: string }>(db, sql`select * from audit_log order by id limit 1`);
  expect(
    auditRowHash(first!.prev_hash, { id: Number(first!.id), at: new Date(first!.at), actorId: null, agencyId: null, entity: 'test', entityId: first!.entity_id, caseId: null, action: 'test.write', summary: first!.summary, before: null, after: first!.after }),
  ).toBe(first!.hash);

  // An edited row.
  const victim = rows[10]!;
  await db.execute(sql`update audit_log set summary = 'sửa lén' where id = ${victim.id}`);
  expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBroken: { id: Number(victim.id), reason: 'hash' } });
  // A deleted row (the edit undone by deleting it): the next row's link breaks.
  await db.execute(sql`delete from audit_log where id = ${victim.id}`);
  expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBroken: { id: Number(rows[11]!.id), reason: 'prev-hash' } });
});

it.skipIf(process.env.DANVAN_TEST_DB !== 'postgres')(
  'PostgreSQL: the chain lock is taken inside COMMIT — a transaction that has handed over its rows and not yet committed blocks no other writer',
  async () => {
    const db = database.db;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let handedOver!: () => void;
    const ready = new Promise<void>((r) => (handedOver = r));
    // The first transaction hands its row over (the audit hook runs first), then waits before its COMMIT, as a busy
    // server does between the last statement's answer and the COMMIT it sends.
    const slow = db.transaction(async (tx) => {
      await writeAudit(tx, entry(1));
      beforeCommit(tx, async () => {
        handedOver();
        await gate;
      });
    });
    await ready;
    const [pending] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_pending`);
    expect(Number(pending?.n)).toBe(0); // uncommitted: invisible to others
    // Another writer commits meanwhile: before this change it waited for the first one's lock (here: the timeout).
    const other = db.transaction(async (tx) => writeAudit(tx, entry(2)));
    const outcome = await Promise.race([other.then(() => 'committed'), new Promise((r) => setTimeout(() => r('blocked'), 5000))]);
    release();
    await slow;
    await other;
    expect(outcome).toBe('committed');
    const rows = await queryRows<{ entity_id: string }>(db, sql`select entity_id from audit_log order by id`);
    expect(rows.map((r) => r.entity_id)).toEqual(['e2', 'e1']); // chain order = commit order
    expect(await verifyAudit(db)).toMatchObject({ ok: true, rows: 2 });
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_pending`);
    expect(Number(left?.n)).toBe(0);
  },
  30_000,
);
