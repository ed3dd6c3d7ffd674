/**
 * `danvan backup --out FILE` and `danvan restore FILE` for the embedded PGlite data dir (docs/runbooks/backup-restore.md).
 *
 * PGlite is one process per data dir, so a backup cannot open the data dir while `danvan serve` holds it. The serving
 * process therefore listens on a Unix socket in the data dir (`<data-dir>/danvan.sock`, 0600: only who can read the
 * data dir can ask for it) and answers `backup` with a tarball of the data dir taken by PGlite's dumpDataDir under its
 * query lock, after a CHECKPOINT: no statement runs while the files are read, so the copy is crash-consistent (a
 * transaction still open at that instant is rolled back on restore, as after a power cut; everything acknowledged
 * before is in it). Without a server the command opens the data dir itself.
 *
 * The backup file is a gzipped tar: `danvan-backup.json` (what it holds), `pglite.tar.gz` (the PGlite tarball) and
 * `attachments/…` (the portal's attachment files, read after the database: every file a row of the copy names exists).
 *
 * The seal keys (<data-dir>/keys or DANVAN_SEAL_KEYS) are NOT in the backup, on purpose: keep them apart; a restored
 * instance opens the sealed identities with the same keys. PostgreSQL: pg_dump / pg_restore (the runbook).
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openDatabase, type Database } from '../../db/client.ts';
import { formatCount } from '@danvan/domain/text';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { tarPack, tarUnpack } from './tar.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const SOCKET_NAME = 'danvan.sock';
export const socketPath = (dataDir: string) => path.join(path.resolve(dataDir), SOCKET_NAME);
const pgliteDir = (dataDir: string) => path.join(path.resolve(dataDir), 'pglite');

/**
 * In `danvan serve` on PGlite: answers backup requests on the data dir's socket. One request at a time; the reply is
 * `OK <bytes>\n` then the tarball, or `ERR <message>\n`. Returns a function that closes the socket.
 */
export async function startBackupSocket(database: Database, dataDir: string, log: { warn: (o: object, msg: string) => void }): Promise<() => Promise<void>> {
  if (!database.dumpDataDir) return async () => undefined;
  const file = socketPath(dataDir);
  // A socket file left by a killed server: nobody answers on it.
  if (existsSync(file)) {
    if (await serverListening(file)) throw new Error(`Một máy chủ khác đang phục vụ thư mục dữ liệu này (${file})`);
    rmSync(file, { force: true });
  }
  const dump = database.dumpDataDir;
  let busy = Promise.resolve();
  const server = net.createServer((conn) => {
    let line = '';
    conn.on('data', (chunk) => {
      line += chunk.toString('utf8');
      if (!line.includes('\n')) return;
      const command = line.split('\n')[0]!.trim();
      if (command === 'ping') {
        conn.end('OK 0\n');
        return;
      }
      if (command !== 'backup') {
        conn.end(`ERR lệnh không hợp lệ\n`);
        return;
      }
      busy = busy.then(async () => {
        try {
          const bytes = Buffer.from(await (await dump()).arrayBuffer());
          conn.write(`OK ${bytes.length}\n`);
          conn.end(bytes);
        } catch (err) {
          log.warn({ code: (err as { code?: string }).code }, 'backup: dump failed');
          conn.end(`ERR ${err instanceof Error ? err.message : String(err)}\n`);
        }
      });
    });
    conn.on('error', () => undefined);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, () => resolve());
    });
  } catch (err) {
    // E.g. a data dir path longer than a Unix socket path may be (~100 bytes): serve anyway, without live backups.
    log.warn({ code: (err as { code?: string }).code }, `backup: cannot listen on ${file}; stop the server to back up`);
    return async () => undefined;
  }
  chmodSync(file, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(file, { force: true });
    });
}

function serverListening(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.connect(file);
    conn.once('connect', () => {
      conn.end('ping\n');
      resolve(true);
    });
    conn.once('error', () => resolve(false));
  });
}

