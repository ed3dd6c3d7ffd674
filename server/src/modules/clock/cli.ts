/**
 * `danvan deadline`: the computeDeadline endpoint on the command line.
 *
 * It opens the database (like every other command: --data-dir / DANVAN_DATA_DIR / DATABASE_URL) so that the
 * answer includes the administrator's calendar edits and is exactly what the server would say. On a fresh
 * clone that creates and migrates ./data/pglite (a second or two), then answers from the generated calendar.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { RULE_KEYS } from '@danvan/domain/clock/index';
import { weekdayNameVi } from '@danvan/domain/clock/dates';
import { formatIsoDateVi } from '@danvan/domain/text';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { computeForQuery, loadCalendar, presentDeadline } from './deadlines.ts';

interface DeadlineOptions {
  rule: string;
  from: string;
  complex?: boolean;
  especiallyComplex?: boolean;
  remote?: boolean;
  severalSites?: boolean;
  extensions?: number;
  suspendedDays?: number;
  json?: boolean;
  dataDir?: string;
}

function count(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new InvalidArgumentError('cần một số nguyên không âm.');
  return Number(value);
}

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('Tính thời hạn theo luật, kèm căn cứ và lời giải thích (như GET /api/v1/clock/deadline)')
    .requiredOption('--rule <key>', `quy tắc: ${RULE_KEYS.join(', ')}`)
    .requiredOption('--from <date>', 'ngày xảy ra sự kiện bắt đầu tính, YYYY-MM-DD (không tính ngày này)')
    .option('--complex', 'vụ việc phức tạp')
    .option('--especially-complex', 'vụ việc đặc biệt phức tạp')
    .option('--remote', 'vùng sâu, vùng xa đi lại khó khăn')
    .option('--several-sites', 'xác minh ở nhiều địa điểm')
    .option('--extensions <n>', 'số lần gia hạn', count)
    .option('--suspended-days <n>', 'số ngày tạm đình chỉ', count)
    .option('--json', 'in kết quả dạng JSON')
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (opts: DeadlineOptions) => {
      const config = readConfig(process.env, opts);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        const d = computeForQuery(await loadCalendar(database.db), opts);
        if (opts.json) {
          console.log(JSON.stringify(presentDeadline(d), null, 2));
          return;
        }
        console.log(
          [
            `Hạn: ${formatIsoDateVi(d.due)} (${weekdayNameVi(d.due)}), hết 23:59:59 giờ Việt Nam`,
            d.explanation,
            `Quy tắc: ${d.version} · ${d.citation}${d.verified ? '' : ' · CHƯA ĐỐI CHIẾU VĂN BẢN'}`,
          ].join('\n'),
        );
      } finally {
        await database.close();
      }
    });
}
