/**
 * Seal-key rotation (ADR 0006, docs/runbooks/seal-keys.md): how many boxes each key id seals in every sealed store
 * (security/sealed-columns.ts), and the re-seal of every box whose key id is not the current one.
 *
 * Re-seal: batches of up to `batch` boxes per store, each ONE transaction: select `for update skip locked` (a live
 * server on PostgreSQL keeps working; rows it holds are passed over and counted as left), open with the old key,
 * seal with the current key, check that the new box opens to the same plaintext, write the boxes back (only where
 * the key id is still the old one), and append one hash-chained audit row `keys.reseal.batch` with counts only.
 * Idempotent and resumable: a run touches only boxes still under an old key, so a re-run does what is left.
 * Boxes under a key id that is not configured cannot be opened: they are counted and left alone.
 * Plaintext lives only in memory for the length of a batch; nothing here logs or returns it.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm';
import { userInfo } from 'node:os';
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts';
import { SEALED_STORES, type SealedStore } from '../../security/sealed-columns.ts';
import type { SealedBox, Sealer } from '../../security/sealer.ts';
import { writeAudit } from '../../modules/audit/write-audit.ts';

export type KeyState = 'current' | 'old' | 'unknown';

export interface StoreKeyCount {
  /** null when a value is not a box at all (no keyId): it cannot be opened either. */
  keyId: string | null;
  boxes: number;
  state: KeyState;
}

export interface StoreStatus {
  store: string;
  holds: string;
  boxes: number;
  byKey: StoreKeyCount[];
}

export interface KeyStatus {
  currentKeyId: string;
  keyIds: string[];
  stores: StoreStatus[];
  /** Boxes under a configured old key: what `reseal` will do. */
  toReseal: number;
  /** Boxes under a key id that is not configured: they cannot be opened. */
  unopenable: number;
  /** The key ids of those boxes. */
  unknownKeyIds: (string | null)[];
}

type Keys = Pick<Sealer, 'currentKeyId' | 'keyIds'>;

const ident = (name: string) => sql.identifier(name);
const tableOf = (s: SealedStore) => ident(getTableName(s.table));

/** The key id of a row's box, as SQL. */
function keyIdOf(s: SealedStore): SQL {
  return s.layout.kind === 'json' ? sql`${ident(s.layout.column.name)}->>'keyId'` : sql`${ident(s.layout.keyId.name)}`;
}

/** The row holds a box (json boxes are null once there is nothing sealed). */
function present(s: SealedStore): SQL {
  return s.layout.kind === 'json' ? sql`${ident(s.layout.column.name)} is not null` : sql`true`;
}

/** The box as one JSON object, whatever the layout. */
function boxOf(s: SealedStore): SQL {
  if (s.layout.kind === 'json') return sql`${ident(s.layout.column.name)}`;
  const l = s.layout;
  return sql`json_build_object('keyId', ${ident(l.keyId.name)}, 'iv', ${ident(l.iv.name)}, 'ciphertext', ${ident(l.ciphertext.name)}, 'authTag', ${ident(l.authTag.name)})`;
}

/** `set …` writing the new box `v.box` (jsonb) back; extra keys of a json box are kept. */
function setBox(s: SealedStore): SQL {
  if (s.layout.kind === 'json') {
    const c = ident(s.layout.column.name);
    return sql`${c} = ${c} || v.box`;
  }
  const l = s.layout;
  return sql`${ident(l.keyId.name)} = v.box->>'keyId', ${ident(l.iv.name)} = v.box->>'iv', ${ident(l.ciphertext.name)} = v.box->>'ciphertext', ${ident(l.authTag.name)} = v.box->>'authTag'`;
}

function stateOf(keys: Keys, keyId: string | null): KeyState {
  if (keyId === keys.currentKeyId) return 'current';
  return keyId !== null && keys.keyIds.includes(keyId) ? 'old' : 'unknown';
}

