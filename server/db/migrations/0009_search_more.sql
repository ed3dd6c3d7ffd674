-- hand-written (search_more: dialogues, commitments, consultations in the search box, issue 18 item 1)
-- Their search documents (ADR 0022 amendment 2026-12-06, third) are written by their use cases from now on; these
-- statements give the records of an upgraded install theirs at once, as modules/search/index-records.ts would (no
-- names; never a registration, question, opinion or submission), folded by danvan_fold (migration 0005), which gives
-- foldForSearch's string for Vietnamese text (search-more.test.ts compares them); `danvan search reindex` rewrites
-- them from TypeScript if a text holds letters outside Vietnamese. A fresh database has no such records: no-ops.
-- A commitment's document is under its organiser's path (commitments.agency_path) with the dialogue's agency id.
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT d.id, 'dialogue', NULL, d.agency_id, d.agency_path, d.kind, d.planned_on, t.content, NULL, NULL, danvan_fold(d.code || ' ' || t.content)
FROM dialogues d
CROSS JOIN LATERAL (SELECT concat_ws(' · ', CASE WHEN btrim(d.title) <> '' THEN d.title END, CASE WHEN btrim(d.content) <> '' THEN d.content END, CASE WHEN btrim(d.location) <> '' THEN d.location END, CASE WHEN btrim(d.conclusion_summary) <> '' THEN d.conclusion_summary END) AS content) t
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT k.id, 'commitment', NULL, d.agency_id, k.agency_path, 'commitment', k.made_on, t.content, NULL, NULL, danvan_fold(k.code || ' ' || t.content)
FROM commitments k
JOIN dialogues d ON d.id = k.dialogue_id
CROSS JOIN LATERAL (SELECT concat_ws(' · ', CASE WHEN btrim(k.content) <> '' THEN k.content END, CASE WHEN btrim(k.closing_note) <> '' THEN k.closing_note END) AS content) t
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT c.id, 'consultation', NULL, c.agency_id, c.agency_path, c.kind, coalesce(c.opens_on, (c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), t.content, NULL, NULL, danvan_fold(t.content)
FROM consultations c
CROSS JOIN LATERAL (SELECT concat_ws(' · ', CASE WHEN btrim(c.title) <> '' THEN c.title END, case c.subject when 'ke-hoach-kt-xh' then 'Kế hoạch phát triển kinh tế – xã hội' when 'quy-hoach-sd-dat' then 'Quy hoạch, kế hoạch sử dụng đất' when 'du-an-tai-dinh-cu' then 'Dự án lớn, bồi thường, hỗ trợ, tái định cư' when 'dia-gioi-ten-goi' then 'Điều chỉnh địa giới, đặt tên, đổi tên (kể cả thôn, tổ dân phố)' when 'quyet-dinh-cong-dong' then 'Quyết định ảnh hưởng đến cộng đồng' when 'quy-hoach-xay-dung' then 'Quy hoạch xây dựng' when 'quy-che-dan-chu' then 'Quy chế thực hiện dân chủ ở xã' when 'quyet-dinh-nghia-vu' then 'Quyết định đặt nghĩa vụ, hạn chế quyền của công dân' when 'van-ban-qppl' then 'Dự thảo văn bản quy phạm pháp luật' when 'khac' then 'Nội dung khác' else c.subject end, CASE WHEN btrim(c.audience) <> '' THEN c.audience END, CASE WHEN btrim(c.summary) <> '' THEN c.summary END) AS content) t
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- The commitments owned across a province line (owner in another province, a ministry): searchRecords adds their
-- organiser's province to the words it looks up for the owner's staff. Without this index that look-up read every
-- commitment of the owner's subtree on each search (p50 47–56 ms at 200,000 commitments, PostgreSQL 15); with it
-- 0.2–1.6 ms.
CREATE INDEX IF NOT EXISTS commitments_cross_province_idx ON commitments (owner_agency_path text_pattern_ops) WHERE split_part(agency_path, '/', 2) <> split_part(owner_agency_path, '/', 2);
