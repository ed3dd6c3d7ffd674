/**
 * The national generator of bench-duplicates.ts, fast enough for 10M cases on 2 cores (issue 18, item 5).
 *
 * It writes what the slow path wrote (cases by SQL, search_docs with SQL `danvan_fold`, matter_entities by the real
 * `extractEntities` through `entityRows`), by a bulk path:
 *   - the secondary indexes of cases, search_docs and matter_entities, and the primary keys of search_docs and
 *     matter_entities (no foreign key points at them), are dropped before the load and re-created after it from the
 *     definitions read from the catalog before dropping them (pg_indexes.indexdef, pg_get_constraintdef: the
 *     migrations' own), with maintenance_work_mem raised; the definitions after are compared with those before;
 *   - `extractEntities` runs once per DISTINCT content (the 8 templates vary only in a few numbers, streets and names:
 *     about 1.3M distinct contents for 10M cases) into an unlogged table content → (entity, value), and
 *     matter_entities is written for every case by one SQL join on the content (with the case's agency_path).
 * Resumable by size: cases B-1…B-<already> are kept and B-<already+1>…B-<N> added (the row of case g depends only
 * on g), so a database generated at 1M grows to 10M. A run killed half-way leaves a broken database: start again on
 * a fresh cluster.
 *
 * `verify` (BENCH_DUP_VERIFY=1; meant for 200k): every generated case's entities recomputed by the slow path
 * (`entityRows` per case, as indexCase writes them) and compared with matter_entities, and every
 * search_docs row compared with the slow path's SQL row for its case.
 */
import pg from 'pg';
import { entityRows } from '@danvan/server/modules/search/index-records';

const TABLES = ['cases', 'search_docs', 'matter_entities'];
/** Primary keys dropped for the load (no foreign key references these tables; checked at run time). */
const PK_TABLES = ['search_docs', 'matter_entities'];

type Log = (msg: string) => void;

interface Saved {
  indexes: { table: string; name: string; def: string }[];
  constraints: { table: string; name: string; def: string }[];
}

async function catalog(client: pg.Client): Promise<{ indexes: Saved['indexes']; constraints: Saved['constraints'] }> {
  const indexes = (await client.query<{ table: string; name: string; def: string }>(
    `select tablename as table, indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = any($1) order by tablename, indexname`, [TABLES])).rows;
  const constraints = (await client.query<{ table: string; name: string; def: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = any($1::regclass[]) and contype in ('p', 'u', 'x') order by 1, 2`, [TABLES])).rows;
  return { indexes, constraints };
}

async function dropForLoad(client: pg.Client): Promise<{ saved: Saved; before: string }> {
  const { indexes, constraints } = await catalog(client);
  const before = JSON.stringify({ indexes, constraints });
  const referenced = (await client.query<{ t: string }>(`select confrelid::regclass::text as t from pg_constraint where contype = 'f' and confrelid = any($1::regclass[])`, [PK_TABLES])).rows;
  if (referenced.length) throw new Error(`a foreign key references ${referenced.map((r) => r.t).join(', ')}: keep its primary key`);
  const dropPk = constraints.filter((c) => PK_TABLES.includes(c.table));
  const constraintNames = new Set(constraints.map((c) => c.name));
  const dropIdx = indexes.filter((i) => !constraintNames.has(i.name));
  for (const c of dropPk) await client.query(`alter table ${c.table} drop constraint "${c.name}"`);
  for (const i of dropIdx) await client.query(`drop index "${i.name}"`);
  return { saved: { indexes: dropIdx, constraints: dropPk }, before };
}

/** Re-create what dropForLoad dropped, on two connections (the GIN builds are single-threaded), largest first. */
async function restore(url: string, client: pg.Client, saved: Saved, before: string, log: Log): Promise<void> {
  const jobs = [
    ...saved.constraints.map((c) => ({ name: c.name, sql: `alter table ${c.table} add constraint "${c.name}" ${c.def}` })),
    ...saved.indexes.map((i) => ({ name: i.name, sql: i.def })),
  ];
  // The two GIN indexes of search_docs (the words, then the trigrams) are by far the longest: start them first.
  const order = (j: { name: string; sql: string }) => (/search_docs_words/.test(j.name) ? 3 : /folded_trgm/.test(j.name) ? 2 : /gin/i.test(j.sql) ? 1 : 0);
  jobs.sort((a, b) => order(b) - order(a));
  const workers = await Promise.all([0, 1].map(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`set maintenance_work_mem = '1GB'`);
    return c;
  }));
  let next = 0;
  await Promise.all(workers.map(async (c) => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const t = performance.now();
      await c.query(job.sql);
      log(`  index ${job.name} built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    await c.end();
  }));
  const after = await catalog(client);
  if (JSON.stringify(after) !== before) throw new Error(`index definitions differ after the load:\nbefore ${before}\nafter  ${JSON.stringify(after)}`);
  log(`  ${saved.indexes.length + saved.constraints.length} indexes and keys re-created; definitions identical to those before the load`);
}

