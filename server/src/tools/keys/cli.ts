/**
 * `danvan keys status` and `danvan keys reseal`: the seal-key rotation tools (ADR 0006, docs/runbooks/seal-keys.md).
 * The command functions take the database, the keys and where to write, and return the exit code, so the tests run
 * them as the CLI does; `registerKeysCommands` wires them to commander with the data directory and the key list.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { formatCount } from '@danvan/domain/text';
import { progressBar } from '../../progress.ts';
import { loadKeyList, loadSealer, protectKeyList, sealKeyFile, type Sealer } from '../../security/sealer.ts';
import { writeFileSync } from 'node:fs';
import { resealBoxes, ResealError, sealKeyStatus, type KeyState, type KeyStatus } from './reseal.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

const STATE: Record<KeyState, string> = {
  current: 'khóa hiện hành',
  old: 'khóa cũ, cần niêm phong lại: danvan keys reseal',
  unknown: 'KHÔNG CÓ TRONG DANH SÁCH KHÓA: không mở được',
};

const n = (x: number) => formatCount(x);
const keyName = (id: string | null) => (id === null ? '(không có mã khóa)' : id);

function unopenableLine(s: Pick<KeyStatus, 'unopenable' | 'unknownKeyIds'>): string {
  return (
    `${n(s.unopenable)} hộp niêm phong bằng khóa không có trong danh sách (${s.unknownKeyIds.map(keyName).join(', ')}): không mở được. ` +
    'Thêm khóa đó vào DANVAN_SEAL_KEYS hoặc <data-dir>/keys/seal.key (sau khóa hiện hành) rồi chạy lại; đừng bỏ khóa nào khi còn hộp dùng nó.'
  );
}

/** `danvan keys status`: exit 1 when some box is under a key id that is not configured. */
export async function keysStatusCommand(db: Db, keys: Pick<Sealer, 'currentKeyId' | 'keyIds'>, opts: { json?: boolean }, io: Io): Promise<number> {
  const s = await sealKeyStatus(db, keys);
  if (opts.json) io.out(JSON.stringify(s, null, 2));
  else {
    io.out(`Khóa hiện hành: ${s.currentKeyId} · các khóa đã cấu hình: ${s.keyIds.join(', ')}`);
    for (const st of s.stores) {
      io.out(`${st.store} — ${st.holds}: ${st.boxes ? `${n(st.boxes)} hộp` : 'trống'}`);
      for (const k of st.byKey) io.out(`  ${keyName(k.keyId)}: ${n(k.boxes)} hộp (${STATE[k.state]})`);
    }
    io.out(s.toReseal ? `Cần niêm phong lại bằng khóa ${s.currentKeyId}: ${n(s.toReseal)} hộp (danvan keys reseal).` : `Mọi hộp mở được đều đã dùng khóa hiện hành ${s.currentKeyId}.`);
  }
  if (s.unopenable) {
    io.err(unopenableLine(s));
    return 1;
  }
  return 0;
}

export interface ResealCommandOptions {
  batch?: number;
  dryRun?: boolean;
  json?: boolean;
  now?: () => Date;
  /** Progress as the boxes go (the CLI passes its progress bar). */
  progress?: { update(done: number, total: number): void; done(): void };
}

/**
 * `danvan keys reseal`: exit 0 when every box that can be opened is under the current key; 1 when boxes are left
 * (held by a live transaction, written meanwhile, or under an unknown key id) or a box does not open.
 */
export async function keysResealCommand(db: Db, sealer: Sealer, opts: ResealCommandOptions, io: Io): Promise<number> {
  let r;
  try {
    r = await resealBoxes(db, sealer, { batch: opts.batch, dryRun: opts.dryRun, now: opts.now, onProgress: opts.progress?.update });
  } catch (err) {
    if (!(err instanceof ResealError)) throw err;
    io.err(`Lỗi: ${err.message}`);
    return 1;
  } finally {
    opts.progress?.done();
  }
  if (opts.json) io.out(JSON.stringify(r, null, 2));
  else {
    for (const s of r.stores) {
      if (!s.boxes) continue;
      const from = Object.entries(s.fromKeyIds).map(([k, c]) => `${k}: ${n(c)}`).join(', ');
      io.out(`${s.store}: ${n(s.boxes)} hộp ${r.dryRun ? 'sẽ được niêm phong lại' : 'đã niêm phong lại'} bằng khóa ${r.currentKeyId} (từ ${from})${r.dryRun ? '' : `, ${n(s.batches)} lô`}`);
    }
    if (r.dryRun && r.boxes) io.out(`Chạy thử: ${n(r.boxes)} hộp sẽ được niêm phong lại bằng khóa ${r.currentKeyId}; đã mở thử được tất cả; không ghi gì.`);
    else if (r.dryRun) io.out(`Chạy thử: không có hộp nào cần niêm phong lại; mọi hộp mở được đều đã dùng khóa ${r.currentKeyId}.`);
    else if (r.boxes) io.out(`Xong: ${n(r.boxes)} hộp trong ${n(r.batches)} lô, mỗi lô một dòng nhật ký keys.reseal.batch.`);
    else io.out(`Không có hộp nào cần niêm phong lại: mọi hộp mở được đều đã dùng khóa ${r.currentKeyId}.`);
  }
  let code = 0;
  if (r.left) {
    io.err(`Còn ${n(r.left)} hộp dùng khóa cũ (đang bị một giao dịch khác giữ, hoặc vừa được ghi): chạy lại lệnh này.`);
    code = 1;
  }
  if (r.unopenable) {
    io.err(unopenableLine(r));
    code = 1;
  }
  return code;
}

