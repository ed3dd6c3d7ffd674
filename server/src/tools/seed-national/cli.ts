/**
 * `danvan seed --national [--scale F] [--seed N] [--from D --to D] [--truth FILE] [--data-dir D]` (honours
 * DATABASE_URL): fills the database with a generated country and writes the generator's ground truth to a JSON file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatCount } from '@danvan/domain/text';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { loadSealer } from '../../security/sealer.ts';
import { loadPersonHasher } from '../../security/person-hash.ts';
import { progressBar } from '../../progress.ts';
import { seedAgencies } from '../../modules/agencies/seed-agencies.ts';
import { seedNational } from './seed-national.ts';
import { seedNationalModels } from '../../modules/good-models/seed-models.ts';

interface SeedOptions {
  national?: boolean;
  scale: number;
  seed: number;
  from: string;
  to: string;
  truth?: string;
  dataDir?: string;
  dryRun?: boolean;
  exact?: boolean;
  provinces?: string;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('cần một số dương.');
  return n;
}

function integer(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('cần một số nguyên không âm.');
  return Number(value);
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('cần một ngày dạng YYYY-MM-DD.');
  return value;
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Sinh dữ liệu giả lập (--national: cả nước, 34 tỉnh, 3.321 xã và các bộ) và ghi số liệu kiểm chứng ra tệp JSON')
    .option('--national', 'cả nước: tiếp công dân, đơn, vụ việc, chuyển đơn, khiếu nại lần hai… qua các quy tắc của hệ thống')
    .option('--scale <F>', 'quy mô; 1 ≈ 6 tháng của báo cáo năm 2020 (≈ 165.000 lượt tiếp, 135.000 vụ việc)', positive, 1)
    .option('--seed <N>', 'hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu)', integer, 1)
    .option('--from <date>', 'từ ngày (YYYY-MM-DD)', isoDate, '2026-01-01')
    .option('--to <date>', 'đến ngày (YYYY-MM-DD)', isoDate, '2026-06-30')
    .option('--truth <file>', 'tệp JSON số liệu kiểm chứng (mặc định <data-dir>/seed-national-truth.json)')
    .option('--provinces <codes>', 'chỉ các tỉnh này (mã, cách nhau bởi dấu phẩy), cùng các bộ')
    .option('--dry-run', 'chỉ sinh và đếm, không ghi vào CSDL')
    .option('--exact', 'ghi qua từng nghiệp vụ thật (mỗi thay đổi một dòng nhật ký; chậm, chỉ cho quy mô nhỏ)')
    .addOption(new Option('--data-dir <dir>', 'thư mục dữ liệu (mặc định ./data hoặc DANVAN_DATA_DIR)'))
    .action(async (opts: SeedOptions) => {
      if (!opts.national) throw new Error('chỉ có một loại dữ liệu sinh: dùng danvan seed --national');
      if (opts.from > opts.to) throw new Error('--from phải trước --to');
      const config = readConfig(process.env, opts);
      const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await database.migrate();
        const agencyBar = progressBar('Nạp danh mục cơ quan');
        await seedAgencies(database.db, agencyBar.update);
        agencyBar.done();
        const bar = progressBar(opts.exact ? 'Ghi qua nghiệp vụ' : opts.dryRun ? 'Sinh dữ liệu (thử)' : 'Sinh dữ liệu toàn quốc');
        // Then the generated records are indexed for search (danvan search reindex's bulk path): a second bar.
        const indexBar = progressBar('Lập chỉ mục tìm kiếm');
        let indexing = false;
        const r = await seedNational(database.db, {
          scale: opts.scale,
          seed: opts.seed,
          from: opts.from,
          to: opts.to,
          sealer: loadSealer(process.env, config.dataDir),
          personHasher: loadPersonHasher(process.env, config.dataDir),
          dryRun: opts.dryRun,
          exact: opts.exact,
          provinces: opts.provinces?.split(',').map((s) => s.trim()).filter(Boolean),
          overlapWrites: database.kind === 'postgres',
          onProgress: bar.update,
          onIndexProgress: (done, total) => {
            if (!indexing) bar.done();
            indexing = true;
            indexBar.update(done, total);
          },
        });
        if (!indexing) bar.done();
        indexBar.done();
        const file = path.resolve(opts.truth ?? path.join(config.dataDir, 'seed-national-truth.json'));
        writeFileSync(file, `${JSON.stringify(r.truth, null, 1)}\n`);
        // «Dân vận khéo» campaigns and models, with their own ground truth beside the main one (good-models/seed-models.ts).
        const models = opts.dryRun ? null : await seedNationalModels(database.db, { seed: opts.seed, fromYear: Number(opts.from.slice(0, 4)), toYear: Number(opts.to.slice(0, 4)), provinces: opts.provinces?.split(',').map((s) => s.trim()).filter(Boolean), at: new Date() });
        if (models) writeFileSync(file.replace(/(\.json)?$/, '-models.json'), `${JSON.stringify(models, null, 1)}\n`);
        const t = r.truth;
        const vn = t.agencies.find((a) => a.level === 'national')?.figures[0];
        const rowsTotal = t.rows.cases + t.rows.visits + t.rows.petitions + t.rows.sessions + t.rows.sealedIdentities;
        console.log(
          [
            `${opts.dryRun ? 'Đã sinh (không ghi)' : 'Đã ghi'} vào ${database.description}: ${formatCount(t.rows.visits)} lượt tiếp, ${formatCount(t.rows.cases)} vụ việc, ${formatCount(t.rows.petitions)} đơn, ${formatCount(t.rows.sessions)} buổi tiếp, ${formatCount(t.rows.sealedIdentities)} danh tính được niêm phong`,
            vn
              ? `Cả nước ${t.from} – ${t.to}: ${formatCount(vn.visits!)} lượt tiếp, ${formatCount(vn.cases!)} vụ việc; ${formatCount(vn.resolved!)} / ${formatCount(vn.withinJurisdiction!)} vụ khiếu nại, tố cáo thuộc thẩm quyền đã giải quyết (${((100 * vn.resolved!) / Math.max(1, vn.withinJurisdiction!)).toFixed(1).replace('.', ',')}%)`
              : '',
            `Thời gian: sinh ${r.seconds.generate.toFixed(1)} s, ghi ${r.seconds.write.toFixed(1)} s, tổng ${r.seconds.total.toFixed(1)} s (${formatCount(Math.round(rowsTotal / r.seconds.total))} dòng/s)`,
            `Số liệu kiểm chứng: ${file}`,
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await database.close();
      }
    });
}
