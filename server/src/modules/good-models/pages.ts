/**
 * The public gallery of "Dân vận khéo" models on the citizen portal: light server-rendered pages within the portal's
 * shell (no script), a GET search form (works without JS), filters by province, field, year and kind, pages of 20,
 * and each model's page: its story, the public copies of its photos, the outcomes linked from DânVận's records, the
 * yearly checks, where it was replicated and where it came from; links to the open data (CSV/JSON).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_FIELDS, MODEL_KINDS, MODEL_KIND_LABELS, type ModelKind } from '@danvan/domain/good-models';
import { formatCount, formatIsoDateVi } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { Lang } from '../../i18n.ts';
import { goodModels, modelCampaigns } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import { html, type Html, type Part } from '../portal/pages/html.ts';
import { listProvinces } from '../portal/submit-public-petition.ts';
import { getPublicModel, listPublicModels, type PublicQuery } from './public-models.ts';

export interface PageTools {
  langOf(request: FastifyRequest): Lang;
  render(request: FastifyRequest, reply: FastifyReply, title: string, body: Part, status?: number): unknown;
}

const T = {
  title: { vi: 'Mô hình «Dân vận khéo»', en: '"Dân vận khéo" models' },
  intro: {
    vi: 'Các mô hình tập thể và điển hình cá nhân làm tốt công tác dân vận đã được cấp có thẩm quyền công nhận, kèm kết quả lấy từ hồ sơ của hệ thống và việc duy trì hằng năm.',
    en: 'Collective models and individual exemplars of good mass mobilisation recognised by the competent level, with the outcomes taken from the system’s records and the yearly checks.',
  },
  search: { vi: 'Tìm kiếm (không cần gõ dấu)', en: 'Search (accents optional)' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  year: { vi: 'Năm', en: 'Year' },
  kind: { vi: 'Loại', en: 'Kind' },
  all: { vi: 'Tất cả', en: 'All' },
  find: { vi: 'Tìm', en: 'Search' },
  results: { vi: '{n} mô hình', en: '{n} models' },
  none: { vi: 'Chưa có mô hình nào phù hợp.', en: 'No model matches.' },
  level: { vi: 'Mức công nhận', en: 'Recognition level' },
  recognizedOn: { vi: 'Ngày công nhận', en: 'Recognised on' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  campaign: { vi: 'Đợt phát động', en: 'Campaign' },
  story: { vi: 'Cách làm và kết quả', en: 'What was done' },
  photos: { vi: 'Ảnh minh chứng', en: 'Evidence photos' },
  outcomes: { vi: 'Kết quả từ hồ sơ DânVận', en: 'Outcomes from DânVận records' },
  checks: { vi: 'Kiểm tra duy trì hằng năm', en: 'Yearly checks' },
  awards: { vi: 'Khen thưởng', en: 'Commendations' },
  decision: { vi: 'Quyết định số', en: 'Decision no.' },
  maintained: { vi: 'Năm {y}: được duy trì', en: '{y}: maintained' },
  notMaintained: { vi: 'Năm {y}: không được duy trì', en: '{y}: not maintained' },
  noChecks: { vi: 'Chưa có kỳ kiểm tra nào sau khi công nhận.', en: 'No check since recognition yet.' },
  replications: { vi: 'Nhân rộng tại', en: 'Replicated in' },
  noReplications: { vi: 'Chưa có đơn vị nào nhân rộng.', en: 'Not replicated yet.' },
  inProgress: { vi: 'đang xây dựng', en: 'in progress' },
  origin: { vi: 'Nhân rộng từ mô hình', en: 'Replicates' },
  openData: { vi: 'Dữ liệu mở', en: 'Open data' },
  prev: { vi: 'Trang trước', en: 'Previous page' },
  next: { vi: 'Trang sau', en: 'Next page' },
  back: { vi: 'Về danh sách mô hình', en: 'Back to the models' },
  pages: { vi: 'Phân trang', en: 'Pages' },
} as const;

const tt = (lang: Lang, key: keyof typeof T, params: Record<string, string | number> = {}) =>
  T[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

const KIND_EN: Record<ModelKind, string> = { model: 'Collective model', exemplar: 'Individual exemplar' };
const PAGE_SIZE = 20;

function paragraphs(text: string): Html[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);
}

export function registerGoodModelPages(site: FastifyInstance, ctx: AppContext, tools: PageTools) {
  /** The choices of the filters: the fields and years of recognised models (plus the default fields). */
  async function filterChoices() {
    const rows = await ctx.db
      .selectDistinct({ field: goodModels.field, year: goodModels.year, fields: modelCampaigns.fields })
      .from(goodModels)
      .innerJoin(modelCampaigns, eq(modelCampaigns.id, goodModels.campaignId))
      .where(and(eq(goodModels.status, 'recognized')))
      .orderBy(asc(goodModels.year))
      .limit(2000);
    const fields = new Map(DEFAULT_FIELDS.map((f) => [f.key, f.label]));
    for (const r of rows) {
      const label = (r.fields as { key: string; label: string }[]).find((f) => f.key === r.field)?.label;
      if (label && !fields.has(r.field)) fields.set(r.field, label);
    }
    const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => b - a);
    return { fields: [...fields].map(([key, label]) => ({ key, label })), years };
  }

  site.get('/mo-hinh', { schema: { hide: true } }, async (request, reply) => {
    const lang = tools.langOf(request);
    const q = request.query as Record<string, string | undefined>;
    const str = (v: string | undefined, max: number) => String(v ?? '').slice(0, max).trim();
    const filters = {
      q: str(q.q, 200),
      province: str(q.tinh, 20),
      field: str(q['linh-vuc'], 60),
      year: /^\d{4}$/.test(str(q.nam, 4)) ? Number(q.nam) : undefined,
      kind: (MODEL_KINDS as readonly string[]).includes(str(q.loai, 20)) ? (str(q.loai, 20) as ModelKind) : undefined,
    };
    const pageNo = Math.min(Math.max(Number.parseInt(str(q.trang, 5), 10) || 1, 1), 5000);
    const query: PublicQuery = { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE };
    if (filters.q) query.q = filters.q;
    if (filters.province) query.province = filters.province;
    if (filters.field) query.field = filters.field;
    if (filters.year) query.year = filters.year;
    if (filters.kind) query.kind = filters.kind;
    const [found, provinces, choices] = await Promise.all([listPublicModels(ctx, query), listProvinces(ctx), filterChoices()]);
    const link = (page: number) => {
      const p = new URLSearchParams();
      if (filters.q) p.set('q', filters.q);
      if (filters.province) p.set('tinh', filters.province);
      if (filters.field) p.set('linh-vuc', filters.field);
      if (filters.year) p.set('nam', String(filters.year));
      if (filters.kind) p.set('loai', filters.kind);
      if (page > 1) p.set('trang', String(page));
      return `/mo-hinh${p.size ? `?${p.toString()}` : ''}`;
    };
    const openData = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (!['limit', 'offset'].includes(k) && v !== undefined) openData.set(k, String(v));
    const select = (id: string, name: string, label: string, value: string, options: { value: string; label: string }[]) =>
      html`<label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">${tt(lang, 'all')}</option>${options.map(
        (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`,
      )}</select>`;
    const pages = Math.ceil(found.total / PAGE_SIZE);
    return tools.render(
      request,
      reply,
      tt(lang, 'title'),
      html`<h1>${tt(lang, 'title')}</h1>
