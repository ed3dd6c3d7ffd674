/**
 * `danvan register import FILE --agency CODE [--mapping FILE] [--valid-only | --check]` (the register command
 * of reception/cli.ts, which takes --mapping through importRegisterFile) and
 * `danvan cases import FILE --agency CODE [--mapping FILE] [--valid-only | --check] [--errors FILE]`: the agency's
 * open cases from Excel, with a progress bar, every bad row listed by its sheet row and column, exit code 1 when
 * nothing was written because of them. Without --mapping the agency's saved template for the file's header is
 * used; without one, the proposed mapping is printed (as the JSON to put in a --mapping file) and nothing is written.
 * An import is undone from the staff app or the API (undoImport), as the user who may.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { translate, type MessageKey } from '../../i18n.ts';
import { AppError } from '../../plugins/errors.ts';
import { progressBar } from '../../progress.ts';
import { loadSealer } from '../../security/sealer.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { requireAgency } from '../agencies/queries.ts';
import { seedAgencies } from '../agencies/seed-agencies.ts';
import type { ImportMode, RowIssue } from '../reception/register-import.ts';
import { importCaseFile } from './import-cases.ts';
import { parseMappingParam } from './prepare.ts';
import { errorFileCsv } from './routes.ts';

const CLI_ACTOR = { id: null, displayName: 'Dòng lệnh (danvan cases import)' };

export function line(i: RowIssue): string {
  const column = i.column ? `${i.column} – ${i.header}` : i.header || '—';
  return translate('vi', 'register.row', { row: i.row, column, message: translate('vi', i.key as MessageKey, i.params) });
}

/** The --mapping file: the JSON object {"A":"date",…} (as previewRegisterImport / previewCaseImport return it). */
export function readMappingFile(file: string | undefined): Record<string, string> | undefined {
  if (!file) return undefined;
  return parseMappingParam(readFileSync(path.resolve(file), 'utf8'));
}

export function registerImportCommands(program: Command): void {
  const casesCmd = program.command('cases').description('Vụ việc: nhập từ Excel');
  casesCmd
    .command('import')
    .description('Nhập vụ việc đang giải quyết từ tệp Excel (.xlsx/.csv): mỗi dòng vào đúng trạng thái, hạn tính theo đồng hồ pháp lý; mặc định có dòng lỗi thì không ghi gì')
    .argument('<file>', 'tệp .xlsx hoặc .csv')
    .requiredOption('--agency <code>', 'mã cơ quan')
    .option('--mapping <file>', 'tệp JSON ghép cột {"A":"receivedOn",…}')
    .option('--valid-only', 'ghi các dòng hợp lệ, bỏ qua dòng lỗi')
    .option('--check', 'chỉ kiểm tra, không ghi')
    .option('--errors <file>', 'ghi tệp lỗi (CSV: dòng, cột, lý do)')
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (file: string, opts: { agency: string; mapping?: string; validOnly?: boolean; check?: boolean; errors?: string; dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const body = readFileSync(path.resolve(file));
      const mapping = readMappingFile(opts.mapping);
      const mode: ImportMode = opts.check ? 'check' : opts.validOnly ? 'valid-only' : 'all';
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        await seedAgencies(database.db);
        const agency = await requireAgency(database.db, opts.agency);
        const ctx = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
        const bar = progressBar(`Nhập vụ việc ${agency.code}`);
        let r;
        try {
          ({ report: r } = await importCaseFile(ctx, CLI_ACTOR, agency, body, mode, { ...(mapping ? { mapping } : {}), onProgress: bar.update }));
        } catch (err) {
          bar.done();
          if (err instanceof AppError && err.extra && 'columns' in err.extra) {
            const columns = err.extra['columns'] as { letter: string; header: string; proposed: string; field: string }[];
            console.error(translate('vi', err.key, err.params));
            console.error('Cách ghép cột đề xuất (sửa rồi lưu vào tệp, dùng với --mapping):');
            console.error(JSON.stringify(Object.fromEntries(columns.filter((c) => c.field !== 'ignore' || c.proposed !== 'ignore').map((c) => [c.letter, c.field !== 'ignore' ? c.field : c.proposed])), null, 2));
            for (const c of columns) console.error(`  ${c.letter}: «${c.header}» → ${c.field}`);
            process.exitCode = 1;
            return;
          }
          throw err;
        }
        bar.done();
        for (const e of r.errors) console.error(`Lỗi: ${line(e)}`);
        for (const w of r.warnings) console.error(`Lưu ý: ${line(w)}`);
        if (opts.errors && r.errors.length) writeFileSync(path.resolve(opts.errors), errorFileCsv('vi', r.errors));
        const counts = `${r.total} dòng, ${r.valid} hợp lệ, ${r.invalid} dòng lỗi`;
        if (r.status === 'rejected') {
          console.error(`${translate('vi', 'error.importRows', { count: r.invalid })} (${counts}). Sửa các dòng trên, hoặc dùng --valid-only để chỉ ghi các dòng hợp lệ.`);
          process.exitCode = 1;
        } else if (r.status === 'checked') {
          console.log(`Đã kiểm tra ${agency.fullName}: ${counts}; chưa ghi gì.`);
        } else {
          console.log(`Đã nhập ${r.imported} vụ việc vào ${agency.fullName} (${counts})${r.importId ? `; mã lần nhập ${r.importId} (hủy cả lần nhập: trang «Nhập dữ liệu» hoặc POST /api/v1/imports/${r.importId}/undo)` : ''}.`);
        }
      } finally {
        await database.close();
      }
    });
}
