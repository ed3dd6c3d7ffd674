/**
 * Portal pages of public consultation (no JavaScript, phone-first): `/gop-y` lists the drafts; `/gop-y/:id` shows
 * one draft section by section (one article per page, with a table of contents and previous / next links), the
 * identity step (a one-time code to a phone or e-mail), and on each section a form with the three stances and a
 * text. After the close the page shows the tally per section, and the synthesis once it is published.
 * Registered inside the portal's page context (its body parser, error pages and sealed cookies).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGE_BANDS, AGE_BAND_LABELS, CATEGORIES, CATEGORY_LABELS, STANCES, STANCE_LABELS, type AgeBand, type Category, type Stance } from '@danvan/domain/consultation/rules';
import { formatCount, formatPercent } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { Lang } from '../../i18n.ts';
import { AppError } from '../../plugins/errors.ts';
import { html, raw, type Part } from '../portal/pages/html.ts';
import { listProvinces } from '../portal/submit-public-petition.ts';
import { otpIdentity } from './identity.ts';
import { listPublicConsultations, publicConsultation } from './public-view.ts';
import { submitOpinion } from './submit-opinion.ts';

export interface PageKit {
  render: (request: FastifyRequest, reply: FastifyReply, title: string, body: Part, status?: number) => unknown;
  sealCookie: (value: unknown, minutes: number) => string;
  openCookie: <T>(raw: string | undefined) => T | null;
  cookieOpts: { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean };
  langOf: (r: FastifyRequest) => Lang;
}

const CODE_COOKIE = 'dv_gy_code';
const ID_COOKIE = 'dv_gy';
const FLASH_COOKIE = 'dv_gy_flash';

interface Pending {
  id: string;
  requestId: string;
  hint: string;
}
interface Verified {
  id: string;
  requestId: string;
  code: string;
  respondent: { category: Category; ageBand?: AgeBand; province?: string };
}

type Fields = Record<string, string | undefined>;

const T = {
  vi: {
    list: 'Góp ý dự thảo',
    intro: 'Đọc dự thảo theo từng điều và cho ý kiến: tán thành, không tán thành hoặc đồng ý một phần. Mỗi người được tính một ý kiến cho mỗi điều; gửi lại thì ý kiến sau thay ý kiến trước.',
    none: 'Hiện chưa có dự thảo nào đang lấy ý kiến.',
    contents: 'Mục lục',
    prev: '← Điều trước',
    next: 'Điều sau →',
    verifyTitle: 'Xác thực để góp ý',
    verifyText: 'Nhập số điện thoại hoặc e-mail để nhận mã xác thực một lần (mỗi người chỉ được tính một lần).',
    phone: 'Số điện thoại',
    email: 'Hoặc e-mail',
    sendCode: 'Gửi mã xác thực',
    codeLabel: 'Mã xác thực (6 chữ số)',
    codeSent: 'Đã gửi mã đến',
    category: 'Bạn là',
    ageBand: 'Độ tuổi',
    province: 'Tỉnh, thành phố nơi cư trú',
    optional: '(không bắt buộc)',
    confirm: 'Xác nhận',
    yourOpinion: 'Ý kiến của bạn về',
    stance: 'Ý kiến',
    text: 'Nội dung góp ý (bắt buộc nếu không tán thành hoặc đồng ý một phần)',
    send: 'Gửi ý kiến',
    verified: 'Bạn đã xác thực và có thể góp ý từng điều trong 30 phút.',
    closedTally: 'Kết quả lấy ý kiến',
    participants: 'Số người tham gia',
    opinions: 'ý kiến',
    synthesis: 'Tiếp thu, giải trình',
    notOpen: 'Dự thảo không còn nhận ý kiến.',
  },
  en: {
    list: 'Comment on drafts',
    intro: 'Read the draft article by article and give your view: approve, not approve or partly agree. Each person counts once per article; a new opinion replaces the earlier one.',
    none: 'No draft is open for comment.',
    contents: 'Contents',
    prev: '← Previous',
    next: 'Next →',
    verifyTitle: 'Verify to comment',
    verifyText: 'Enter a phone number or e-mail to receive a one-time code (each person counts once).',
    phone: 'Phone number',
    email: 'Or e-mail',
    sendCode: 'Send the code',
    codeLabel: 'One-time code (6 digits)',
    codeSent: 'Code sent to',
    category: 'You are',
    ageBand: 'Age',
    province: 'Province of residence',
    optional: '(optional)',
    confirm: 'Confirm',
    yourOpinion: 'Your opinion on',
    stance: 'Opinion',
    text: 'Your comment (required unless you approve)',
    send: 'Send',
    verified: 'You are verified and can comment for 30 minutes.',
    closedTally: 'Results',
    participants: 'Participants',
    opinions: 'opinions',
    synthesis: 'Accepted and explained',
    notOpen: 'The draft no longer takes opinions.',
  },
} as const;

export async function registerConsultationPages(site: FastifyInstance, ctx: AppContext, kit: PageKit) {
  const { render, sealCookie, openCookie, cookieOpts, langOf } = kit;

  site.get('/gop-y', { schema: { hide: true } }, async (request, reply) => {
    const tx = T[langOf(request)];
    const items = await listPublicConsultations(ctx);
    return render(
      request,
      reply,
      tx.list,
      html`<h1>${tx.list}</h1><p>${tx.intro}</p>
${items.length ? html`<ul class="plain">${items.map((c) => html`<li class="card"><a href="/gop-y/${c.id}"><strong>${c.title}</strong></a><br><span class="muted">${c.agency.name} · ${c.period} · ${c.phaseLabel}</span></li>`)}</ul>` : html`<p>${tx.none}</p>`}`,
    );
  });

  site.get('/gop-y/:id', { schema: { hide: true } }, async (request, reply) => {
    const lang = langOf(request);
    const tx = T[lang];
    const id = String((request.params as Fields).id ?? '');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError(404, 'error.notFound');
    const view = await publicConsultation(ctx, id);
    const c = view.consultation;
    const readable = view.sections.filter((s) => s.kind === 'whole' || s.kind === 'dieu');
    const asked = String((request.query as Fields).muc ?? '');
    const idx = Math.max(0, readable.findIndex((s) => s.key === asked));
    const current = readable[idx]!;
    const children = view.sections.filter((s) => s.parentKey === current.key || (s.parentKey && s.parentKey.startsWith(`${current.key}.`)));
    const flash = request.cookies[FLASH_COOKIE] ? openCookie<string>(request.cookies[FLASH_COOKIE]) : null;
    if (flash) reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const pending = openCookie<Pending>(request.cookies[CODE_COOKIE]);
    const verified = openCookie<Verified>(request.cookies[ID_COOKIE]);
    const me = verified?.id === c.id ? verified : null;
    const link = (key: string) => `/gop-y/${c.id}?muc=${encodeURIComponent(key)}`;
    const provinces = await listProvinces(ctx);

    const text = (body: string) => body.split('\n').map((l) => html`<p>${l}</p>`);
    const article = html`<article class="box" id="dieu"><h2>${current.kind === 'whole' ? c.title : current.heading}</h2>
${current.kind === 'whole' ? html`${c.summary ? html`<p>${c.summary}</p>` : ''}${text(current.body)}` : text(current.body.split('\n').slice(1).join('\n'))}
${children.map((s) => text(s.body))}
<p class="row">${idx > 0 ? html`<a href="${link(readable[idx - 1]!.key)}#dieu">${tx.prev}</a>` : ''} ${idx < readable.length - 1 ? html`<a href="${link(readable[idx + 1]!.key)}#dieu">${tx.next}</a>` : ''}</p>
</article>`;

    let action: Part = '';
    if (c.phase === 'open') {
      if (me) {
        action = html`<form class="box" method="post" action="/gop-y/${c.id}/y-kien"><h2>${tx.yourOpinion} ${current.key}</h2>
<p class="muted">${tx.verified}</p>
<input type="hidden" name="section" value="${current.key}">
<fieldset><legend>${tx.stance}</legend>${STANCES.map(
          (s) => html`<div class="choice"><input type="radio" id="st-${s}" name="stance" value="${s}" required><label for="st-${s}">${STANCE_LABELS[s]}</label></div>`,
        )}</fieldset>
<label for="f-text">${tx.text}</label><textarea id="f-text" name="text" rows="5" maxlength="5000"></textarea>
<button type="submit">${tx.send}</button></form>`;
      } else if (pending?.id === c.id) {
        action = html`<form class="box" method="post" action="/gop-y/${c.id}/xac-thuc" id="xac-thuc"><h2>${tx.verifyTitle}</h2>
<p>${tx.codeSent} ${pending.hint}.</p>
<label for="f-code">${tx.codeLabel}</label><input id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<label for="f-cat">${tx.category}</label><select id="f-cat" name="category">${CATEGORIES.filter((k) => k !== 'agency').map((k) => html`<option value="${k}">${CATEGORY_LABELS[k]}</option>`)}</select>
<label for="f-age">${tx.ageBand} <span class="muted">${tx.optional}</span></label><select id="f-age" name="ageBand"><option value=""></option>${AGE_BANDS.map((a) => html`<option value="${a}">${AGE_BAND_LABELS[a]}</option>`)}</select>
<label for="f-prov">${tx.province} <span class="muted">${tx.optional}</span></label><select id="f-prov" name="province"><option value=""></option>${provinces.map((p) => html`<option value="${p.code}">${p.name}</option>`)}</select>
<input type="hidden" name="muc" value="${current.key}">
<button type="submit">${tx.confirm}</button></form>`;
      } else {
        action = html`<form class="box" method="post" action="/gop-y/${c.id}/ma" id="xac-thuc"><h2>${tx.verifyTitle}</h2><p>${tx.verifyText}</p>
<label for="f-phone">${tx.phone}</label><input id="f-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20">
<label for="f-email">${tx.email}</label><input id="f-email" name="email" type="email" autocomplete="email" maxlength="254">
<input type="hidden" name="muc" value="${current.key}">
<button type="submit">${tx.sendCode}</button></form>`;
      }
    } else if (c.phase === 'closed') {
      action = html`<p>${tx.notOpen}</p>`;
    }

    let results: Part = '';
    if (view.tally) {
      const t = view.tally;
      const rows = t.sections.filter((s) => s.current && (s.kind === 'whole' || s.kind === 'dieu'));
      results = html`<section class="box"><h2>${tx.closedTally}</h2><p>${tx.participants}: ${formatCount(t.participants)}</p>
<table><caption class="muted">${formatCount(t.counted)} ${tx.opinions}</caption><thead><tr><th scope="col">${tx.contents}</th>${STANCES.map((s) => html`<th scope="col">${STANCE_LABELS[s]}</th>`)}</tr></thead>
<tbody>${rows.map(
        (s) => html`<tr><th scope="row">${s.key}</th>${STANCES.map((st) => html`<td>${formatCount(s.byStance[st as Stance] ?? 0)}${s.total ? html` <span class="muted">(${formatPercent((s.byStance[st as Stance] ?? 0) / s.total)})</span>` : ''}</td>`)}</tr>`,
      )}</tbody></table></section>`;
    }
    const synthesis = view.themes.length
      ? html`<section class="box"><h2>${tx.synthesis}</h2><ol>${view.themes.map((th) => html`<li><strong>${th.section}: ${th.title}</strong> — ${th.outcomeLabel}${th.explanation ? html`<br>${th.explanation}` : ''}</li>`)}</ol></section>`
      : '';

    return render(
      request,
      reply,
      c.title,
      html`<h1>${c.title}</h1><p class="muted">${c.agency.name} · ${c.period} · ${c.phaseLabel}</p>
${flash ? html`<p class="box" role="status">${flash}</p>` : ''}
${results}${synthesis}
${article}
${action}
<nav aria-label="${tx.contents}"><h2>${tx.contents}</h2><ol class="plain">${readable.map((s) => html`<li><a href="${link(s.key)}#dieu"${s.key === current.key ? raw(' aria-current="true"') : ''}>${s.kind === 'whole' ? s.key : s.heading}</a></li>`)}</ol></nav>`,
    );
  });

  const back = (id: string, muc: string | undefined) => `/gop-y/${id}${muc ? `?muc=${encodeURIComponent(muc)}` : ''}#xac-thuc`;

  site.post('/gop-y/:id/ma', { schema: { hide: true }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const id = String((request.params as Fields).id ?? '');
    const view = await publicConsultation(ctx, id);
    if (view.consultation.phase !== 'open') throw new AppError(409, 'error.consultationState', { state: view.consultation.phaseLabel });
    const b = (request.body ?? {}) as Fields;
    const ch = await otpIdentity.start(ctx, { id, title: view.consultation.title }, { ...(b.phone ? { phone: b.phone } : {}), ...(b.email && !b.phone ? { email: b.email } : {}) });
    reply.setCookie(CODE_COOKIE, sealCookie({ id, requestId: ch.requestId, hint: ch.hint } satisfies Pending, 30), cookieOpts);
    return reply.redirect(back(id, b.muc), 303);
  });

  site.post('/gop-y/:id/xac-thuc', { schema: { hide: true }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const id = String((request.params as Fields).id ?? '');
    const b = (request.body ?? {}) as Fields;
    const pending = openCookie<Pending>(request.cookies[CODE_COOKIE]);
    if (!pending || pending.id !== id) throw new AppError(400, 'error.codeInvalid');
    await otpIdentity.verify(ctx, id, pending.requestId, String(b.code ?? ''));
    const category = (CATEGORIES as readonly string[]).includes(b.category ?? '') ? (b.category as Category) : 'citizen';
    const ageBand = (AGE_BANDS as readonly string[]).includes(b.ageBand ?? '') ? (b.ageBand as AgeBand) : undefined;
    const province = /^\d{2}$/.test(b.province ?? '') ? b.province : undefined;
    const v: Verified = { id, requestId: pending.requestId, code: String(b.code), respondent: { category, ...(ageBand ? { ageBand } : {}), ...(province ? { province } : {}) } };
    reply.setCookie(ID_COOKIE, sealCookie(v, 30), cookieOpts);
    reply.clearCookie(CODE_COOKIE, { path: '/' });
    return reply.redirect(`/gop-y/${id}${b.muc ? `?muc=${encodeURIComponent(b.muc)}` : ''}#dieu`, 303);
  });

  site.post('/gop-y/:id/y-kien', { schema: { hide: true }, config: { rateLimit: { max: 60, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const id = String((request.params as Fields).id ?? '');
    const b = (request.body ?? {}) as Fields;
    const v = openCookie<Verified>(request.cookies[ID_COOKIE]);
    if (!v || v.id !== id) throw new AppError(400, 'error.codeInvalid');
    const stance = (STANCES as readonly string[]).includes(b.stance ?? '') ? (b.stance as Stance) : null;
    if (!stance) throw new AppError(400, 'error.validation', {}, [{ field: 'stance', key: 'field.required' }]);
    const section = String(b.section ?? '').slice(0, 80);
    const r = await submitOpinion(ctx, id, { requestId: v.requestId, code: v.code, opinions: [{ section, stance, ...(b.text ? { text: b.text.slice(0, 5000) } : {}) }], respondent: v.respondent });
    reply.setCookie(FLASH_COOKIE, sealCookie(r.result.notice, 5), cookieOpts);
    return reply.redirect(`/gop-y/${id}?muc=${encodeURIComponent(section)}#dieu`, 303);
  });
}
