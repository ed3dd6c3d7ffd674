/**
 * `danvan search reindex [--agency CODE] [--batch N]` (issue 18, ADR 0022): rebuilds search_docs and matter_entities
 * of the whole country, or of one agency and everything under it, from the records, with a progress bar. Idempotent
 * and safe while the server runs (reindex.ts).
 */
import { Option, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { formatCount } from '@danvan/domain/text';
import { progressBar } from '../../progress.ts';
import { requireAgency } from '../agencies/queries.ts';
import { seedAgencies } from '../agencies/seed-agencies.ts';
import { reindexSearch } from './reindex.ts';

export function registerSearchCommands(program: Command): void {
  const search = program.command('search').description('Tìm kiếm và phát hiện vụ việc trùng');
  search
    .command('reindex')
    .description('Dựng lại chỉ mục tìm kiếm (văn bản đã bỏ dấu, các dữ kiện: số quyết định, thửa đất, đường phố, người bị khiếu nại/tố cáo) từ hồ sơ; chạy được khi máy chủ đang phục vụ')
    .option('--agency <code>', 'chỉ cơ quan này và các cơ quan cấp dưới (mặc định: cả nước)')
    .option('--batch <n>', 'số hồ sơ mỗi lô (một giao dịch)', '2000')
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (opts: { agency?: string; batch: string; dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1) {
        console.error('--batch phải là số nguyên dương');
        process.exitCode = 1;
        return;
      }
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        await seedAgencies(database.db);
        const agency = opts.agency ? await requireAgency(database.db, opts.agency) : null;
        const where = agency ? agency.fullName : 'cả nước';
        const bar = progressBar(`Dựng lại chỉ mục tìm kiếm (${where})`);
        const t0 = performance.now();
        const r = await reindexSearch(database.db, { ...(agency ? { agencyPath: agency.path } : {}), batch, onProgress: bar.update });
        bar.done();
        console.log(
          `Đã dựng lại chỉ mục tìm kiếm của ${where}: ${formatCount(r.cases)} vụ việc, ${formatCount(r.visits)} lượt tiếp, ${formatCount(r.petitions)} đơn, ${formatCount(r.dialogues)} hội nghị đối thoại, ${formatCount(r.commitments)} cam kết, ${formatCount(r.consultations)} đợt lấy ý kiến (${((performance.now() - t0) / 1000).toFixed(1)} giây).`,
        );
      } finally {
        await database.close();
      }
    });
}
