/**
 * The household representative's page for online voting (NĐ 59 Art. 5), on a phone: server-rendered HTML in the
 * portal's light shell, plain forms (POST → 303), no script. The representative types the household's voting code
 * (printed by the commune, ADR 0015); it is kept for 30 minutes in a sealed, httpOnly cookie, never in the URL.
 * The page lists the open online votes of the household's village: a vote already counted says by which form.
 */
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { CHOICE_LABELS, FORM_LABELS, type Choice, type VoteForm } from '@danvan/domain/grassroots/rules';
import type { App, AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { grassrootsCommunities, grassrootsHouseholds } from '../../db/schema.ts';
import { translate, type Lang } from '../../i18n.ts';
import { AppError } from '../../plugins/errors.ts';
import { html, type Part } from '../portal/pages/html.ts';
import { page } from '../portal/pages/layout.ts';
import { PUBLICATION_RULES } from '@danvan/domain/grassroots/timelines';
import { isoDateInVietnam } from '@danvan/domain/text';
import { castOnlineVote, optInOnlineVoting, votingCodeHash } from './ledger.ts';

const COOKIE = 'dv_hgd';
const FLASH = 'dv_hgd_flash';
const LIMIT = { max: 30, timeWindow: '1 minute' };

const T = {
  vi: {
    title: 'Biểu quyết trực tuyến của hộ gia đình',
    intro: 'Dành cho đại diện hộ gia đình khi thôn, tổ dân phố lấy ý kiến trực tuyến (chỉ các công việc tự quản khác, khoản 6 Điều 15 Luật Thực hiện dân chủ ở cơ sở).',
    code: 'Mã biểu quyết của hộ',
    codeHint: 'In trên phiếu UBND xã giao cho hộ, dạng XXXX-XXXX-XXXX',
    go: 'Tiếp tục',
    household: 'Hộ gia đình',
    optInTitle: 'Đăng ký biểu quyết trực tuyến',
    optInText: 'Hộ gia đình chưa đăng ký biểu quyết trực tuyến. Thôn chỉ được biểu quyết trực tuyến khi trên 50% tổng số hộ đã đăng ký (Điều 5 Nghị định 59/2023/NĐ-CP).',
    optIn: 'Hộ tôi đồng ý biểu quyết trực tuyến',
    optedIn: 'Hộ gia đình đã đăng ký biểu quyết trực tuyến.',
    open: 'Việc đang lấy ý kiến',
    none: 'Hiện không có việc nào đang biểu quyết trực tuyến.',
    counted: 'Đã được tính',
    choose: 'Ý kiến của hộ',
    otherText: 'Ý kiến khác (ghi rõ)',
    vote: 'Gửi biểu quyết',
    done: 'Biểu quyết của hộ đã được ghi nhận. Mỗi hộ chỉ được tính một lần.',
    signOut: 'Thoát',
    closes: 'Hạn',
    error: 'Không thực hiện được',
  },
  en: {
    title: 'Household online vote',
    intro: 'For household representatives when the village votes online (other self-management matters only, Art. 15(6) of the Grassroots Democracy Law).',
    code: 'Household voting code',
    codeHint: 'Printed on the slip the commune gave the household, XXXX-XXXX-XXXX',
    go: 'Continue',
    household: 'Household',
    optInTitle: 'Opt in to online voting',
    optInText: 'This household has not opted in. A village may vote online only after more than 50% of all households opted in (Decree 59/2023 Art. 5).',
    optIn: 'My household agrees to vote online',
    optedIn: 'The household has opted in to online voting.',
    open: 'Open votes',
    none: 'No online vote is open now.',
    counted: 'Counted',
    choose: "The household's opinion",
    otherText: 'Other opinion (please state)',
    vote: 'Send vote',
    done: "The household's vote was recorded. Each household is counted once.",
    signOut: 'Sign out',
    closes: 'Closes',
    error: 'Could not be done',
  },
} as const satisfies Record<Lang, Record<string, string>>;

type Text = Record<keyof (typeof T)['vi'], string>;

export async function registerGrassrootsPages(app: App, ctx: AppContext, secureCookies: boolean) {
  const cookieOpts = { path: '/bieu-quyet', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies };
  const seal = (v: unknown, minutes: number) => Buffer.from(JSON.stringify(ctx.sealer.seal(JSON.stringify({ v, exp: ctx.now().getTime() + minutes * 60_000 })))).toString('base64url');
  const open = <V>(raw: string | undefined): V | null => {
    if (!raw) return null;
    try {
      const { v, exp } = JSON.parse(ctx.sealer.open(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))) as { v: V; exp: number };
      return exp > ctx.now().getTime() ? v : null;
    } catch {
      return null;
    }
  };
  const lang = (r: FastifyRequest): Lang => ((r.query as Record<string, string> | undefined)?.lang === 'en' || r.cookies.dv_lang === 'en' ? 'en' : 'vi');
  const send = (request: FastifyRequest, reply: FastifyReply, title: string, body: Part, status = 200) =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
      .send(page({ lang: lang(request), title, path: request.url.split('?')[0] ?? '/bieu-quyet', body }));

  await app.register(async (site: FastifyInstance) => {
    await site.register(formbody, { bodyLimit: 16 * 1024 });
    site.setErrorHandler((error: FastifyError, request, reply) => {
      const l = lang(request);
      const t: Text = T[l];
      const message = error instanceof AppError ? translate(l, error.key, error.params) : error.statusCode === 429 ? translate(l, 'error.rateLimited', { after: 60 }) : translate(l, 'error.validation');
      const status = error instanceof AppError ? error.statusCode : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (!(error instanceof AppError) && status >= 500) request.log.error({ err: { message: String(error.message).split('\nparams:')[0]?.slice(0, 300) } }, 'grassroots page error');
      return send(request, reply, t.error, html`<h1>${t.error}</h1><div class="errors" role="alert"><p>${message}</p></div><p><a href="/bieu-quyet">${t.title}</a></p>`, status);
    });

    const household = async (request: FastifyRequest) => {
      const code = open<string>(request.cookies[COOKIE]);
      if (!code) return null;
      const [h] = await ctx.db
        .select({ h: grassrootsHouseholds, community: grassrootsCommunities.name })
        .from(grassrootsHouseholds)
        .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsHouseholds.communityId))
        .where(and(eq(grassrootsHouseholds.votingCodeHash, votingCodeHash(code)), eq(grassrootsHouseholds.active, true)));
      return h ? { code, ...h } : null;
    };

    site.get('/bieu-quyet', { schema: { hide: true } }, async (request, reply) => {
      const t: Text = T[lang(request)];
      const h = await household(request);
      if (!h) {
        return send(
          request,
          reply,
          t.title,
          html`<h1>${t.title}</h1><p>${t.intro}</p>
<form method="post" action="/bieu-quyet/ma" class="box">
<label for="code">${t.code}<span class="hint" id="code-hint">${t.codeHint}</span></label>
<input type="text" id="code" name="code" required autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" aria-describedby="code-hint" maxlength="40">
<button type="submit">${t.go}</button>
</form>`,
        );
      }
      const flash = open<string>(request.cookies[FLASH]);
      if (flash) reply.clearCookie(FLASH, cookieOpts);
      const matters = await queryRows<{ id: string; title: string; content: string; closes_on: string | null; form: string | null; choice: string | null }>(
        ctx.db,
        sql`select m.id, m.title, m.content, m.closes_on, v.form, v.choice
            from grassroots_roll r join grassroots_matters m on m.id = r.matter_id
            left join grassroots_votes v on v.matter_id = m.id and v.household_id = r.household_id
            where r.household_id = ${h.h.id} and m.status = 'voting' and m.forms @> '["online"]'::jsonb
            order by m.created_at`,
      );
      return send(
        request,
        reply,
        t.title,
        html`<h1>${t.title}</h1>
${flash ? html`<p class="ok" role="status">${t.done}</p>` : ''}
<p><strong>${t.household}:</strong> ${h.h.code} — ${h.community}</p>
${
  h.h.onlineOptInAt
    ? html`<p class="muted">${t.optedIn}</p>`
    : html`<form method="post" action="/bieu-quyet/dang-ky" class="box"><h2>${t.optInTitle}</h2><p>${t.optInText}</p><button type="submit">${t.optIn}</button></form>`
}
<h2>${t.open}</h2>
${matters.length === 0 ? html`<p>${t.none}</p>` : ''}
${matters.map((m) =>
  m.form
    ? html`<div class="box"><h3>${m.title}</h3><p><span class="state">${t.counted}: ${FORM_LABELS[m.form as VoteForm] ?? m.form}${m.choice ? ` — ${CHOICE_LABELS[m.choice as Choice]}` : ''}</span></p></div>`
    : html`<form method="post" action="/bieu-quyet/${m.id}" class="box">
<h3>${m.title}</h3><p>${m.content}</p>${m.closes_on ? html`<p class="muted">${t.closes}: ${m.closes_on.split('-').reverse().join('/')}</p>` : ''}
<fieldset><legend>${t.choose}</legend>
${(['agree', 'disagree', 'other'] as const).map((c) => html`<div class="choice"><input type="radio" id="c-${m.id}-${c}" name="choice" value="${c}" required><label for="c-${m.id}-${c}">${CHOICE_LABELS[c]}</label></div>`)}
</fieldset>
<label for="o-${m.id}">${t.otherText}</label><textarea id="o-${m.id}" name="otherText" maxlength="1000" rows="3"></textarea>
<button type="submit">${t.vote}</button></form>`,
)}
<form method="post" action="/bieu-quyet/thoat"><button type="submit">${t.signOut}</button></form>`,
      );
    });

    // Publication (Art. 11; c27): the commune's community decisions, posted for at least 30 days after recognition
    // (or adoption, for the items effective on adoption). Totals only, no household.
    site.get('/bieu-quyet/cong-khai', { schema: { hide: true }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
      const l = lang(request);
      const code = String((request.query as Record<string, string> | undefined)?.xa ?? '').slice(0, 20);
      const today = isoDateInVietnam(ctx.now());
      const since = new Date(Date.parse(today) - PUBLICATION_RULES.postedDays * 86_400_000).toISOString().slice(0, 10);
      const rows = code
        ? await queryRows<{ title: string; item: number; community: string | null; commune: string; status: string; decided: string; result: { households: number; participated: number; agree: number; disagree: number; other: number } }>(
            ctx.db,
            sql`select m.title, m.item, c.name as community, a.full_name as commune, m.status, coalesce(m.recognized_on, m.closed_on) as decided, m.result
                from grassroots_matters m join agencies a on a.id = m.agency_id left join grassroots_communities c on c.id = m.community_id
                where a.code = ${code} and m.passed and (m.status = 'recognized' or (m.item in (1, 2, 6) and m.status in ('closed', 'sent', 'recognized')))
                  and coalesce(m.recognized_on, m.closed_on) >= ${since}
                order by decided desc limit 100`,
          )
        : [];
      const title = l === 'en' ? 'Community decisions (published)' : 'Công khai quyết định của cộng đồng dân cư';
      return send(
        request,
        reply,
        title,
        html`<h1>${title}</h1>
<form method="get" action="/bieu-quyet/cong-khai" class="row"><label for="xa" class="hp">${l === 'en' ? 'Commune code' : 'Mã xã'}</label><input type="text" id="xa" name="xa" value="${code}" placeholder="${l === 'en' ? 'Commune code, e.g. 00004' : 'Mã xã, ví dụ 00004'}" maxlength="20"><button type="submit">${l === 'en' ? 'Show' : 'Xem'}</button></form>
<p class="muted">${l === 'en' ? `Posted for at least ${PUBLICATION_RULES.postedDays} days (Law 10/2022 Arts. 11–14).` : `Niêm yết ít nhất ${PUBLICATION_RULES.postedDays} ngày (Điều 11–14 Luật 10/2022/QH15).`}</p>
${code && rows.length === 0 ? html`<p>${l === 'en' ? 'Nothing published in the last 30 days.' : 'Không có quyết định nào trong 30 ngày qua.'}</p>` : ''}
<ul class="plain">${rows.map(
          (r) =>
            html`<li><strong>${r.title}</strong><br><span class="muted">${r.community ?? r.commune} — ${String(r.decided).slice(0, 10).split('-').reverse().join('/')}${r.status === 'recognized' ? (l === 'en' ? ' (recognised)' : ' (đã công nhận)') : ''}</span><br>${l === 'en' ? 'Agree' : 'Đồng ý'} ${r.result.agree}/${r.result.households} ${l === 'en' ? 'households' : 'hộ'}; ${l === 'en' ? 'disagree' : 'không đồng ý'} ${r.result.disagree}; ${l === 'en' ? 'other' : 'ý kiến khác'} ${r.result.other}</li>`,
        )}</ul>`,
      );
    });

    site.post('/bieu-quyet/ma', { schema: { hide: true }, config: { rateLimit: LIMIT } }, async (request, reply) => {
      const code = String((request.body as Record<string, unknown> | undefined)?.code ?? '').slice(0, 40);
      const [h] = await ctx.db.select({ id: grassrootsHouseholds.id }).from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.votingCodeHash, votingCodeHash(code)), eq(grassrootsHouseholds.active, true)));
      if (!h) throw new AppError(401, 'grassroots.votingCode');
      reply.setCookie(COOKIE, seal(code, 30), { ...cookieOpts, maxAge: 30 * 60 });
      return reply.redirect('/bieu-quyet', 303);
    });

    site.post('/bieu-quyet/dang-ky', { schema: { hide: true }, config: { rateLimit: LIMIT } }, async (request, reply) => {
      const code = open<string>(request.cookies[COOKIE]);
      if (!code) return reply.redirect('/bieu-quyet', 303);
      await optInOnlineVoting(ctx, { code });
      return reply.redirect('/bieu-quyet', 303);
    });

    site.post('/bieu-quyet/thoat', { schema: { hide: true } }, async (_request, reply) => {
      reply.clearCookie(COOKIE, cookieOpts);
      return reply.redirect('/bieu-quyet', 303);
    });

    site.post('/bieu-quyet/:id', { schema: { hide: true }, config: { rateLimit: LIMIT } }, async (request, reply) => {
      const code = open<string>(request.cookies[COOKIE]);
      if (!code) return reply.redirect('/bieu-quyet', 303);
      const id = String((request.params as Record<string, string>).id ?? '');
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError(404, 'error.notFound');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const choice = String(body.choice ?? '');
      if (!['agree', 'disagree', 'other'].includes(choice)) throw new AppError(400, 'error.validation', {}, [{ field: 'choice', key: 'field.required' }]);
      const otherText = String(body.otherText ?? '').slice(0, 1000);
      await castOnlineVote(ctx, id, { code, choice: choice as Choice, ...(otherText ? { otherText } : {}) });
      reply.setCookie(FLASH, seal('voted', 2), { ...cookieOpts, maxAge: 120 });
      return reply.redirect('/bieu-quyet', 303);
    });
  });
}