export async function sealKeyStatus(db: DbOrTx, keys: Keys): Promise<KeyStatus> {
  const stores: StoreStatus[] = [];
  for (const s of SEALED_STORES) {
    const rows = await queryRows<{ key_id: string | null; n: number }>(
      db,
      sql`select ${keyIdOf(s)} as key_id, count(*)::int as n from ${tableOf(s)} where ${present(s)} group by 1 order by 1`,
    );
    const byKey = rows.map((r) => ({ keyId: r.key_id, boxes: Number(r.n), state: stateOf(keys, r.key_id) }));
    stores.push({ store: s.name, holds: s.holds, boxes: byKey.reduce((a, k) => a + k.boxes, 0), byKey });
  }
  const all = stores.flatMap((s) => s.byKey);
  const sum = (state: KeyState) => all.filter((k) => k.state === state).reduce((a, k) => a + k.boxes, 0);
  return {
    currentKeyId: keys.currentKeyId,
    keyIds: [...keys.keyIds],
    stores,
    toReseal: sum('old'),
    unopenable: sum('unknown'),
    unknownKeyIds: [...new Set(all.filter((k) => k.state === 'unknown').map((k) => k.keyId))],
  };
}

export interface ResealOptions {
  /** Boxes per transaction (default 500). */
  batch?: number;
  /** Open every box that would be re-sealed, write nothing. */
  dryRun?: boolean;
  now?: () => Date;
  /** Who ran it, for the audit trail (default: "danvan keys reseal" and the OS user). */
  actorName?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface StoreReseal {
  store: string;
  /** Boxes re-sealed (or, on a dry run, opened and due for a re-seal), per old key id. */
  fromKeyIds: Record<string, number>;
  boxes: number;
  batches: number;
}

export interface ResealResult {
  currentKeyId: string;
  dryRun: boolean;
  stores: StoreReseal[];
  boxes: number;
  batches: number;
  /** Boxes still under a configured old key after the run (held by another transaction, or written meanwhile): run again. */
  left: number;
  /** Boxes under a key id that is not configured: not touched. */
  unopenable: number;
  unknownKeyIds: (string | null)[];
}

interface BoxRow {
  k: string;
  box: SealedBox;
}

export class ResealError extends Error {}

function defaultActor(): string {
  try {
    return `danvan keys reseal (${userInfo().username})`;
  } catch {
    return 'danvan keys reseal';
  }
}

/** One pass over every store; returns what it did. */
async function pass(db: Db, sealer: Sealer, opts: Required<Omit<ResealOptions, 'onProgress'>> & Pick<ResealOptions, 'onProgress'>, progress: { done: number; total: number }, into: Map<string, StoreReseal>): Promise<number> {
  const olds = sealer.keyIds.filter((id) => id !== sealer.currentKeyId);
  if (!olds.length) return 0;
  let did = 0;
  for (const s of SEALED_STORES) {
    const sum = into.get(s.name) ?? { store: s.name, fromKeyIds: {}, boxes: 0, batches: 0 };
    into.set(s.name, sum);
    const keyType = sql.raw(s.key.getSQLType());
    let after: string | null = null;
    for (;;) {
      const n: number = await db.transaction(async (tx) => {
        const rows = await queryRows<BoxRow>(
          tx,
          sql`select ${ident(s.key.name)}::text as k, ${boxOf(s)} as box from ${tableOf(s)}
               where ${present(s)} and ${keyIdOf(s)} in (${sql.join(olds.map((o) => sql`${o}`), sql`, `)})
                 ${after === null ? sql`` : sql`and ${ident(s.key.name)} > ${after}::${keyType}`}
               order by ${ident(s.key.name)} limit ${opts.batch}
               ${opts.dryRun ? sql`` : sql`for update skip locked`}`,
        );
        if (!rows.length) return 0;
        after = rows[rows.length - 1]!.k;
        const from: Record<string, number> = {};
        const fresh: { k: string; old: string; box: SealedBox }[] = [];
        for (const r of rows) {
          let plain: string;
          try {
            plain = sealer.open(r.box);
          } catch (err) {
            throw new ResealError(
              `Không mở được hộp niêm phong ${s.name} (${s.key.name} = ${r.k}) bằng khóa «${r.box.keyId}»: ${err instanceof Error ? err.message : String(err)}. ` +
                'Khóa mang mã này có đúng là khóa đã niêm phong không? Lô này không ghi gì; các lô trước đã xong.',
            );
          }
          from[r.box.keyId] = (from[r.box.keyId] ?? 0) + 1;
          if (opts.dryRun) continue;
          const box = sealer.seal(plain);
          if (sealer.open(box) !== plain) throw new ResealError(`Hộp mới của ${s.name} (${r.k}) không mở ra đúng nội dung cũ; dừng.`);
          fresh.push({ k: r.k, old: r.box.keyId, box });
        }
        if (!opts.dryRun) {
          const json = JSON.stringify(fresh);
          const updated = await queryRows<{ k: string }>(
            tx,
            sql`update ${tableOf(s)} set ${setBox(s)}
                  from json_to_recordset(${json}::json) as v(k ${keyType}, old text, box jsonb)
                 where ${tableOf(s)}.${ident(s.key.name)} = v.k and ${tableOf(s)}.${keyIdOf(s)} = v.old
                returning v.k::text as k`,
          );
          if (updated.length !== fresh.length) throw new ResealError(`${s.name}: ghi được ${updated.length}/${fresh.length} hộp của lô; hủy lô.`);
          await writeAudit(tx, {
            at: opts.now(),
            actorId: null,
            actorName: opts.actorName,
            agencyId: null,
            entity: 'sealed-store',
            entityId: s.name,
            action: 'keys.reseal.batch',
            summary: `Niêm phong lại ${rows.length} hộp của ${s.name} bằng khóa ${sealer.currentKeyId} (từ ${Object.entries(from).map(([k, n]) => `${k}: ${n}`).join(', ')})`,
            after: { store: s.name, boxes: rows.length, toKeyId: sealer.currentKeyId, fromKeyIds: from },
          });
        }
        for (const [k, c] of Object.entries(from)) sum.fromKeyIds[k] = (sum.fromKeyIds[k] ?? 0) + c;
        sum.boxes += rows.length;
        sum.batches++;
        return rows.length;
      });
      if (n === 0) break;
      did += n;
      progress.done += n;
      progress.total = Math.max(progress.total, progress.done);
      opts.onProgress?.(progress.done, progress.total);
    }
  }
  return did;
}

/** Re-seals every box under a configured old key with the current key (see the file comment). */
export async function resealBoxes(db: Db, sealer: Sealer, options: ResealOptions = {}): Promise<ResealResult> {
  const batch = options.batch ?? 500;
  if (!Number.isInteger(batch) || batch < 1) throw new ResealError('--batch phải là số nguyên dương');
  const opts = { batch, dryRun: options.dryRun ?? false, now: options.now ?? (() => new Date()), actorName: options.actorName ?? defaultActor(), onProgress: options.onProgress };
  const before = await sealKeyStatus(db, sealer);
  const progress = { done: 0, total: before.toReseal };
  const into = new Map<string, StoreReseal>();
  // A box passed over because a live transaction held it gets another chance: up to three passes while they help.
  for (let i = 0; i < (opts.dryRun ? 1 : 3); i++) {
    const did = await pass(db, sealer, opts, progress, into);
    if (did === 0 || opts.dryRun) break;
    if ((await sealKeyStatus(db, sealer)).toReseal === 0) break;
  }
  const after = opts.dryRun ? before : await sealKeyStatus(db, sealer);
  const stores = [...into.values()];
  return {
    currentKeyId: sealer.currentKeyId,
    dryRun: opts.dryRun,
    stores,
    boxes: stores.reduce((a, s) => a + s.boxes, 0),
    batches: stores.reduce((a, s) => a + s.batches, 0),
    left: opts.dryRun ? 0 : after.toReseal,
    unopenable: after.unopenable,
    unknownKeyIds: after.unknownKeyIds,
  };
}
