/**
 * `danvan register import FILE --agency CODE [--valid-only | --check]` and
 * `danvan register export --agency CODE --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]`: the reception register
 * (Mẫu 03/TCD) in and out of Excel from the command line, on the same database as the server (--data-dir /
 * DANVAN_DATA_DIR / DATABASE_URL). The import shows a progress bar on stderr, lists every bad row by its number in
 * the sheet, and exits 1 when nothing was written because of them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { isRealIsoDate } from '@danvan/domain/text';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { translate } from '../../i18n.ts';
import { AppError } from '../../plugins/errors.ts';
import { progressBar } from '../../progress.ts';
import { loadSealer } from '../../security/sealer.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { requireAgency } from '../agencies/queries.ts';
import { seedAgencies } from '../agencies/seed-agencies.ts';
import { exportRegisterXlsx, registerFileName } from './register-export.ts';
import type { ImportMode } from './register-import.ts';
import { importRegisterFile } from '../imports/import-register.ts';
import { line, readMappingFile } from '../imports/cli.ts';

const CLI_ACTOR = { id: null, displayName: 'Dòng lệnh (danvan register import)' };
const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');


export function registerRegisterCommands(program: Command): void {
  const register = program.command('register').description('Sổ tiếp công dân (Mẫu 03/TCD): nhập từ / xuất ra Excel');

  register
    .command('import')
    .description('Nhập sổ tiếp công dân từ tệp Excel (.xlsx): kiểm tra mọi dòng; mặc định có dòng lỗi thì không ghi gì')
    .argument('<file>', 'tệp .xlsx')
    .requiredOption('--agency <code>', 'mã cơ quan (mã xã 5 số, mã tỉnh 2 số…)')
    .option('--valid-only', 'ghi các dòng hợp lệ, bỏ qua dòng lỗi')
    .option('--check', 'chỉ kiểm tra, không ghi')
    .option('--mapping <file>', 'tệp JSON ghép cột {"A":"no","B":"date",…} cho sổ theo mẫu khác (Mẫu 03/TCD hai dòng tiêu đề, tiêu đề riêng, .csv)')
    .addOption(dataDirOption())
    .action(async (file: string, opts: { agency: string; validOnly?: boolean; check?: boolean; mapping?: string; dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const body = readFileSync(path.resolve(file));
      const mode: ImportMode = opts.check ? 'check' : opts.validOnly ? 'valid-only' : 'all';
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        await seedAgencies(database.db);
        const agency = await requireAgency(database.db, opts.agency);
        const ctx = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
        const bar = progressBar(`Nhập sổ tiếp công dân ${agency.code}`);
        const mapping = readMappingFile(opts.mapping);
        const r = await importRegisterFile(ctx, CLI_ACTOR, agency, body, mode, { ...(mapping ? { mapping } : {}), onProgress: bar.update });
        bar.done();
        for (const e of r.errors) console.error(`Lỗi: ${line(e)}`);
        for (const w of r.warnings) console.error(`Lưu ý: ${line(w)}`);
        const counts = `${r.total} dòng, ${r.valid} hợp lệ, ${r.invalid} dòng lỗi`;
        if (r.status === 'rejected') {
          console.error(`${translate('vi', 'error.registerRows', { count: r.invalid })} (${counts}). Sửa các dòng trên, hoặc dùng --valid-only để chỉ ghi các dòng hợp lệ.`);
          process.exitCode = 1;
        } else if (r.status === 'checked') {
          console.log(`Đã kiểm tra ${agency.fullName}: ${counts}; chưa ghi gì.`);
        } else {
          console.log(`Đã nhập ${r.imported} lượt tiếp vào sổ của ${agency.fullName} (${counts}).`);
        }
      } finally {
        await database.close();
      }
    });

  register
    .command('export')
    .description('Xuất sổ tiếp công dân của một cơ quan trong khoảng ngày ra tệp Excel (.xlsx)')
    .requiredOption('--agency <code>', 'mã cơ quan')
    .requiredOption('--from <date>', 'từ ngày, YYYY-MM-DD')
    .requiredOption('--to <date>', 'đến ngày, YYYY-MM-DD')
    .option('--out <file>', 'tệp kết quả (mặc định so-tiep-cong-dan-<mã>-<từ>-<đến>.xlsx)')
    .addOption(dataDirOption())
    .action(async (opts: { agency: string; from: string; to: string; out?: string; dataDir?: string }) => {
      if (!isRealIsoDate(opts.from) || !isRealIsoDate(opts.to) || opts.from > opts.to) throw new AppError(400, 'field.dateRange');
      const config = readConfig(process.env, opts);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        await seedAgencies(database.db);
        const agency = await requireAgency(database.db, opts.agency);
        const { file, rows } = await exportRegisterXlsx(database.db, agency, opts.from, opts.to);
        const out = path.resolve(opts.out ?? registerFileName(agency, opts.from, opts.to));
        writeFileSync(out, file);
        console.log(`Đã xuất ${rows} dòng sổ tiếp công dân của ${agency.fullName} ra ${out}`);
      } finally {
        await database.close();
      }
    });
}