function positive(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('cần một số nguyên dương.');
  return Number(value);
}

const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');

async function withKeys(opts: { dataDir?: string }, fn: (db: Db, sealer: Sealer) => Promise<number>): Promise<void> {
  const config = readConfig(process.env, opts);
  // Never a fresh key here: a key invented now opens nothing that is stored.
  const sealer = loadSealer(process.env, config.dataDir, { create: false });
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await database.migrate();
    process.exitCode = await fn(database.db, sealer);
  } finally {
    await database.close();
  }
}

const KEYS_HELP = `
Khóa lấy từ DANVAN_SEAL_KEYS ("mới:base64,cũ:base64", khóa đầu là khóa hiện hành) hoặc <data-dir>/keys/seal.key.
Quy trình đổi khóa: docs/runbooks/seal-keys.md.`;

/**
 * `danvan keys protect --out FILE`: writes the configured key list to FILE encrypted under DANVAN_SEAL_PASSPHRASE
 * (scrypt + AES-256-GCM), for DANVAN_SEAL_KEY_FILE. FILE may not be inside the data dir unless it is protected.
 */
export function keysProtectCommand(env: NodeJS.ProcessEnv, dataDir: string, out: string, io: Io): number {
  const passphrase = env.DANVAN_SEAL_PASSPHRASE;
  if (!passphrase) {
    io.err('Đặt mật khẩu bảo vệ trong biến môi trường DANVAN_SEAL_PASSPHRASE (không truyền trên dòng lệnh).');
    return 2;
  }
  const text = protectKeyList(loadKeyList(env, dataDir, { create: false }), passphrase);
  writeFileSync(out, text, { mode: 0o600 });
  io.out(`Đã ghi tệp khóa được bảo vệ: ${out}. Khởi động với DANVAN_SEAL_KEY_FILE=${out} và DANVAN_SEAL_PASSPHRASE, rồi xóa ${sealKeyFile(dataDir)} (xem docs/runbooks/seal-keys.md).`);
  return 0;
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('Khóa niêm phong (danh tính người tố cáo, liên hệ, khóa tệp đính kèm, thông báo): trạng thái, niêm phong lại').addHelpText('after', KEYS_HELP);
  keys
    .command('status')
    .description('Số hộp niêm phong theo mã khóa trong từng bảng; báo hộp dùng khóa không có trong danh sách (không mở được: mã thoát 1)')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(dataDirOption())
    .addHelpText('after', KEYS_HELP)
    .action(async (opts: { json?: boolean; dataDir?: string }) => withKeys(opts, (db, sealer) => keysStatusCommand(db, sealer, opts, consoleIo)));
  keys
    .command('protect')
    .description('Ghi danh sách khóa niêm phong ra tệp được bảo vệ bằng mật khẩu (DANVAN_SEAL_PASSPHRASE), để dùng với DANVAN_SEAL_KEY_FILE')
    .requiredOption('--out <file>', 'tệp khóa được bảo vệ (nên đặt ngoài thư mục dữ liệu)')
    .addOption(dataDirOption())
    .action((opts: { out: string; dataDir?: string }) => {
      process.exitCode = keysProtectCommand(process.env, readConfig(process.env, opts).dataDir, opts.out, consoleIo);
    });
  keys
    .command('reseal')
    .description('Niêm phong lại bằng khóa hiện hành mọi hộp đang dùng khóa cũ, theo lô (mỗi lô một giao dịch và một dòng nhật ký); chạy lại được, chỉ làm phần còn lại')
    .option('--batch <n>', 'số hộp mỗi lô (mặc định 500)', positive)
    .option('--dry-run', 'chỉ mở thử và đếm, không ghi gì')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(dataDirOption())
    .addHelpText(
      'after',
      `
Trước khi chạy: mọi tiến trình danvan serve đã khởi động lại với khóa mới đứng đầu danh sách (khóa cũ vẫn còn sau nó).
PostgreSQL (DATABASE_URL): chạy được khi máy chủ đang phục vụ; hộp đang bị giao dịch khác giữ sẽ được bỏ qua và báo lại.
PGlite (CSDL nhúng trong <data-dir>/pglite): mỗi thư mục dữ liệu chỉ một tiến trình được mở — DỪNG danvan serve trước
khi chạy lệnh này, rồi khởi động lại sau.${KEYS_HELP}`,
    )
    .action(async (opts: { batch?: number; dryRun?: boolean; json?: boolean; dataDir?: string }) =>
      withKeys(opts, (db, sealer) =>
        keysResealCommand(db, sealer, { ...opts, progress: opts.json ? undefined : progressBar(opts.dryRun ? 'Mở thử hộp niêm phong' : 'Niêm phong lại') }, consoleIo),
      ),
    );
}
