// ad-hoc (not committed): searchRecords variants at 10M — storage order vs newest first
import pg from 'pg';
import { foldForSearch } from '@danvan/domain/text';
import { wordQuery } from '@danvan/server/modules/search/search-records';
const c = new pg.Client({ connectionString: process.env.URL });
await c.connect();
const queries = ['12/QĐ-UBND', 'thua dat so 45', 'phố Kim Mã đèn', 'Hoàng Hoa Thám đèn', 'tro cap xa hoi', 'Trần Văn Bình', 'xây vượt phép Trần Phú', 'B-1234', 'tranh chap ranh gio'];
const variant = process.env.VARIANT ?? 'storage';
for (let rep = 0; rep < 3; rep++) for (const q of queries) {
  const phrase = foldForSearch(q);
  const terms = [...new Set(phrase.split(' ').filter(Boolean))];
  const tsq = wordQuery(terms, ['01'], true);
  const order = variant === 'newest' ? 'order by d.day desc' : '';
  const t = performance.now();
  await c.query('begin');
  await c.query(`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
  const r = await c.query(`with m as (select d.id, d.day, d.folded, d.record_type from (select * from search_docs w where danvan_search_words(w.agency_path, w.folded, w.names_folded) @@ to_tsquery('simple', $1) offset 0) d where (d.agency_path = 'VN/01' or d.agency_path like 'VN/01/%') ${order} limit 1001)
    select id, ((case when folded like $2 then 1 else 0 end) + word_similarity($3, folded))::float8 as rank, count(*) over () as total from m order by rank desc, day desc, id limit 20`, [tsq, `%${phrase}%`, phrase]);
  await c.query('commit');
  if (rep === 2) console.log(variant, JSON.stringify(q).padEnd(26), String(r.rows[0]?.total ?? 0).padStart(5), (performance.now() - t).toFixed(1), 'ms');
}
await c.end();