<p>${tt(lang, 'intro')}</p>
<form method="get" action="/mo-hinh" role="search" class="box">
<label for="mh-q">${tt(lang, 'search')}</label><input type="search" id="mh-q" name="q" value="${filters.q}" autocomplete="off">
${select('mh-tinh', 'tinh', tt(lang, 'province'), filters.province, provinces.map((p) => ({ value: p.code, label: p.name })))}
${select('mh-linh-vuc', 'linh-vuc', tt(lang, 'field'), filters.field, choices.fields.map((f) => ({ value: f.key, label: f.label })))}
${select('mh-nam', 'nam', tt(lang, 'year'), filters.year ? String(filters.year) : '', choices.years.map((y) => ({ value: String(y), label: String(y) })))}
${select('mh-loai', 'loai', tt(lang, 'kind'), filters.kind ?? '', MODEL_KINDS.map((k) => ({ value: k, label: lang === 'en' ? KIND_EN[k] : MODEL_KIND_LABELS[k] })))}
<button type="submit">${tt(lang, 'find')}</button>
</form>
<h2 id="mh-results">${tt(lang, 'results', { n: formatCount(found.total) })}</h2>
${found.items.length
  ? html`<ul class="plain" aria-labelledby="mh-results">${found.items.map(
      (m) => html`<li><h3><a href="/mo-hinh/${m.id}">${m.title}</a></h3>
<p class="muted">${m.agency.name}, ${m.province} · ${lang === 'en' ? KIND_EN[m.kind] : m.kindLabel} · ${m.fieldLabel} · ${m.year}${m.levelLabel ? html` · <span class="state">${m.levelLabel}</span>` : ''}</p>
<p>${m.excerpt}</p></li>`,
    )}</ul>`
  : html`<p>${tt(lang, 'none')}</p>`}