/** Asks the serving process for a backup; null when no server answers on the data dir's socket. */
function backupFromServer(dataDir: string): Promise<Buffer | null> {
  const file = socketPath(dataDir);
  if (!existsSync(file)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const conn = net.connect(file);
    const chunks: Buffer[] = [];
    let connected = false;
    conn.once('connect', () => {
      connected = true;
      conn.write('backup\n');
    });
    conn.on('data', (c: Buffer) => chunks.push(c));
    conn.once('error', (err) => (connected ? reject(err) : resolve(null)));
    conn.once('end', () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(0x0a);
      const head = all.subarray(0, nl < 0 ? all.length : nl).toString('utf8');
      const m = /^OK (\d+)$/.exec(head);
      if (!m) return reject(new Error(`máy chủ từ chối sao lưu: ${head.replace(/^ERR /, '')}`));
      const body = all.subarray(nl + 1);
      if (body.length !== Number(m[1])) return reject(new Error(`bản sao lưu bị cắt: ${body.length}/${m[1]} byte`));
      resolve(body);
    });
  });
}

function writeAtomically(file: string, bytes: Buffer) {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  return new Promise<void>((resolve, reject) => {
    const s = createWriteStream(tmp, { mode: 0o600 });
    s.once('error', reject);
    s.end(bytes, () => {
      renameSync(tmp, target);
      resolve();
    });
  });
}

