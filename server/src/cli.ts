/**
 * `danvan` command line: serve, migrate, user add, audit verify/anchor, keys status/reseal, and the modules' commands.
 * Every command that touches the database takes --data-dir (default ./data or DANVAN_DATA_DIR) and honours
 * DATABASE_URL.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { readConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import type { AppContext } from './context.ts';
import { buildApp } from './app.ts';
import { loadSealer, sealKeyWarning } from './security/sealer.ts';
import { sealLegacyBookings } from './modules/reception/booking-contact.ts';
import { loadPersonHasher, personKeyWarning } from './security/person-hash.ts';
import { seedAgencies } from './modules/agencies/seed-agencies.ts';
import { addUser } from './modules/auth/add-user.ts';
import { auditAnchorCommand, auditVerifyCommand, consoleIo, defaultAnchorsFile, startPeriodicAnchor } from './modules/audit/anchor-audit.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './tools/demo/seed-demo.ts';
import { AppError } from './plugins/errors.ts';
import { translate } from './i18n.ts';
import { ROLES } from '@danvan/domain/roles';
import { progressBar } from './progress.ts';
import { registerDeadlineCommand } from './modules/clock/cli.ts';
import { registerSeedCommand } from './tools/seed-national/cli.ts';
import { registerSweepCommand, startPeriodicSweep } from './modules/cases/sweep-cli.ts';
import { portalOptionsFor } from './modules/portal/options.ts';
import { registerNotifyCommands, startNotifier } from './modules/notifications/cli.ts';
import { startNationalSync } from './modules/national-sync/cli.ts';
import { registerRegisterCommands } from './modules/reception/cli.ts';
import { registerImportCommands } from './modules/imports/cli.ts';
import { registerKeysCommands } from './tools/keys/cli.ts';
import { registerPersonHashCommands } from './tools/person-hash/cli.ts';
import { startPeriodicFold } from './modules/reports/counters.ts';
import { registerBackupCommands, startBackupSocket } from './tools/backup/cli.ts';
import { registerFederationCommands } from './modules/federation/cli.ts';
import { startDeliveryWorker } from './modules/federation/outbox.ts';
import { registerSearchCommands } from './modules/search/cli.ts';

const program = new Command('danvan').description('DânVận — tiếp công dân, xử lý đơn, khiếu nại, tố cáo, kiến nghị, báo cáo');
const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');

async function withDatabase<T>(config: Config, fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function prepare(database: Database, quiet = false) {
  const bar = quiet ? undefined : progressBar('Nạp danh mục cơ quan');
  const n = await seedAgencies(database.db, bar?.update);
  bar?.done();
  return n;
}

program
  .command('serve')
  .description('Di chuyển CSDL, nạp danh mục cơ quan nếu trống, (với --demo) thêm dữ liệu mẫu, rồi phục vụ')
  .option('--port <port>', 'cổng', '8080')
  .option('--host <host>', 'địa chỉ lắng nghe', '127.0.0.1')
  .addOption(dataDirOption())
  .option('--demo', 'thêm tài khoản và hồ sơ mẫu')
  .action(async (opts: { port: string; host: string; dataDir?: string; demo?: boolean }) => {
    const config = readConfig(process.env, opts);
    for (const name of config.unknownVariables) {
      console.warn(`Cảnh báo: biến môi trường ${name} không được DânVận sử dụng (gõ nhầm?) / warning: ${name} is not a DânVận setting (a typo?)`);
    }
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port không hợp lệ: ${opts.port}`);
    const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    await database.migrate();
    const seeded = await prepare(database);
    const ctx: AppContext = { db: database.db, now: () => new Date(), sealer: loadSealer(process.env, config.dataDir), personHasher: loadPersonHasher(process.env, config.dataDir) };
    // Once per start: keys kept beside the data they open (issue 13; docs/runbooks/seal-keys.md).
    const keyWarning = [sealKeyWarning(process.env, config.dataDir), personKeyWarning(process.env, config.dataDir)].filter(Boolean).join('\n');
    if (keyWarning) console.warn(keyWarning);
    // Bookings made before their contact was sealed (issue 13): seal them now (idempotent, a no-op once done).
    const resealed = await sealLegacyBookings(ctx.db, ctx.sealer);
    if (resealed) console.log(`Đã niêm phong họ tên, số điện thoại của ${resealed} lịch hẹn cũ`);
    const demoAdded = opts.demo ? await seedDemo(ctx) : false;
    const app = await buildApp({ ctx, logger: { level: config.logLevel }, secureCookies: config.secureCookies, trustProxy: config.trustProxy, portal: portalOptionsFor(config.dataDir, process.env) });
    const stopSweep = config.sweepMinutes > 0 ? startPeriodicSweep(ctx, app.log, config.sweepMinutes) : () => undefined;
    const stopAnchor = config.anchorHours > 0 ? startPeriodicAnchor(database.db, defaultAnchorsFile(config.dataDir), app.log, config.anchorHours) : () => undefined;
    const stopFold = config.foldSeconds > 0 ? startPeriodicFold(database.db, app.log, config.foldSeconds) : () => undefined;
    const stopBackupSocket = await startBackupSocket(database, config.dataDir, app.log);
    const federation = config.federationDeliverSeconds > 0 ? startDeliveryWorker(ctx, app.log, config.federationDeliverSeconds) : { stop: () => undefined };
    let stopNotifier: () => Promise<void> = async () => undefined;
    let stopNationalSync: () => Promise<void> = async () => undefined;
    const close = async () => {
      stopFold();
      federation.stop();
      await stopBackupSocket();
      stopSweep();
      stopAnchor();
      await stopNotifier();
      await stopNationalSync();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    await app.listen({ port, host: opts.host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${actualPort}`;
    stopNotifier = startNotifier(ctx, process.env, app.log, url);
    stopNationalSync = startNationalSync(ctx, process.env, app.log);
    const lines = [
      '',
      `DânVận đang chạy / is running: ${url}/app/`,
      `  Cổng công dân / citizen portal: ${url}/`,
      `  Cơ sở dữ liệu: ${database.description}${seeded ? ` (đã nạp ${seeded} cơ quan)` : ''}`,
      `  API: ${url}/api/v1  ·  OpenAPI: ${url}/api/v1/openapi.json  ·  Tài liệu: ${url}/api/docs`,
    ];
    if (opts.demo) {
      lines.push(`  Tài khoản mẫu / demo logins${demoAdded ? '' : ' (đã có từ trước)'} — mật khẩu / password: ${DEMO_PASSWORD}`);
      for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(14)} ${u.role.padEnd(13)} ${u.agencyCode.padEnd(6)} ${u.displayName}`);
    }
    console.log(lines.join('\n'));
  });

program
  .command('migrate')
  .description('Áp dụng các migration của CSDL')
  .addOption(dataDirOption())
  .action(async (opts: { dataDir?: string }) => {
    const config = readConfig(process.env, opts);
    await withDatabase(config, async (d) => console.log(`Đã cập nhật CSDL: ${d.description}`));
  });

const user = program.command('user').description('Tài khoản cán bộ');
user
  .command('add')
  .description('Thêm tài khoản với một vai trò tại một cơ quan (và toàn bộ cấp dưới)')
  .requiredOption('--username <u>')
  .requiredOption('--password <p>')
  .addOption(new Option('--role <r>').choices([...ROLES]).makeOptionMandatory())
  .requiredOption('--agency <code>', 'mã xã (5 số), mã tỉnh (2 số) hoặc VN cho cấp trung ương')
  .option('--name <displayName>', 'họ tên hiển thị')
  .addOption(dataDirOption())
  .action(async (opts: { username: string; password: string; role: string; agency: string; name?: string; dataDir?: string }) => {
    const config = readConfig(process.env, opts);
    await withDatabase(config, async (d) => {
      await prepare(d);
      const r = await addUser(d.db, { username: opts.username, password: opts.password, role: opts.role, agencyCode: opts.agency, displayName: opts.name }, new Date());
      console.log(`Đã tạo tài khoản ${r.username} (${r.role}) tại ${r.agency}`);
    });
  });

const audit = program.command('audit').description('Nhật ký kiểm toán');
audit
  .command('verify')
  .description('Kiểm tra chuỗi băm của nhật ký; báo dòng hỏng đầu tiên; đối chiếu các mốc neo (phát hiện nhật ký bị cắt đuôi)')
  .addOption(dataDirOption())
  .option('--anchors <file>', 'tệp mốc neo (mặc định <data-dir>/audit-anchors.jsonl nếu có)')
  .action(async (opts: { dataDir?: string; anchors?: string }) => {
    const config = readConfig(process.env, opts);
    const fallback = defaultAnchorsFile(config.dataDir);
    const anchorsFile = opts.anchors ?? (existsSync(fallback) ? fallback : undefined);
    process.exitCode = await withDatabase(config, (d) => auditVerifyCommand(d.db, { anchorsFile }, consoleIo));
  });
audit
  .command('anchor')
  .description('Kiểm tra chuỗi rồi ghi thêm đầu chuỗi {at, lastId, lastHash, rows} vào tệp mốc neo (chỉ ghi nối) và in ra')
  .addOption(dataDirOption())
  .option('--out <file>', 'tệp mốc neo (mặc định <data-dir>/audit-anchors.jsonl); nên đặt trên phương tiện khác')
  .action(async (opts: { dataDir?: string; out?: string }) => {
    const config = readConfig(process.env, opts);
    const file = opts.out ? path.resolve(opts.out) : defaultAnchorsFile(config.dataDir);
    process.exitCode = await withDatabase(config, (d) => auditAnchorCommand(d.db, { file }, consoleIo));
  });

registerDeadlineCommand(program);
registerSeedCommand(program);
registerSweepCommand(program);
registerNotifyCommands(program);
registerRegisterCommands(program);
registerImportCommands(program);
registerKeysCommands(program);
registerPersonHashCommands(program);
registerBackupCommands(program);
registerFederationCommands(program);
registerSearchCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof AppError) {
    const details = err.fieldIssues.map((i) => translate('vi', i.key, { field: i.field, ...i.params })).join('; ');
    console.error(`Lỗi: ${translate('vi', err.key, err.params)}${details ? `: ${details}` : ''}`);
  } else {
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
}