${pages > 1
  ? html`<nav aria-label="${tt(lang, 'pages')}"><p>${pageNo > 1 ? html`<a href="${link(pageNo - 1)}" rel="prev">${tt(lang, 'prev')}</a> ` : ''}${pageNo}/${pages}${pageNo < pages ? html` <a href="${link(pageNo + 1)}" rel="next">${tt(lang, 'next')}</a>` : ''}</p></nav>`
  : ''}
<h2>${tt(lang, 'openData')}</h2>
<ul><li><a href="/api/v1/public/models-open-data?${openData.toString()}${openData.size ? '&' : ''}format=csv">CSV (UTF-8)</a></li><li><a href="/api/v1/public/models-open-data?${openData.toString()}${openData.size ? '&' : ''}format=json">JSON</a></li></ul>`,
    );
  });

  site.get('/mo-hinh/:id', { schema: { hide: true } }, async (request, reply) => {
    const lang = tools.langOf(request);
    const id = String((request.params as { id: string }).id ?? '');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError(404, 'error.notFound');
    const m = await getPublicModel(ctx, id);
    return tools.render(
      request,
      reply,
      m.title,
      html`<p><a href="/mo-hinh">${tt(lang, 'back')}</a></p>
<h1>${m.title}</h1>
<dl class="box">
<dt>${tt(lang, 'unit')}</dt><dd>${m.agency.name}, ${m.province}</dd>
<dt>${tt(lang, 'kind')}</dt><dd>${lang === 'en' ? KIND_EN[m.kind] : m.kindLabel}</dd>
<dt>${tt(lang, 'field')}</dt><dd>${m.fieldLabel}</dd>
<dt>${tt(lang, 'campaign')}</dt><dd>${m.campaign}</dd>
<dt>${tt(lang, 'level')}</dt><dd><span class="state">${m.levelLabel}</span></dd>
<dt>${tt(lang, 'recognizedOn')}</dt><dd>${m.recognizedOn ? formatIsoDateVi(m.recognizedOn) : ''}</dd>
${m.origin ? html`<dt>${tt(lang, 'origin')}</dt><dd><a href="/mo-hinh/${m.origin.id}">${m.origin.title}</a> (${m.origin.agency})</dd>` : ''}
</dl>
<h2>${tt(lang, 'story')}</h2>
${paragraphs(m.story)}
${m.photos.length
  ? html`<h2>${tt(lang, 'photos')}</h2>${m.photos.map(
      (p) => html`<figure class="box"><img src="${p.url}" alt="${p.title}" loading="lazy" style="width:100%;height:auto;aspect-ratio:4/3;object-fit:contain;background:#e9edf1"><figcaption>${p.title}</figcaption></figure>`,
    )}`
  : ''}
${m.outcomes.length ? html`<h2>${tt(lang, 'outcomes')}</h2><ul>${m.outcomes.map((o) => html`<li>${o.title}: ${o.label}</li>`)}</ul>` : ''}
${m.awards.length ? html`<h2>${tt(lang, 'awards')}</h2><ul>${m.awards.map((a) => html`<li><strong>${a.level}</strong> — ${tt(lang, 'decision')} ${a.decisionNo}, ${a.decidedOnText} (${a.signer})</li>`)}</ul>` : ''}
<h2>${tt(lang, 'checks')}</h2>
${m.checks.length ? html`<ul>${m.checks.map((c) => html`<li>${tt(lang, c.maintained ? 'maintained' : 'notMaintained', { y: c.year })}</li>`)}</ul>` : html`<p>${tt(lang, 'noChecks')}</p>`}
<h2>${tt(lang, 'replications')}</h2>
${m.replications.length
  ? html`<ul>${m.replications.map((r) => html`<li>${r.id ? html`<a href="/mo-hinh/${r.id}">${r.agency}</a>` : r.agency} (${r.year}${r.recognized ? '' : html`, ${tt(lang, 'inProgress')}`})</li>`)}</ul>`
  : html`<p>${tt(lang, 'noReplications')}</p>`}`,
    );
  });
}

