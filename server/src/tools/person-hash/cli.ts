/**
 * `danvan person-hash recompute [--dry-run] [--batch N]`: fills or recomputes the denouncers' keyed hashes from the
 * sealed boxes (ADR 0011) — once after upgrading to migration 0003, and after every change of the person key.
 * Both keys must already exist (DANVAN_SEAL_KEYS / DANVAN_PERSON_KEY or the data dir's key files): the command
 * never creates one, a key that nobody else uses would make every hash match nothing.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatCount } from '@danvan/domain/text';
import { readConfig } from '../../config.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { progressBar } from '../../progress.ts';
import { loadPersonHasher, type PersonHasher } from '../../security/person-hash.ts';
import { loadSealer, type Sealer } from '../../security/sealer.ts';
import { recomputePersonHashes } from './recompute.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Returns the exit code: 1 when some box could not be opened (its seal key is not configured). */
export async function personHashRecomputeCommand(
  db: Db,
  secrets: { sealer: Sealer; personHasher: PersonHasher },
  opts: { batch?: number; dryRun?: boolean; now?: () => Date; progress?: { update(done: number, total: number): void; done(): void } },
  io: Io,
): Promise<number> {
  const r = await recomputePersonHashes(db, secrets, { batch: opts.batch, dryRun: opts.dryRun, now: opts.now, onProgress: opts.progress?.update });
  opts.progress?.done();
  const n = formatCount;
  io.out(
    r.dryRun
      ? `Thử (không ghi): ${n(r.scanned)} danh tính niêm phong; sẽ tính lại ${n(r.changed)} mã băm (${n(r.filled)} chưa có).`
      : `Đã kiểm tra ${n(r.scanned)} danh tính niêm phong; đã ghi ${n(r.changed)} mã băm (${n(r.filled)} chưa có).`,
  );
  if (r.unopenable) {
    io.err(`${n(r.unopenable)} hộp niêm phong bằng khóa không có trong danh sách: không mở được, giữ nguyên mã băm cũ (xem danvan keys status).`);
    return 1;
  }
  return 0;
}

const positive = (v: string) => {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('phải là số nguyên dương');
  return x;
};

export function registerPersonHashCommands(program: Command) {
  program
    .command('person-hash')
    .description('Mã băm có khóa của người tố cáo (phát hiện tố cáo lặp lại, ADR 0011)')
    .command('recompute')
    .description('Tính lại mã băm từ các danh tính niêm phong: sau khi nâng cấp (migration 0003) và sau khi đổi khóa DANVAN_PERSON_KEY')
    .option('--dry-run', 'chỉ đếm, không ghi')
    .option('--batch <n>', 'số dòng mỗi giao dịch', positive, 1000)
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (opts: { dryRun?: boolean; batch: number; dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const secrets = { sealer: loadSealer(process.env, config.dataDir, { create: false }), personHasher: loadPersonHasher(process.env, config.dataDir, { create: false }) };
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        const progress = progressBar('Tính lại mã băm danh tính');
        process.exitCode = await personHashRecomputeCommand(database.db, secrets, { batch: opts.batch, dryRun: opts.dryRun, progress }, { out: (l) => console.log(l), err: (l) => console.error(l) });
      } finally {
        await database.close();
      }
    });
}
