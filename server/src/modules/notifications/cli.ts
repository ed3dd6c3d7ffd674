/**
 * `danvan notify run-once` (cron-friendly: one pass over the outbox), `danvan notify set-email` (a staff
 * member's e-mail for reminders), and the worker that `danvan serve` starts.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import type { AppContext } from '../../context.ts';
import { loadSealer } from '../../security/sealer.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { readNotifyConfig, type NotifyConfig } from './config.ts';
import { isValidStaffEmail, normalizeStaffEmail, storeStaffEmail } from './staff-email.ts';
import { setNotifierWaker } from './enqueue-notification.ts';
import { outboxCounts, runOutboxOnce, startNotificationWorker, type OutboxDeps } from './run-outbox.ts';
import { httpSms, logMailer, logSms, smtpMailer, type NotifyLog } from './transports.ts';

const consoleLog: NotifyLog = {
  info: (o, m) => console.log(m, JSON.stringify(o)),
  warn: (o, m) => console.warn(m, JSON.stringify(o)),
  error: (o, m) => console.error(m, JSON.stringify(o)),
};

export function outboxDeps(config: NotifyConfig, log: NotifyLog, listenUrl?: string): OutboxDeps {
  const domain = /@([^>\s]+)/.exec(config.from)?.[1];
  return {
    mailer: config.smtp ? smtpMailer(config.smtp) : logMailer(log),
    sms: config.smsUrl ? httpSms(config.smsUrl, config.smsToken) : logSms(log),
    log,
    publicUrl: config.publicUrl ?? listenUrl ?? null,
    messageDomain: domain,
  };
}

/** For `danvan serve`: starts the worker unless DANVAN_NOTIFY_INTERVAL_MS=0; returns its stop function. */
export function startNotifier(ctx: AppContext, env: NodeJS.ProcessEnv, log: NotifyLog, listenUrl: string): () => Promise<void> {
  const config = readNotifyConfig(env);
  if (config.intervalMs === 0) return async () => undefined;
  const worker = startNotificationWorker(ctx, outboxDeps(config, log, listenUrl), config.intervalMs);
  setNotifierWaker(worker.wake);
  log.info({ email: config.smtp ? 'smtp' : 'log', sms: config.smsUrl ? 'http' : 'log', intervalMs: config.intervalMs }, 'notification worker started');
  return async () => {
    setNotifierWaker(null);
    await worker.stop();
  };
}

const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');

export function registerNotifyCommands(program: Command) {
  const notify = program.command('notify').description('Thông báo e-mail, SMS (hàng đợi gửi đi)');
  notify
    .command('run-once')
    .description('Gửi một lượt các thông báo đến hạn trong hàng đợi (gửi lại có giãn cách khi lỗi; không gửi trùng)')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      const notifyConfig = readNotifyConfig(process.env);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const deps = outboxDeps(notifyConfig, consoleLog);
      try {
        await database.migrate();
        const ctx = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
        const r = await runOutboxOnce(ctx, deps, { batch: 500 });
        const counts = await outboxCounts(ctx);
        console.log(
          `Đã xử lý ${r.claimed} thông báo: ${r.sent} đã gửi, ${r.retried} sẽ gửi lại, ${r.failed} thất bại, ${r.skipped} bỏ qua. ` +
            `Hàng đợi: ${counts.pending ?? 0} chờ gửi, ${counts.failed ?? 0} thất bại.`,
        );
      } finally {
        deps.mailer.close?.();
        await database.close();
      }
    });
  notify
    .command('set-email')
    .description('Đặt (hoặc xóa với --email "") e-mail công vụ của một cán bộ để nhận nhắc hạn, báo quá hạn, giao việc')
    .requiredOption('--username <u>')
    .requiredOption('--email <e>')
    .addOption(dataDirOption())
    .action(async (opts: { username: string; email: string; dataDir?: string }) => {
      const email = normalizeStaffEmail(opts.email);
      if (email && !isValidStaffEmail(email)) throw new Error(`E-mail không hợp lệ: ${email}`);
      const config = readConfig(process.env, opts);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        const updated = await database.db.transaction((tx) => storeStaffEmail(tx, { username: opts.username }, email, { actor: { id: null, name: 'system' }, at: new Date() }));
        if (!updated) throw new Error(`Không có tài khoản ${opts.username}`);
        console.log(email ? `Đã đặt e-mail cho ${opts.username}` : `Đã xóa e-mail của ${opts.username}`);
      } finally {
        await database.close();
      }
    });
}
