/**
 * `danvan federation …` (issue 16): deliver the outbox now, export / import the directory, show this instance's
 * identity and keys, rotate its keys (with overlap), pull the other instances' counter snapshots.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { loadSealer } from '../../security/sealer.ts';
import { seedAgencies } from '../agencies/seed-agencies.ts';
import { exportDirectory, importDirectory, selfEntry, type DirectoryFile } from './directory.ts';
import { rotateKey } from './keys.ts';
import { deliverDue } from './outbox.ts';
import { pullCounterSnapshots } from './snapshots.ts';

const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');

async function withContext<T>(opts: { dataDir?: string }, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = readConfig(process.env, opts);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await database.migrate();
    await seedAgencies(database.db);
    const ctx: AppContext = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

export function registerFederationCommands(program: Command) {
  const fed = program.command('federation').description('Liên thông giữa các hệ thống DânVận (gói tin ký số, danh bạ, tổng hợp toàn quốc)');
  fed
    .command('deliver')
    .description('Gửi ngay các gói tin liên thông đang chờ (cả gói đang chờ thử lại)')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const r = await withContext(opts, (ctx) => deliverDue(ctx, { force: true }));
      console.log(`Đã gửi ${r.delivered}, bị trả lại ${r.returned}, chờ thử lại ${r.retrying}`);
    });
  fed
    .command('identity')
    .description('In mục danh bạ của hệ thống này (mã, tên, địa chỉ, mã cơ quan phục vụ, khóa công khai) dạng JSON')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const { self: _self, ...entry } = await withContext(opts, (ctx) => selfEntry(ctx));
      console.log(JSON.stringify(entry, null, 2));
    });
  fed
    .command('export-directory')
    .description('Xuất danh bạ liên thông (mọi hệ thống đã đăng ký và hệ thống này) ra tệp JSON')
    .option('--out <file>', 'tệp ra (mặc định: in ra màn hình)')
    .addOption(dataDirOption())
    .action(async (opts: { out?: string; dataDir?: string }) => {
      const dir = await withContext(opts, (ctx) => exportDirectory(ctx));
      const text = `${JSON.stringify(dir, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, text);
        console.log(`Đã xuất ${dir.instances.length} hệ thống vào ${opts.out}`);
      } else process.stdout.write(text);
    });
  fed
    .command('import-directory')
    .argument('<file>', 'tệp danh bạ do quản trị cấp trung ương xuất')
    .description('Nhập danh bạ liên thông: đăng ký hoặc cập nhật mọi hệ thống trong tệp (trừ chính hệ thống này); có ghi nhật ký')
    .addOption(dataDirOption())
    .action(async (file: string, opts: { dataDir?: string }) => {
      const dir = JSON.parse(readFileSync(file, 'utf8')) as DirectoryFile;
      const r = await withContext(opts, (ctx) => importDirectory(ctx, dir));
      console.log(`Đã nhập ${r.imported.length} hệ thống: ${r.imported.join(', ')}`);
    });
  fed
    .command('rotate-key')
    .description('Tạo cặp khóa mới; khóa cũ thôi ký nhưng còn hiệu lực 30 ngày (thời gian chồng lấn) — sau đó xuất lại danh bạ')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const r = await withContext(opts, (ctx) => rotateKey(ctx.db, ctx.sealer, ctx.now()));
      console.log(`Khóa mới: ${r.kid}; khóa cũ (còn hiệu lực 30 ngày): ${r.retired.join(', ') || '—'}`);
    });
  fed
    .command('pull-counters')
    .description('Lấy số liệu báo cáo đã ký của các hệ thống khác (tổng hợp toàn quốc)')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const r = await withContext(opts, (ctx) => pullCounterSnapshots(ctx));
      for (const x of r) console.log(x.ok ? `${x.instance}: ${x.rows} dòng, tính đến ${x.asOf}` : `${x.instance}: lỗi — ${x.error}`);
      if (r.some((x) => !x.ok)) process.exitCode = 1;
    });
}