function listFiles(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

export interface BackupManifest {
  format: 'danvan-backup';
  version: 1;
  createdAt: string;
  database: 'pglite';
  attachments: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

export interface BackupOptions {
  dataDir: string;
  databaseUrl?: string;
  out: string;
}

/** `danvan backup`: exit code 0, or 1 (with the reason on stderr). */
export async function backupCommand(opts: BackupOptions, io: Io): Promise<number> {
  if (opts.databaseUrl) {
    io.err('Lỗi: CSDL là PostgreSQL (DATABASE_URL): sao lưu bằng pg_dump -Fc, khôi phục bằng pg_restore — xem docs/runbooks/backup-restore.md.');
    return 1;
  }
  if (!existsSync(path.join(pgliteDir(opts.dataDir), 'PG_VERSION'))) {
    io.err(`Lỗi: không có dữ liệu PGlite trong ${pgliteDir(opts.dataDir)}`);
    return 1;
  }
  let bytes = await backupFromServer(opts.dataDir);
  const fromServer = bytes !== null;
  if (!bytes) {
    const database = await openDatabase({ dataDir: opts.dataDir });
    try {
      bytes = Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
    } finally {
      await database.close();
    }
  }
  const attachmentsDir = path.join(path.resolve(opts.dataDir), 'attachments');
  const attachments = listFiles(attachmentsDir);
  const manifest: BackupManifest = { format: 'danvan-backup', version: 1, createdAt: new Date().toISOString(), database: 'pglite', attachments: attachments.length };
  const packed = gzipSync(
    tarPack([
      { name: 'danvan-backup.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      { name: 'pglite.tar.gz', data: bytes },
      ...attachments.map((f) => ({ name: `attachments/${f}`, data: readFileSync(path.join(attachmentsDir, f)) })),
    ]),
  );
  await writeAtomically(opts.out, packed);
  io.out(
    `Đã sao lưu ${path.resolve(opts.dataDir)} vào ${path.resolve(opts.out)} (${mb(packed.length)}; CSDL ${fromServer ? 'lấy từ máy chủ đang chạy' : 'khi máy chủ không chạy'}, ${formatCount(attachments.length)} tệp đính kèm).`,
  );
  io.out('Khóa niêm phong KHÔNG nằm trong bản sao lưu: cất riêng <data-dir>/keys (hoặc DANVAN_SEAL_KEYS) để mở danh tính người tố cáo sau khi khôi phục.');
  return 0;
}

export interface RestoreOptions {
  file: string;
  dataDir: string;
  databaseUrl?: string;
  /** Replace an existing data dir (kept aside as pglite.before-restore-<time>). */
  force?: boolean;
  now?: () => Date;
}

/** `danvan restore`: restores, migrates, verifies the audit chain; exit 0 when the chain verifies. */
export async function restoreCommand(opts: RestoreOptions, io: Io): Promise<number> {
  if (opts.databaseUrl) {
    io.err('Lỗi: CSDL là PostgreSQL (DATABASE_URL): khôi phục bằng pg_restore — xem docs/runbooks/backup-restore.md.');
    return 1;
  }
  if (!existsSync(opts.file)) {
    io.err(`Lỗi: không thấy tệp ${opts.file}`);
    return 1;
  }
  if (existsSync(socketPath(opts.dataDir)) && (await serverListening(socketPath(opts.dataDir)))) {
    io.err('Lỗi: danvan serve đang chạy trên thư mục dữ liệu này: dừng máy chủ trước khi khôi phục.');
    return 1;
  }
  let entries: { name: string; data: Buffer }[];
  try {
    entries = tarUnpack(gunzipSync(readFileSync(opts.file)));
  } catch (err) {
    io.err(`Lỗi: tệp không phải bản sao lưu của danvan backup (${err instanceof Error ? err.message : String(err)})`);
    return 1;
  }
  const manifestEntry = entries.find((e) => e.name === 'danvan-backup.json');
  const dump = entries.find((e) => e.name === 'pglite.tar.gz');
  const manifest = manifestEntry ? (JSON.parse(manifestEntry.data.toString('utf8')) as BackupManifest) : null;
  if (!manifest || manifest.format !== 'danvan-backup' || manifest.version !== 1 || !dump) {
    io.err('Lỗi: tệp không phải bản sao lưu của danvan backup (thiếu danvan-backup.json hoặc pglite.tar.gz)');
    return 1;
  }
  const files = entries.filter((e) => e.name.startsWith('attachments/'));
  if (files.some((f) => f.name.split('/').some((p) => p === '..' || p === ''))) {
    io.err('Lỗi: bản sao lưu có đường dẫn tệp không hợp lệ');
    return 1;
  }
  if (files.length !== manifest.attachments) {
    io.err(`Lỗi: bản sao lưu thiếu tệp đính kèm (${files.length}/${manifest.attachments})`);
    return 1;
  }
  const dir = pgliteDir(opts.dataDir);
  const attachmentsDir = path.join(path.resolve(opts.dataDir), 'attachments');
  const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  if (existsSync(dir) && readdirSync(dir).length) {
    if (!opts.force) {
      io.err(`Lỗi: ${dir} đã có dữ liệu. Khôi phục vào một thư mục khác (--data-dir), hoặc thêm --force để thay (dữ liệu cũ được giữ lại bên cạnh).`);
      return 1;
    }
    for (const d of [dir, attachmentsDir]) {
      if (!existsSync(d)) continue;
      renameSync(d, `${d}.before-restore-${stamp}`);
      io.out(`Dữ liệu cũ được chuyển sang ${d}.before-restore-${stamp}`);
    }
  }
  let database: Database;
  try {
    mkdirSync(path.resolve(opts.dataDir), { recursive: true });
    database = await openDatabase({ dataDir: opts.dataDir, loadDataDir: new Blob([dump.data]) });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    io.err(`Lỗi: tệp không phải bản sao lưu PGlite hợp lệ (${err instanceof Error ? err.message : String(err)})`);
    return 1;
  }
  for (const f of files) {
    const target = path.join(path.resolve(opts.dataDir), f.name);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, f.data, { mode: 0o600 });
  }
  try {
    await database.migrate();
    const v = await verifyAudit(database.db);
    io.out(`Đã khôi phục ${path.resolve(opts.file)} (${mb(statSync(opts.file).size)}, sao lưu lúc ${manifest.createdAt}) vào ${path.resolve(opts.dataDir)} (${formatCount(files.length)} tệp đính kèm).`);
    if (!v.ok) {
      io.err(`Chuỗi nhật ký kiểm toán HỎNG tại dòng ${v.firstBroken?.id} (${v.firstBroken?.reason}).`);
      return 1;
    }
    io.out(`Chuỗi nhật ký kiểm toán: ${formatCount(v.rows)} dòng, toàn vẹn${v.head ? ` (đầu chuỗi id=${v.head.id}, băm ${v.head.hash.slice(0, 16)}…)` : ''}.`);
    io.out('Cần cùng khóa niêm phong với máy nguồn (DANVAN_SEAL_KEYS hoặc chép <data-dir>/keys) để mở danh tính người tố cáo.');
    return 0;
  } finally {
    await database.close();
  }
}