export interface GenerateOptions {
  url: string;
  client: pg.Client;
  /** Cases B-1…B-already present; B-(already+1)…B-n are added. */
  already: number;
  n: number;
  /** SQL of a case's content for row g (needs `s.street`, `s.name`). */
  contentSql: string;
  streets: string;
  names: string;
  streetCount: number;
  nameCount: number;
  log: Log;
}

/** Two sessions (2 cores): the load's statements split between them. */
async function sessions(url: string): Promise<pg.Client[]> {
  return Promise.all([0, 1].map(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`set work_mem = '512MB'`);
    return c;
  }));
}

/** Run `jobs` on the sessions, each taking the next job when it is free. */
async function spread<T>(clients: pg.Client[], jobs: T[], run: (c: pg.Client, job: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(clients.map(async (c) => {
    while (next < jobs.length) await run(c, jobs[next++]!);
  }));
}

export async function generateCases(o: GenerateOptions): Promise<void> {
  const { client, log } = o;
  const stage = async (name: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    log(`${name}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  };
  const fresh = `c.code like 'B-%' and substr(c.code, 3)::bigint > ${o.already}`;
  let dropped: Awaited<ReturnType<typeof dropForLoad>> | undefined;
  await stage('drop indexes', async () => (dropped = await dropForLoad(client)));
  await client.query(`drop table if exists bench_ag, bench_contents, bench_entities`);
  await client.query(`create unlogged table bench_ag as select row_number() over (order by code) - 1 as rn, id, path from agencies where level = 'commune'`);
  const communes = ((await client.query(`select count(*)::int as n from bench_ag`)).rows as { n: number }[])[0]!.n;
  const workers = await sessions(o.url);
  const insertChunk = (c: pg.Client, from: number, to: number) => c.query(`
        insert into cases (code, agency_id, agency_path, kind, state, content, content_key, received_on)
        select 'B-' || g, ag.id, ag.path, case when g % 8 in (2, 7) then 'denunciation' when g % 8 in (1, 5, 6) then 'feedback' else 'complaint' end,
               'received', c.content, '', date '2026-01-01' + (g % 180)
        from generate_series(${from}, ${to}) g
        join bench_ag ag on ag.rn = (g::bigint * 7919) % ${communes}
        cross join lateral (select (${o.streets})[1 + g % ${o.streetCount}] as street, (${o.names})[1 + (g / 8) % ${o.nameCount}] as name) s
        cross join lateral (select ${o.contentSql} as content) c`);
  await stage(`cases ${o.already + 1}…${o.n}`, async () => {
    const CHUNK = 250_000;
    const chunks: [number, number][] = [];
    for (let from = o.already + 1; from <= o.n; from += CHUNK) chunks.push([from, Math.min(o.n, from + CHUNK - 1)]);
    let done = 0;
    await spread(workers, chunks, async (c, [from, to]) => {
      // The statement-level report_counters trigger of the two sessions may deadlock on the counters: a chunk that
      // loses is rolled back whole by PostgreSQL and run again.
      for (let attempt = 1; ; attempt++) {
        try {
          await insertChunk(c, from, to);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
          log(`  chunk ${from}…${to}: deadlock on the report counters, run again`);
        }
      }
      done += to - from + 1;
      if (done % 2_000_000 < CHUNK) log(`  … ${done.toLocaleString('en')} cases`);
    });
  });
  // The cases' heap split in two halves by page (TID range scans), one per session.
  const pages = ((await client.query<{ n: number }>(`select (pg_relation_size('cases') / current_setting('block_size')::int)::int + 1 as n`)).rows[0]!.n);
  const halves = [`c.ctid < '(${Math.floor(pages / 2)},0)'::tid`, `c.ctid >= '(${Math.floor(pages / 2)},0)'::tid`];
  let distinct = 0;
  await stage('distinct contents and their folded text (SQL danvan_fold)', async () => {
    await client.query(`set work_mem = '1GB'`);
    await client.query(`create unlogged table bench_contents as select row_number() over () as n, content, danvan_fold(content) as folded, danvan_fold(left(content, 1)) <> '' as alnum_start from (select distinct content from cases c where ${fresh}) d`);
    distinct = ((await client.query<{ n: number }>(`select count(*)::int as n from bench_contents`)).rows[0]!.n);
    await client.query(`analyze bench_contents`);
  });
  await stage('search_docs', () =>
    // danvan_fold(code || ' ' || content) = danvan_fold(code) || ' ' || danvan_fold(content) when the code's last
    // character and the content's first fold to a letter or digit (the fold maps characters one by one, turns each
    // run of other characters into one space and trims the ends); otherwise the whole text is folded.
    spread(workers, halves, (c, half) => c.query(`
      insert into search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
      select c.id, 'case', c.id, c.agency_id, c.agency_path, c.kind, c.received_on, c.content, null, null,
             case when f.alnum_start and danvan_fold(right(c.code, 1)) <> '' then danvan_fold(c.code) || ' ' || f.folded else danvan_fold(c.code || ' ' || c.content) end
        from cases c join bench_contents f on f.content = c.content
       where ${fresh} and ${half}
      on conflict do nothing`)),
  );
  let entityCount = 0;
  await stage('entities of the distinct contents (TypeScript extractEntities)', async () => {
    await client.query(`create unlogged table bench_entities (content text not null, entity text not null, value text not null)`);
    const BATCH = 50_000;
    for (let from = 1; from <= distinct; from += BATCH) {
      const rows = (await client.query<{ content: string }>(`select content from bench_contents where n between $1 and $2`, [from, from + BATCH - 1])).rows;
      const content: string[] = [];
      const entity: string[] = [];
      const value: string[] = [];
      for (const r of rows) {
        const seen = new Set<string>();
        // entityRows is what indexCase inserts (with ON CONFLICT DO NOTHING: one row per entity, value).
        for (const e of entityRows('', '', r.content)) {
          const key = `${e.entity}\u0000${e.value}`;
          if (seen.has(key)) continue;
          seen.add(key);
          content.push(r.content);
          entity.push(e.entity);
          value.push(e.value);
        }
      }
      entityCount += content.length;
      await client.query(`insert into bench_entities select * from unnest($1::text[], $2::text[], $3::text[])`, [content, entity, value]);
    }
    await client.query(`analyze bench_entities`);
  });
  log(`  ${distinct.toLocaleString('en')} distinct contents for ${(o.n - o.already).toLocaleString('en')} cases, ${entityCount.toLocaleString('en')} (content, entity) rows`);
  await stage('matter_entities (SQL join on the content)', () =>
    spread(workers, halves, (c, half) => c.query(`
      insert into matter_entities (case_id, entity, value, agency_path)
      select c.id, e.entity, e.value, c.agency_path from cases c join bench_entities e on e.content = c.content
       where ${fresh} and ${half}
      on conflict do nothing`)),
  );
  await client.query(`reset work_mem`);
  await client.query(`drop table bench_ag, bench_contents, bench_entities`);
  await Promise.all(workers.map((c) => c.end()));
  await stage('re-create indexes', () => restore(o.url, client, dropped!.saved, dropped!.before, log));
  await stage('analyze', () => client.query('analyze'));
}

/** The slow path's rows, compared with what generateCases wrote (every generated case). Throws on a difference. */
export async function verifyGenerated(client: pg.Client, log: Log): Promise<void> {
  const docDiff = (await client.query<{ n: number }>(`
    select count(*)::int as n from cases c full join search_docs d on d.id = c.id and d.record_type = 'case'
     where (c.code like 'B-%' or d.id is not null) and not (
       d.id is not null and c.id is not null and d.case_id = c.id and d.agency_id = c.agency_id and d.agency_path = c.agency_path
       and d.kind = c.kind and d.day = c.received_on and d.content = c.content and d.names is null and d.names_folded is null
       and d.folded = danvan_fold(c.code || ' ' || c.content))`)).rows[0]!.n;
  if (docDiff) throw new Error(`verify: ${docDiff} search_docs rows differ from the slow path's`);
  let after = '00000000-0000-0000-0000-000000000000';
  let checked = 0;
  let rowsChecked = 0;
  for (;;) {
    const cs = (await client.query<{ id: string; agency_path: string; content: string }>(`select id, agency_path, content from cases where code like 'B-%' and id > $1 order by id limit 10000`, [after])).rows;
    if (!cs.length) break;
    const last = cs[cs.length - 1]!.id;
    const expected = new Set(cs.flatMap((c) => entityRows(c.id, c.agency_path, c.content).map((e) => `${e.caseId}|${e.entity}|${e.value}|${e.agencyPath}`)));
    const actual = (await client.query<{ k: string }>(`select case_id || '|' || entity || '|' || value || '|' || agency_path as k from matter_entities where case_id > $1 and case_id <= $2`, [after, last])).rows.map((r) => r.k);
    const actualSet = new Set(actual);
    if (actual.length !== actualSet.size || actualSet.size !== expected.size || [...expected].some((k) => !actualSet.has(k))) {
      throw new Error(`verify: matter_entities differ from the slow path's for cases after ${after} (expected ${expected.size}, found ${actual.length})`);
    }
    checked += cs.length;
    rowsChecked += expected.size;
    after = last;
  }
  log(`verify: ${checked.toLocaleString('en')} cases — search_docs rows identical to the slow path's SQL, matter_entities identical to entityRows per case (${rowsChecked.toLocaleString('en')} rows)`);
}
