/** `danvan backup` and `danvan restore` (backup.ts; docs/runbooks/backup-restore.md). */
import { Option, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { backupCommand, restoreCommand, type Io } from './backup.ts';

export { startBackupSocket } from './backup.ts';

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };
const dataDirOption = () => new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)');

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description('Sao lưu thư mục dữ liệu PGlite vào một tệp (nhất quán cả khi danvan serve đang chạy); PostgreSQL: pg_dump')
    .requiredOption('--out <file>', 'tệp sao lưu (.tar.gz)')
    .addOption(dataDirOption())
    .action(async (opts: { out: string; dataDir?: string }) => {
      const config = readConfig(process.env, opts);
      process.exitCode = await backupCommand({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, out: opts.out }, consoleIo);
    });
  program
    .command('restore')
    .description('Khôi phục một bản sao lưu PGlite vào thư mục dữ liệu, rồi kiểm tra chuỗi nhật ký kiểm toán; PostgreSQL: pg_restore')
    .argument('<file>', 'tệp sao lưu của danvan backup')
    .addOption(dataDirOption())
    .option('--force', 'thay dữ liệu đang có (dữ liệu cũ được giữ lại bên cạnh)')
    .action(async (file: string, opts: { dataDir?: string; force?: boolean }) => {
      const config = readConfig(process.env, opts);
      process.exitCode = await restoreCommand({ file, dataDir: config.dataDir, databaseUrl: config.databaseUrl, force: opts.force }, consoleIo);
    });
}
