/**
 * `danvan sweep` runs the deadline sweep once (cron-friendly); `danvan serve` also runs it in-process every
 * DANVAN_SWEEP_MINUTES (default 15). Both are safe to run twice (docs/adr/0007-background-work.md).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { loadSealer } from '../../security/sealer.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';
import { sweepCommitments } from '../dialogues/sweep-commitments.ts';
import { sweepGrassroots } from '../grassroots/sweep.ts';
import { safeErrorSummary } from '../../plugins/errors.ts';

export function registerSweepCommand(program: Command) {
  program
    .command('sweep')
    .description('Quét thời hạn một lần: đánh dấu quá hạn, nhắc trước 3 ngày làm việc, báo thủ trưởng (chạy lại an toàn)')
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (opts: { dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        const ctx: AppContext = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
        const r = await sweepDeadlines(ctx);
        console.log(`Đã quét ${r.scanned} vụ việc: ${r.markedOverdue} mới quá hạn, ${r.reminders} nhắc hạn, ${r.escalations} báo thủ trưởng.`);
        console.log(`Đã quét ${r.dutiesScanned} nghĩa vụ có hạn riêng: ${r.dutiesMarkedOverdue} mới quá hạn, ${r.dutyReminders} nhắc hạn, ${r.dutyEscalations} báo thủ trưởng.`);
        const c = await sweepCommitments(ctx);
        console.log(`Đã quét ${c.scanned} cam kết đối thoại: ${c.markedOverdue} mới quá hạn, ${c.reminders} nhắc, ${c.escalations} báo cấp trên.`);
        const g = await sweepGrassroots(ctx);
        console.log(`Dân chủ ở cơ sở: ${g.due} việc đến hạn / quá hạn, ${g.messages} thư nhắc.`);
      } finally {
        await database.close();
      }
    });
}

/** Starts the periodic in-process sweep; returns a function that stops it. Errors are logged, never thrown. */
export function startPeriodicSweep(ctx: AppContext, log: { error: (o: object, msg: string) => void; info: (o: object, msg: string) => void }, minutes: number) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepDeadlines(ctx);
      log.info({ sweep: r }, 'deadline sweep');
      log.info({ sweep: await sweepCommitments(ctx) }, 'commitment sweep');
      log.info({ sweep: await sweepGrassroots(ctx) }, 'grassroots sweep');
    } catch (err) {
      log.error({ err: safeErrorSummary(err) }, 'deadline sweep failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
