/**
 * Anchoring the audit chain (ADR 0005, amendment): the chain's head — last id, its hash, the row count, the time —
 * appended as one JSON line to a file outside the database. A deleted tail leaves a valid but shorter chain; an
 * anchor taken before the deletion names a row that is gone (or whose hash changed), so `danvan audit verify
 * --anchors` reports it. The command functions take the database, the file and where to write, and return the exit
 * code, so the tests run them as the CLI does.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { GENESIS_HASH } from './write-audit.ts';
import { verifyAudit, type AuditVerification } from './verify-audit.ts';
import { safeErrorSummary } from '../../plugins/errors.ts';

export interface AuditAnchor {
  /** ISO time the anchor was taken. */
  at: string;
  /** Id of the chain's last row (0 for an empty chain). */
  lastId: number;
  /** Hash of that row (the genesis hash for an empty chain). */
  lastHash: string;
  /** Rows in the chain up to and including lastId. */
  rows: number;
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const ANCHORS_FILE_NAME = 'audit-anchors.jsonl';
export const defaultAnchorsFile = (dataDir: string) => path.join(dataDir, ANCHORS_FILE_NAME);

export class AnchorRefused extends Error {}

function brokenMessage(v: AuditVerification): string {
  const b = v.firstBroken;
  return `Nhật ký bị sửa: dòng id=${b?.id} (${b?.reason === 'prev-hash' ? 'liên kết với dòng trước không khớp' : 'nội dung không khớp mã băm'}); ${v.rows} dòng trước đó nguyên vẹn.`;
}

/** Verifies the whole chain, then appends its head to `file` (created 0600). Refuses a broken chain. */
export async function anchorAudit(db: Db, file: string, now: Date): Promise<AuditAnchor> {
  const v = await verifyAudit(db);
  if (!v.ok) throw new AnchorRefused(`${brokenMessage(v)} Không neo một chuỗi đã hỏng.`);
  const anchor: AuditAnchor = { at: now.toISOString(), lastId: v.head?.id ?? 0, lastHash: v.head?.hash ?? GENESIS_HASH, rows: v.rows };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  return anchor;
}

function isAnchor(x: unknown): x is AuditAnchor {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.at === 'string' &&
    Number.isInteger(o.lastId) &&
    (o.lastId as number) >= 0 &&
    typeof o.lastHash === 'string' &&
    /^[0-9a-f]{64}$/.test(o.lastHash) &&
    Number.isInteger(o.rows) &&
    (o.rows as number) >= 0
  );
}

/** Reads an anchors file: one JSON object a line, blank lines skipped. Throws naming the first bad line. */
export function readAnchors(file: string): AuditAnchor[] {
  const out: AuditAnchor[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (!isAnchor(parsed)) throw new Error(`Tệp mốc neo ${file}, dòng ${i + 1}: không phải một mốc neo {at, lastId, lastHash, rows}.`);
      out.push(parsed);
    });
  return out;
}

export interface AnchorFailure {
  anchor: AuditAnchor;
  reason: 'missing' | 'hash' | 'rows';
  /** Rows found up to lastId (for 'rows'). */
  found?: number;
}

/** Every anchor must still hold: the row lastId exists with lastHash, and at least `rows` rows lead up to it. */
export async function checkAnchors(db: Db, anchors: AuditAnchor[]): Promise<AnchorFailure[]> {
  const failures: AnchorFailure[] = [];
  for (const anchor of anchors) {
    if (anchor.lastId === 0) {
      if (anchor.rows > 0 || anchor.lastHash !== GENESIS_HASH) failures.push({ anchor, reason: 'missing' });
      continue;
    }
    const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, anchor.lastId)).limit(1);
    if (!row) {
      failures.push({ anchor, reason: 'missing' });
      continue;
    }
    if (row.hash !== anchor.lastHash) {
      failures.push({ anchor, reason: 'hash' });
      continue;
    }
    const [c] = await db.select({ n: count() }).from(auditLog).where(lte(auditLog.id, anchor.lastId));
    const found = Number(c?.n ?? 0);
    if (found < anchor.rows) failures.push({ anchor, reason: 'rows', found });
  }
  return failures;
}

const REASON: Record<AnchorFailure['reason'], (f: AnchorFailure) => string> = {
  missing: () => 'dòng cuối của mốc không còn',
  hash: () => 'mã băm của dòng cuối đã khác',
  rows: (f) => `chỉ còn ${f.found} dòng tới dòng cuối của mốc`,
};

function anchorFailureLine(f: AnchorFailure, file: string): string {
  const a = f.anchor;
  return `Nhật ký bị cắt / tail truncated: mốc neo lúc ${a.at} (id=${a.lastId}, ${a.rows} dòng, băm ${a.lastHash.slice(0, 16)}…) trong ${file} không còn khớp: ${REASON[f.reason](f)}.`;
}

/** `danvan audit anchor`: exit 1 when the chain is broken (nothing is written). */
export async function auditAnchorCommand(db: Db, opts: { file: string; now?: () => Date }, io: Io): Promise<number> {
  try {
    const anchor = await anchorAudit(db, opts.file, (opts.now ?? (() => new Date()))());
    io.out(JSON.stringify(anchor));
    return 0;
  } catch (err) {
    if (!(err instanceof AnchorRefused)) throw err;
    io.err(err.message);
    return 1;
  }
}

/**
 * `danvan audit verify`: walks the chain (same output and exit codes as before), then checks every anchor of
 * `anchorsFile` when given. Exit 1 when the chain is broken, an anchor fails, or the anchors file cannot be read.
 */
export async function auditVerifyCommand(db: Db, opts: { anchorsFile?: string }, io: Io): Promise<number> {
  const v = await verifyAudit(db);
  let code = 0;
  if (v.ok) io.out(`Nhật ký nguyên vẹn: ${v.rows} dòng đã kiểm tra.`);
  else {
    io.err(brokenMessage(v));
    code = 1;
  }
  if (opts.anchorsFile === undefined) return code;
  let anchors: AuditAnchor[];
  try {
    if (!existsSync(opts.anchorsFile)) throw new Error(`Không tìm thấy tệp mốc neo ${opts.anchorsFile}.`);
    anchors = readAnchors(opts.anchorsFile);
  } catch (err) {
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const failures = await checkAnchors(db, anchors);
  for (const f of failures) io.err(anchorFailureLine(f, opts.anchorsFile));
  if (failures.length) return 1;
  io.out(`Mốc neo khớp: ${anchors.length}/${anchors.length} mốc trong ${opts.anchorsFile}.`);
  return code;
}

/** Anchors once a day inside `danvan serve` (ADR 0007); returns a function that stops it. Errors are logged, never thrown. */
export function startPeriodicAnchor(
  db: Db,
  file: string,
  log: { error: (o: object, msg: string) => void; info: (o: object, msg: string) => void },
  hours = 24,
  now: () => Date = () => new Date(),
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const anchor = await anchorAudit(db, file, now());
      log.info({ anchor, file }, 'audit anchor');
    } catch (err) {
      log.error({ err: safeErrorSummary(err) }, 'audit anchor failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 60_000);
  const timer = setInterval(() => void tick(), hours * 3600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
