/**
 * The citizen portal's pages at `/`: server-rendered HTML, plain forms with POST → 303 redirect (works without
 * JavaScript; there is none), Vietnamese by default and English with ?lang=en (remembered in a cookie).
 * Registered in its own encapsulated context: its body parsers (urlencoded, multipart) and its error handler
 * (errors become HTML pages, never JSON, never a 500 for bad input) do not touch the JSON API.
 *
 * Short-lived state between a POST and the page it redirects to (the receipt with the secret, the opened
 * tracking view) travels in cookies sealed with AES-GCM (tamper-proof, unreadable), never in the URL.
 */
import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { isCaseKind, type CaseKind } from '@danvan/domain/workflow';
import type { App, AppContext } from '../../../context.ts';
import { agencies, portalSubmissions } from '../../../db/schema.ts';
import { fieldLabel, translate, type Lang } from '../../../i18n.ts';
import { AppError, databaseFailure, safeErrorSummary, send, type FieldIssue } from '../../../plugins/errors.ts';
import { agencyByCode } from '../../agencies/queries.ts';
import { bookReception, cancelReceptionBooking } from '../../reception/book-reception.ts';
import { ATTACHMENT_LIMITS, type UploadedFile } from '../attachments.ts';
import type { PortalOptions } from '../options.ts';
import { listPublicAnswers } from '../public-answers.ts';
import { rateSubmission } from '../rate-petition.ts';
import { registerGoodModelPages } from '../../good-models/pages.ts';
import type { SubmitResponse } from '../plan-submission.ts';
import { listProvinces, submitPublicPetition } from '../submit-public-petition.ts';
import { authenticateTracking, presentTracking, type TrackView } from '../track-public-petition.ts';
import { html, raw, type Html, type Part } from './html.ts';
import { page } from './layout.ts';
import { searchAgencies, sessionById, upcomingSessions, type PublicSession } from './queries.ts';
import { t } from './text.ts';
import { registerDialoguePages } from '../../dialogues/pages.ts';
import { registerConsultationPages } from '../../consultation/pages.ts';

const LANG_COOKIE = 'dv_lang';
const FLASH_COOKIE = 'dv_flash';
const TRACK_COOKIE = 'dv_track';

type Flash =
  | { type: 'receipt'; receipt: SubmitResponse }
  | { type: 'booked'; code: string; queueNumber: number; session: PublicSession }
  | { type: 'cancelled'; code: string }
  | { type: 'rated' };

type Fields = Record<string, string>;

const langs = new WeakMap<FastifyRequest, Lang>();
const langOf = (r: FastifyRequest): Lang => langs.get(r) ?? 'vi';

function pathOf(r: FastifyRequest): string {
  return r.url.split('?')[0] ?? '/';
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const date = (iso: string) => formatIsoDateVi(iso);

export async function registerPortalPages(app: App, ctx: AppContext, portal: PortalOptions, secureCookies: boolean) {
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies };

  const sealCookie = (value: unknown, minutes: number) =>
    Buffer.from(JSON.stringify(ctx.sealer.seal(JSON.stringify({ v: value, exp: ctx.now().getTime() + minutes * 60_000 })))).toString('base64url');
  const openCookie = <T>(raw: string | undefined): T | null => {
    if (!raw) return null;
    try {
      const box = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { keyId: string; iv: string; ciphertext: string; authTag: string };
      const { v, exp } = JSON.parse(ctx.sealer.open(box)) as { v: T; exp: number };
      return exp > ctx.now().getTime() ? v : null;
    } catch {
      return null;
    }
  };

  const sendPage = (reply: FastifyReply, status: number, html: string) =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
      .send(html);

  const render = (request: FastifyRequest, reply: FastifyReply, title: string, body: Part, status = 200) => {
    const lang = langOf(request);
    const q = new URLSearchParams(request.url.split('?')[1] ?? '');
    q.delete('lang');
    return sendPage(reply, status, page({ lang, title, path: pathOf(request), query: q.toString(), body }));
  };

  const errorPage = (request: FastifyRequest, reply: FastifyReply, err: AppError) => {
    const lang = langOf(request);
    const message = translate(lang, err.key, err.params);
    const details = err.fieldIssues.map((i) => translate(lang, i.key, { field: fieldLabel(lang, i.field), ...i.params }));
    return render(
      request,
      reply,
      t(lang, 'errorTitle'),
      html`<h1>${t(lang, 'errorTitle')}</h1><div class="errors" role="alert"><p>${message}</p>${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}</div><p><a href="/">${t(lang, 'navHome')}</a></p>`,
      err.statusCode,
    );
  };

  await app.register(async (site: FastifyInstance) => {
    await site.register(formbody, { bodyLimit: 64 * 1024 });
    await site.register(multipart, {
      limits: { fileSize: ATTACHMENT_LIMITS.maxFileBytes, files: ATTACHMENT_LIMITS.maxFiles, fields: 30, fieldSize: 40_000, parts: 40 },
    });

    site.addHook('onRequest', async (request, reply) => {
      const q = (request.query ?? {}) as Record<string, unknown>;
      const asked = q.lang === 'en' || q.lang === 'vi' ? (q.lang as Lang) : null;
      if (asked) reply.setCookie(LANG_COOKIE, asked, { ...cookieOpts, httpOnly: false, maxAge: 365 * 86400 });
      const cookie = request.cookies[LANG_COOKIE];
      langs.set(request, asked ?? (cookie === 'en' ? 'en' : 'vi'));
    });

    site.setErrorHandler((error: FastifyError, request, reply) => {
      // The catch-all below also sees unknown /api/… paths: those keep the API's JSON shape.
      if (pathOf(request).startsWith('/api/') && error instanceof AppError) return send(reply, request, error);
      if (error instanceof AppError) return errorPage(request, reply, error);
      const code = error.statusCode ?? 500;
      if (code === 429) return errorPage(request, reply, new AppError(429, 'error.rateLimited', { after: 60 }));
      if (code === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errorPage(request, reply, new AppError(413, 'error.payloadTooLarge'));
      if (code >= 400 && code < 500) return errorPage(request, reply, new AppError(code === 404 ? 404 : 400, code === 404 ? 'error.routeNotFound' : 'error.validation'));
      const db = databaseFailure(error);
      // A value the database cannot take (SQLSTATE class 22) is the request's fault; nothing but names and codes is logged.
      if (db?.code?.startsWith('22')) return errorPage(request, reply, new AppError(400, 'error.validation'));
      request.log.error({ err: safeErrorSummary(error) }, 'portal page error');
      return errorPage(request, reply, new AppError(500, 'error.internal'));
    });

    await registerConsultationPages(site, ctx, { render, sealCookie, openCookie, cookieOpts, langOf });

    // ── Home ──
    site.get('/', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const today = isoDateInVietnam(ctx.now());
      const sessions = await upcomingSessions(ctx, { from: today, to: addDays(today, 14), limit: 8 });
      const card = (href: string, title: string, text: string) => html`<div class="card"><a href="${href}"><strong>${title}</strong><br><span class="muted">${text}</span></a></div>`;
      return render(
        request,
        reply,
        t(lang, 'homeTitle'),
        html`<h1>${t(lang, 'homeTitle')}</h1>
<p>${t(lang, 'homeIntro')}</p>
<div class="cards">
${card('/gui-don', t(lang, 'cardSubmit'), t(lang, 'cardSubmitText'))}
${card('/tra-cuu', t(lang, 'cardTrack'), t(lang, 'cardTrackText'))}
${card('/tra-loi', t(lang, 'cardAnswers'), t(lang, 'cardAnswersText'))}
${card('/dat-lich', t(lang, 'cardBook'), t(lang, 'cardBookText'))}
</div>
${agencySearchForm(lang, '/co-quan', '')}
<h2>${t(lang, 'upcoming')}</h2>
${sessionList(lang, sessions, true)}`,
      );
    });

    // ── Agencies ──
    site.get('/co-quan', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const q = String((request.query as Fields).q ?? '').slice(0, 200);
      const found = q ? await searchAgencies(ctx, q) : [];
      return render(
        request,
        reply,
        t(lang, 'findAgency'),
        html`<h1>${t(lang, 'findAgency')}</h1>${agencySearchForm(lang, '/co-quan', q)}
${q ? html`<h2>${t(lang, 'agencyResults')}</h2>${found.length ? html`<ul class="plain">${found.map((a) => html`<li><a href="/co-quan/${a.code}">${a.fullName}</a></li>`)}</ul>` : html`<p>${t(lang, 'noAgencies')}</p>`}` : ''}`,
      );
    });

    site.get('/co-quan/:code', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const code = String((request.params as Fields).code ?? '').slice(0, 20);
      const a = await agencyByCode(ctx.db, code);
      if (!a) throw new AppError(404, 'error.notFound');
      const today = isoDateInVietnam(ctx.now());
      const sessions = await upcomingSessions(ctx, { agencyId: a.id, from: today, to: addDays(today, 30), limit: 20 });
      const answers = await listPublicAnswers(ctx, { agency: a.code, limit: 5, offset: 0 });
      return render(
        request,
        reply,
        a.fullName,
        html`<h1>${a.fullName}</h1>
${a.remote ? html`<p class="muted">${t(lang, 'remoteArea')}</p>` : ''}
<p><a class="button" href="/gui-don?co-quan=${a.code}">${t(lang, 'agencyPageSubmit')}</a></p>
<h2>${t(lang, 'upcoming')}</h2>${sessionList(lang, sessions, false)}
<h2>${t(lang, 'agencyAnswers')}</h2>${answerList(lang, answers.items)}
${answers.total > 5 ? html`<p><a href="/tra-loi?co-quan=${a.code}">${t(lang, 'navAnswers')} (${answers.total})</a></p>` : ''}`,
      );
    });

    // ── Submit ──
    site.get('/gui-don', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const q = request.query as Fields;
      const agencyCode = String(q['co-quan'] ?? '').slice(0, 20);
      const province = String(q.tinh ?? '').slice(0, 2);
      if (agencyCode || province) {
        const target = await submitTarget(agencyCode, province);
        if (!target) throw new AppError(404, 'error.notFound');
        return render(request, reply, t(lang, 'submitTitle'), await submitForm(lang, target, {}, []));
      }
      const search = String(q.q ?? '').slice(0, 200);
      const found = search ? await searchAgencies(ctx, search) : [];
      const provinces = await listProvinces(ctx);
      return render(
        request,
        reply,
        t(lang, 'submitTitle'),
        html`<h1>${t(lang, 'submitTitle')}</h1>
<h2>${t(lang, 'step1')}</h2>
${agencySearchForm(lang, '/gui-don', search)}
${search ? (found.length ? html`<ul class="plain">${found.map((a) => html`<li><a href="/gui-don?co-quan=${a.code}">${a.fullName}</a></li>`)}</ul>` : html`<p>${t(lang, 'noAgencies')}</p>`) : ''}
<h2>${t(lang, 'dontKnow')}</h2>
<form method="get" action="/gui-don">
<p class="hint" id="tinh-hint">${t(lang, 'dontKnowText')}</p>
<label for="f-tinh">${t(lang, 'province')}</label>
<select id="f-tinh" name="tinh" aria-describedby="tinh-hint">${provinces.map((p) => html`<option value="${p.code}">${p.name}</option>`)}</select>
<button type="submit">${t(lang, 'continue')}</button>
</form>`,
      );
    });

    site.post('/gui-don', { schema: { hide: true }, config: { rateLimit: { max: portal.perIpLimit ?? 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
      const lang = langOf(request);
      const fields: Fields = {};
      const files: UploadedFile[] = [];
      const issues: FieldIssue[] = [];
      if (request.isMultipart()) {
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              const data = await part.toBuffer();
              if (data.length) files.push({ fileName: part.filename, data });
            } else if (typeof part.value === 'string') {
              fields[part.fieldname] = part.value;
            }
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') issues.push({ field: 'attachments', key: 'field.attachmentSize', params: { name: '', limit: 5 } });
          else if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') issues.push({ field: 'attachments', key: 'field.attachmentCount', params: { limit: ATTACHMENT_LIMITS.maxFiles } });
          else throw new AppError(400, 'error.validation');
        }
      } else {
        Object.assign(fields, stringFields(request.body));
      }
      const target = await submitTarget(String(fields['co-quan'] ?? '').slice(0, 20), String(fields.tinh ?? '').slice(0, 2));
      if (!target) throw new AppError(400, 'error.validation', {}, [{ field: 'agency', key: 'field.required' }]);
      const kind = isCaseKind(fields.kind ?? '') ? (fields.kind as CaseKind) : null;
      if (!kind) issues.push({ field: 'kind', key: 'field.required' });
      const again = async (errs: FieldIssue[], status: number) =>
        render(request, reply, t(lang, 'submitTitle'), await submitForm(lang, target, fields, errs, files.length > 0), status);
      if (issues.length || !kind) return again(issues, 400);
      try {
        const r = await submitPublicPetition(
          ctx,
          portal,
          {
            agency: target.agencyCode ?? undefined,
            province: target.province ?? undefined,
            kind,
            content: (fields.content ?? '').slice(0, 10000),
            petitioner: { name: fields.name?.slice(0, 200), address: fields.address?.slice(0, 500), phone: fields.phone?.slice(0, 20), email: fields.email?.slice(0, 254) },
            consent: fields.consent === 'yes',
            website: fields.website,
            attachments: files,
          },
          { idempotencyKey: fields.idem || undefined },
        );
        reply.setCookie(FLASH_COOKIE, sealCookie({ type: 'receipt', receipt: r.response } satisfies Flash, 15), { ...cookieOpts, maxAge: 15 * 60 });
        return reply.redirect('/gui-don/da-gui', 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400 && err.fieldIssues.length) return again(err.fieldIssues, 400);
        throw err;
      }
    });

    site.get('/gui-don/da-gui', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const flash = openCookie<Flash>(request.cookies[FLASH_COOKIE]);
      if (flash?.type !== 'receipt') return reply.redirect('/tra-cuu', 303);
      const r = flash.receipt;
      return render(
        request,
        reply,
        t(lang, 'receiptTitle'),
        html`<h1>${t(lang, 'receiptTitle')}</h1>
<div class="ok" role="status"><p>${r.notice}</p></div>
<p>${t(lang, 'receiptKeep')}</p>
<div class="box"><dl>
<dt>${t(lang, 'trackingCode')}</dt><dd class="code" data-testid="tracking-code">${r.trackingCode}</dd>
<dt>${t(lang, 'secret')}</dt><dd class="code" data-testid="tracking-secret">${r.secret}</dd>
<dt>${t(lang, 'caseCode')}</dt><dd data-testid="case-code">${r.caseCode}</dd>
<dt>${t(lang, 'agency')}</dt><dd>${r.agency.name}</dd>
${r.dueOn ? html`<dt>${t(lang, 'deadline')}</dt><dd>${date(r.dueOn)}${r.dueExplanation ? html`<span class="hint" lang="vi">${r.dueExplanation}</span>` : ''}</dd>` : ''}
</dl></div>
<p><a class="button" href="/tra-cuu">${t(lang, 'trackNow')}</a></p>`,
      );
    });

    // ── Track ──
    site.get('/tra-cuu', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      return render(request, reply, t(lang, 'trackTitle'), trackForm(lang, {}, null));
    });

    site.post('/tra-cuu', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
      const lang = langOf(request);
      const f = stringFields(request.body);
      const input = { code: String(f.code ?? '').slice(0, 40), secret: String(f.secret ?? '').slice(0, 40), phone: String(f.phone ?? '').slice(0, 20) };
      try {
        const s = await authenticateTracking(ctx, input);
        reply.setCookie(TRACK_COOKIE, sealCookie(s.id, 30), { ...cookieOpts, maxAge: 30 * 60 });
        return reply.redirect('/tra-cuu/ho-so', 303);
      } catch (err) {
        if (err instanceof AppError && (err.statusCode === 404 || err.statusCode === 400)) {
          const message = err.statusCode === 404 ? translate(lang, 'error.trackNotFound') : translate(lang, 'field.required', { field: t(lang, 'secret') });
          return render(request, reply, t(lang, 'trackTitle'), trackForm(lang, { code: input.code }, message), err.statusCode);
        }
        throw err;
      }
    });

    const openedSubmission = async (request: FastifyRequest) => {
      const id = openCookie<string>(request.cookies[TRACK_COOKIE]);
      if (!id) return null;
      const [s] = await ctx.db.select().from(portalSubmissions).where(eq(portalSubmissions.id, id));
      return s ?? null;
    };

    site.get('/tra-cuu/ho-so', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const s = await openedSubmission(request);
      if (!s) return reply.redirect('/tra-cuu', 303);
      const { view } = await presentTracking(ctx, s);
      const flash = openCookie<Flash>(request.cookies[FLASH_COOKIE]);
      if (flash?.type === 'rated') reply.clearCookie(FLASH_COOKIE, { path: '/' });
      return render(request, reply, `${t(lang, 'trackTitle')} ${view.trackingCode}`, trackView(lang, view, flash?.type === 'rated'));
    });

    site.post('/tra-cuu/danh-gia', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
      const s = await openedSubmission(request);
      if (!s) return reply.redirect('/tra-cuu', 303);
      const f = stringFields(request.body);
      if (f.satisfied !== 'yes' && f.satisfied !== 'no') throw new AppError(400, 'error.validation', {}, [{ field: 'satisfied', key: 'field.required' }]);
      await rateSubmission(ctx, s, { satisfied: f.satisfied === 'yes', comment: String(f.comment ?? '').slice(0, 2000) });
      reply.setCookie(FLASH_COOKIE, sealCookie({ type: 'rated' } satisfies Flash, 5), { ...cookieOpts, maxAge: 300 });
      return reply.redirect('/tra-cuu/ho-so', 303);
    });

    site.post('/tra-cuu/thoat', { schema: { hide: true } }, async (_request, reply) => {
      reply.clearCookie(TRACK_COOKIE, { path: '/' });
      return reply.redirect('/tra-cuu', 303);
    });

    // ── Public answers ──
    site.get('/tra-loi', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const q = request.query as Fields;
      const search = String(q.q ?? '').slice(0, 200);
      const agency = String(q['co-quan'] ?? '').slice(0, 20);
      const pageNo = Math.max(1, Math.min(500, Number.parseInt(String(q.trang ?? '1'), 10) || 1));
      const r = await listPublicAnswers(ctx, { q: search || undefined, agency: agency || undefined, limit: 20, offset: (pageNo - 1) * 20 });
      const link = (n: number) => `/tra-loi?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(agency ? { 'co-quan': agency } : {}), trang: String(n) }).toString()}`;
      return render(
        request,
        reply,
        t(lang, 'answersTitle'),
        html`<h1>${t(lang, 'answersTitle')}</h1><p>${t(lang, 'answersIntro')}</p>
<form method="get" action="/tra-loi" role="search">
${agency ? html`<input type="hidden" name="co-quan" value="${agency}">` : ''}
<label for="f-q">${t(lang, 'keyword')}</label>
<div class="row"><input type="search" id="f-q" name="q" value="${search}"><button type="submit">${t(lang, 'search')}</button></div>
</form>
<p class="muted" role="status">${t(lang, 'results', { n: r.total })}</p>
${answerList(lang, r.items)}
<p>${pageNo > 1 ? html`<a href="${link(pageNo - 1)}">${t(lang, 'prev')}</a> ` : ''}${pageNo * 20 < r.total ? html`<a href="${link(pageNo + 1)}">${t(lang, 'next')}</a>` : ''}</p>`,
      );
    });

    // ── Booking ──
    site.get('/dat-lich', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const q = request.query as Fields;
      const code = String(q['co-quan'] ?? '').slice(0, 20);
      const search = String(q.q ?? '').slice(0, 200);
      const a = code ? await agencyByCode(ctx.db, code) : undefined;
      const today = isoDateInVietnam(ctx.now());
      const sessions = await upcomingSessions(ctx, { agencyId: a?.id, from: today, to: addDays(today, 30), limit: 30 });
      const found = search ? await searchAgencies(ctx, search) : [];
      return render(
        request,
        reply,
        t(lang, 'bookTitle'),
        html`<h1>${t(lang, 'bookTitle')}${a ? html`: ${a.fullName}` : ''}</h1><p>${t(lang, 'bookIntro')}</p>
${agencySearchForm(lang, '/dat-lich', search)}
${search ? (found.length ? html`<ul class="plain">${found.map((x) => html`<li><a href="/dat-lich?co-quan=${x.code}">${x.fullName}</a></li>`)}</ul>` : html`<p>${t(lang, 'noAgencies')}</p>`) : ''}
<h2>${t(lang, 'upcoming')}</h2>${sessionList(lang, sessions, !a)}
<p><a href="/huy-lich">${t(lang, 'cancelLink')}</a></p>`,
      );
    });

    site.get('/dat-lich/da-dat', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const flash = openCookie<Flash>(request.cookies[FLASH_COOKIE]);
      if (flash?.type !== 'booked') return reply.redirect('/dat-lich', 303);
      return render(
        request,
        reply,
        t(lang, 'bookedTitle'),
        html`<h1>${t(lang, 'bookedTitle')}</h1>
<div class="box">${sessionLine(lang, flash.session)}<dl>
<dt>${t(lang, 'queueNumber')}</dt><dd class="code" data-testid="queue-number">${flash.queueNumber}</dd>
<dt>${t(lang, 'bookingCode')}</dt><dd class="code" data-testid="booking-code">${flash.code}</dd></dl></div>
<p>${t(lang, 'bookedReminder')}</p><p><a href="/huy-lich">${t(lang, 'cancelLink')}</a></p>`,
      );
    });

    site.get('/dat-lich/:id', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const s = await sessionById(ctx, String((request.params as Fields).id ?? ''));
      if (!s) throw new AppError(404, 'error.notFound');
      return render(request, reply, t(lang, 'bookTitle'), bookForm(lang, s, {}, []));
    });

    site.post('/dat-lich/:id', { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
      const lang = langOf(request);
      const s = await sessionById(ctx, String((request.params as Fields).id ?? ''));
      if (!s) throw new AppError(404, 'error.notFound');
      const f = stringFields(request.body);
      const input = { sessionId: s.id, name: String(f.name ?? '').slice(0, 200), phone: String(f.phone ?? '').slice(0, 20), content: String(f.content ?? '').slice(0, 1000) };
      if (f.website) throw new AppError(400, 'error.spam');
      try {
        const r = await bookReception(ctx, input);
        reply.setCookie(FLASH_COOKIE, sealCookie({ type: 'booked', code: r.booking.code, queueNumber: r.booking.queueNumber, session: s } satisfies Flash, 30), { ...cookieOpts, maxAge: 1800 });
        return reply.redirect('/dat-lich/da-dat', 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400) return render(request, reply, t(lang, 'bookTitle'), bookForm(lang, s, f, err.fieldIssues), 400);
        throw err;
      }
    });

    site.get('/huy-lich', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const flash = openCookie<Flash>(request.cookies[FLASH_COOKIE]);
      const done = flash?.type === 'cancelled' ? flash.code : null;
      if (done) reply.clearCookie(FLASH_COOKIE, { path: '/' });
      return render(request, reply, t(lang, 'cancelTitle'), cancelForm(lang, {}, [], done));
    });

    site.post('/huy-lich', { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
      const lang = langOf(request);
      const f = stringFields(request.body);
      const input = { code: String(f.code ?? '').slice(0, 20), phone: String(f.phone ?? '').slice(0, 20) };
      try {
        const b = await cancelReceptionBooking(ctx, input);
        reply.setCookie(FLASH_COOKIE, sealCookie({ type: 'cancelled', code: b.code } satisfies Flash, 5), { ...cookieOpts, maxAge: 300 });
        return reply.redirect('/huy-lich', 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400) return render(request, reply, t(lang, 'cancelTitle'), cancelForm(lang, f, err.fieldIssues, null), 400);
        throw err;
      }
    });

    registerDialoguePages(site, ctx, { langOf, render });
    registerGoodModelPages(site, ctx, { langOf, render });

    // Anything else under `/` is an HTML "not found"; the API and the staff app keep their JSON answer.
    site.get('/*', { schema: { hide: true }, config: { public: true } }, async (request, reply) => {
      const path = pathOf(request);
      if (path.startsWith('/api/') || path === '/api' || path.startsWith('/app')) return send(reply, request, new AppError(404, 'error.routeNotFound'));
      const lang = langOf(request);
      return render(request, reply, t(lang, 'notFoundTitle'), html`<h1>${t(lang, 'notFoundTitle')}</h1><p><a href="/">${t(lang, 'notFoundText')}</a></p>`, 404);
    });
  });

  // ── Views (closures over ctx) ──

  interface Target {
    agencyCode: string | null;
    province: string | null;
    name: string;
  }

  async function submitTarget(agencyCode: string, province: string): Promise<Target | null> {
    if (agencyCode) {
      const a = await agencyByCode(ctx.db, agencyCode);
      return a && a.level !== 'national' ? { agencyCode: a.code, province: null, name: a.fullName } : null;
    }
    if (province) {
      const [p] = await ctx.db.select().from(agencies).where(eq(agencies.code, province));
      return p && p.level === 'province' ? { agencyCode: null, province: p.code, name: p.fullName } : null;
    }
    return null;
  }

  function fieldErrors(lang: Lang, issues: FieldIssue[]) {
    const byField = new Map<string, string>();
    for (const i of issues) {
      const field = i.field.startsWith('attachments') ? 'attachments' : i.field;
      if (!byField.has(field)) byField.set(field, translate(lang, i.key, { field: fieldLabel(lang, i.field), ...i.params }));
    }
    return byField;
  }

  function errorSummary(lang: Lang, errs: Map<string, string>, ids: Record<string, string>): Html | '' {
    if (!errs.size) return '';
    return html`<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${t(lang, 'errorsTitle')}</h2><ul>${[...errs].map(
      ([field, msg]) => html`<li><a href="#${ids[field] ?? 'main'}">${msg}</a></li>`,
    )}</ul></div>`;
  }

  /** A labelled text input with its hint and error wired by aria-describedby. */
  function input(o: { id: string; name: string; label: string; type?: string; value?: string; hint?: string; error?: string; required?: boolean; autocomplete?: string; inputmode?: string }, lang: Lang): Html {
    const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-err` : ''].filter(Boolean).join(' ');
    return html`<label for="${o.id}">${o.label}${o.required ? html` <span class="muted">${t(lang, 'required')}</span>` : ''}</label>
${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : ''}${o.error ? html`<span class="field-error" id="${o.id}-err">${o.error}</span>` : ''}
<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name}" value="${o.value ?? ''}"${described ? raw(` aria-describedby="${described}"`) : ''}${o.error ? raw(' aria-invalid="true"') : ''}${o.autocomplete ? raw(` autocomplete="${o.autocomplete}"`) : ''}${o.inputmode ? raw(` inputmode="${o.inputmode}"`) : ''}>`;
  }

  async function submitForm(lang: Lang, target: Target, f: Fields, issues: FieldIssue[], hadFiles = false): Promise<Html> {
    const errs = fieldErrors(lang, issues);
    const ids: Record<string, string> = {
      kind: 'f-kind-feedback',
      content: 'f-content',
      'petitioner.name': 'f-name',
      'petitioner.address': 'f-address',
      'petitioner.phone': 'f-phone',
      'petitioner.email': 'f-email',
      consent: 'f-consent',
      attachments: 'f-files',
      agency: 'main',
      province: 'main',
    };
    const idem = f.idem && /^[A-Za-z0-9_-]{8,64}$/.test(f.idem) ? f.idem : randomBytes(18).toString('base64url');
    const kinds: { value: CaseKind; label: 'kindFeedback' | 'kindComplaint' | 'kindDenunciation'; hint: 'kindFeedbackHint' | 'kindComplaintHint' | 'kindDenunciationHint' }[] = [
      { value: 'feedback', label: 'kindFeedback', hint: 'kindFeedbackHint' },
      { value: 'complaint', label: 'kindComplaint', hint: 'kindComplaintHint' },
      { value: 'denunciation', label: 'kindDenunciation', hint: 'kindDenunciationHint' },
    ];
    const chosen = f.kind ?? '';
    const contentErr = errs.get('content');
    const consentErr = errs.get('consent');
    const filesErr = errs.get('attachments');
    return html`<h1>${t(lang, 'submitTitle')}</h1>
${errorSummary(lang, errs, ids)}
<p>${t(lang, 'sendTo')}: <strong>${target.name}</strong> · <a href="/gui-don">${t(lang, 'change')}</a></p>
<h2>${t(lang, 'step2')}</h2>
<form method="post" action="/gui-don" enctype="multipart/form-data" novalidate>
<input type="hidden" name="idem" value="${idem}">
${target.agencyCode ? html`<input type="hidden" name="co-quan" value="${target.agencyCode}">` : html`<input type="hidden" name="tinh" value="${target.province ?? ''}">`}
<fieldset${errs.get('kind') ? raw(' aria-describedby="kind-err"') : ''}><legend>${t(lang, 'kind')} <span class="muted">${t(lang, 'required')}</span></legend>
${errs.get('kind') ? html`<span class="field-error" id="kind-err">${errs.get('kind')}</span>` : ''}
${kinds.map(
  (k) => html`<div class="choice"><input type="radio" id="f-kind-${k.value}" name="kind" value="${k.value}"${chosen === k.value ? raw(' checked') : ''} aria-describedby="f-kind-${k.value}-hint"><div><label for="f-kind-${k.value}">${t(lang, k.label)}</label><span class="hint" id="f-kind-${k.value}-hint">${t(lang, k.hint)}</span></div></div>`,
)}
</fieldset>
<label for="f-content">${t(lang, 'content')} <span class="muted">${t(lang, 'required')}</span></label>
<span class="hint" id="f-content-hint">${t(lang, 'contentHint')}</span>${contentErr ? html`<span class="field-error" id="f-content-err">${contentErr}</span>` : ''}
<textarea id="f-content" name="content" rows="6" aria-describedby="f-content-hint${contentErr ? ' f-content-err' : ''}"${contentErr ? raw(' aria-invalid="true"') : ''}>${f.content ?? ''}</textarea>
<h3>${t(lang, 'identity')}</h3>
<p class="hint">${t(lang, 'identityHintRequired')} ${t(lang, 'identityHintFeedback')}</p>
${input({ id: 'f-name', name: 'name', label: t(lang, 'name'), value: f.name, error: errs.get('petitioner.name'), autocomplete: 'name' }, lang)}
${input({ id: 'f-address', name: 'address', label: t(lang, 'address'), value: f.address, error: errs.get('petitioner.address'), autocomplete: 'street-address' }, lang)}
${input({ id: 'f-phone', name: 'phone', label: t(lang, 'phone'), type: 'tel', value: f.phone, hint: t(lang, 'phoneHint'), error: errs.get('petitioner.phone'), autocomplete: 'tel', inputmode: 'tel' }, lang)}
${input({ id: 'f-email', name: 'email', label: t(lang, 'email'), type: 'email', value: f.email, hint: t(lang, 'emailHint'), error: errs.get('petitioner.email'), autocomplete: 'email' }, lang)}
<label for="f-files">${t(lang, 'files')}</label>
<span class="hint" id="f-files-hint">${t(lang, 'filesHint')}${hadFiles ? html` <strong>${t(lang, 'filesAgain')}</strong>` : ''}</span>${filesErr ? html`<span class="field-error" id="f-files-err">${filesErr}</span>` : ''}
<input type="file" id="f-files" name="files" multiple accept="image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf" aria-describedby="f-files-hint${filesErr ? ' f-files-err' : ''}">
<div class="hp" aria-hidden="true"><label for="f-website">${t(lang, 'honeypot')}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
${consentErr ? html`<span class="field-error" id="f-consent-err">${consentErr}</span>` : ''}
<div class="choice"><input type="checkbox" id="f-consent" name="consent" value="yes"${f.consent === 'yes' ? raw(' checked') : ''}${consentErr ? raw(' aria-invalid="true" aria-describedby="f-consent-err"') : ''}><label for="f-consent">${t(lang, 'consent')}</label></div>
<button type="submit">${t(lang, 'send')}</button>
</form>`;
  }

  function trackForm(lang: Lang, f: Fields, error: string | null): Html {
    return html`<h1>${t(lang, 'trackTitle')}</h1>
${error ? html`<div class="errors" role="alert" id="errors"><p>${error}</p></div>` : ''}
<p>${t(lang, 'trackIntro')}</p>
<form method="post" action="/tra-cuu" novalidate>
${input({ id: 'f-code', name: 'code', label: t(lang, 'trackingCode'), value: f.code, hint: t(lang, 'trackCodeHint'), autocomplete: 'off' }, lang)}
${input({ id: 'f-secret', name: 'secret', label: t(lang, 'secret'), autocomplete: 'off' }, lang)}
${input({ id: 'f-phone', name: 'phone', label: `${t(lang, 'orPhone')}`, type: 'tel', autocomplete: 'tel', inputmode: 'tel' }, lang)}
<button type="submit">${t(lang, 'view')}</button>
</form>`;
  }

  function trackView(lang: Lang, v: TrackView, rated: boolean): Html {
    return html`<h1>${t(lang, 'trackTitle')}</h1>
${rated ? html`<div class="ok" role="status"><p>${t(lang, 'rateThanks')}</p></div>` : ''}
<div class="box"><dl>
<dt>${t(lang, 'trackingCode')}</dt><dd class="code">${v.trackingCode}</dd>
<dt>${t(lang, 'state')}</dt><dd><span class="state" data-testid="track-state" lang="vi">${v.stateLabel}</span>${lang === 'en' ? html` <span class="muted">(${v.stateLabelEn})</span>` : ''}</dd>
<dt>${t(lang, 'deadline')}</dt><dd data-testid="track-deadline">${v.dueOn ? html`<strong>${date(v.dueOn)}</strong>${v.dueExplanation ? html`<span class="hint" lang="vi">${v.dueExplanation}</span>` : ''}` : t(lang, 'noDeadline')}</dd>
<dt>${t(lang, 'caseCode')}</dt><dd>${v.caseCode}</dd>
<dt>${t(lang, 'receivedOn')}</dt><dd>${date(v.receivedOn)}</dd>
<dt>${t(lang, 'agency')}</dt><dd>${v.agency.name}</dd>
${v.forwarded ? html`<dt>${t(lang, 'handledBy')}</dt><dd>${v.currentAgency.name}</dd>` : ''}
</dl></div>
<h2>${t(lang, 'notices')}</h2>
<ol class="plain" data-testid="track-notices">${v.notices.map((n) => html`<li lang="vi"><span class="muted">${date(isoDateInVietnam(new Date(n.at)))}</span><br>${n.text}</li>`)}</ol>
${v.publicAnswer ? html`<h2>${t(lang, 'answerPublished')}</h2><div class="box" lang="vi"><p>${v.publicAnswer.answer}</p></div>` : ''}
${v.attachments.length ? html`<h2>${t(lang, 'attachmentsSent')}</h2><ul>${v.attachments.map((a) => html`<li>${a.name} (${Math.max(1, Math.round(a.sizeBytes / 1024))} KB)</li>`)}</ul>` : ''}
${v.ratable ? rateForm(lang, v) : ''}
<form method="post" action="/tra-cuu/thoat"><button type="submit">${t(lang, 'trackExit')}</button></form>`;
  }

  function rateForm(lang: Lang, v: TrackView): Html {
    const cur = v.rating;
    return html`<h2>${t(lang, 'rateTitle')}</h2>
${cur ? html`<p>${t(lang, 'yourRating')}: <strong>${cur.satisfied ? t(lang, 'rateSatisfied') : t(lang, 'rateUnsatisfied')}</strong></p>` : ''}
<form method="post" action="/tra-cuu/danh-gia" class="box">
<fieldset><legend>${t(lang, 'rateTitle')}</legend>
<div class="choice"><input type="radio" id="f-sat-yes" name="satisfied" value="yes"${cur?.satisfied === true ? raw(' checked') : ''}><label for="f-sat-yes">${t(lang, 'rateSatisfied')}</label></div>
<div class="choice"><input type="radio" id="f-sat-no" name="satisfied" value="no"${cur?.satisfied === false ? raw(' checked') : ''}><label for="f-sat-no">${t(lang, 'rateUnsatisfied')}</label></div>
</fieldset>
<label for="f-comment">${t(lang, 'rateComment')}</label>
<textarea id="f-comment" name="comment" rows="3">${cur?.comment ?? ''}</textarea>
<button type="submit">${t(lang, 'rateSend')}</button>
</form>`;
  }

  function bookForm(lang: Lang, s: PublicSession, f: Fields, issues: FieldIssue[]): Html {
    const errs = fieldErrors(lang, issues);
    return html`<h1>${t(lang, 'bookTitle')}</h1>
${errorSummary(lang, errs, { name: 'f-name', phone: 'f-phone', content: 'f-content' })}
<div class="box"><h2>${t(lang, 'bookFor')}</h2>${sessionLine(lang, s)}</div>
${s.bookable ? html`<form method="post" action="/dat-lich/${s.id}" novalidate>
${input({ id: 'f-name', name: 'name', label: t(lang, 'name'), value: f.name, error: errs.get('name'), required: true, autocomplete: 'name' }, lang)}
${input({ id: 'f-phone', name: 'phone', label: t(lang, 'phone'), type: 'tel', value: f.phone, hint: t(lang, 'phoneHint'), error: errs.get('phone'), required: true, autocomplete: 'tel', inputmode: 'tel' }, lang)}
${input({ id: 'f-content', name: 'content', label: t(lang, 'bookContent'), value: f.content, error: errs.get('content'), required: true }, lang)}
<div class="hp" aria-hidden="true"><label for="f-website">${t(lang, 'honeypot')}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t(lang, 'bookSend')}</button>
</form>` : html`<p>${t(lang, 'full')}</p>`}`;
  }

  function cancelForm(lang: Lang, f: Fields, issues: FieldIssue[], done: string | null): Html {
    const errs = fieldErrors(lang, issues);
    return html`<h1>${t(lang, 'cancelTitle')}</h1>
${done ? html`<div class="ok" role="status"><p>${t(lang, 'cancelled', { code: done })}</p></div>` : ''}
${errorSummary(lang, errs, { code: 'f-code', phone: 'f-phone' })}
<p>${t(lang, 'cancelIntro')}</p>
<form method="post" action="/huy-lich" novalidate>
${input({ id: 'f-code', name: 'code', label: t(lang, 'bookingCode'), value: f.code, error: errs.get('code'), required: true, autocomplete: 'off' }, lang)}
${input({ id: 'f-phone', name: 'phone', label: t(lang, 'phone'), type: 'tel', value: f.phone, error: errs.get('phone'), required: true, autocomplete: 'tel', inputmode: 'tel' }, lang)}
<button type="submit">${t(lang, 'cancelSend')}</button>
</form>`;
  }
}

/** Only the string values of a parsed form body (a JSON or repeated field is ignored rather than trusted). */
function stringFields(body: unknown): Fields {
  const out: Fields = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

function agencySearchForm(lang: Lang, action: string, q: string): Html {
  return html`<form method="get" action="${action}" role="search">
<label for="f-agency-q">${t(lang, 'findAgency')}</label>
<span class="hint" id="f-agency-q-hint">${t(lang, 'findAgencyHint')}</span>
<div class="row"><input type="search" id="f-agency-q" name="q" value="${q}" aria-describedby="f-agency-q-hint" autocomplete="off"><button type="submit">${t(lang, 'search')}</button></div>
</form>`;
}

function sessionLine(lang: Lang, s: PublicSession): Html {
  return html`<p><strong>${formatIsoDateVi(s.heldOn)}${s.startTime ? html` ${t(lang, 'at')} ${s.startTime}${s.endTime ? `–${s.endTime}` : ''}` : ''}</strong> · ${s.agencyName}<br>
<span class="muted">${s.kindLabel}${s.online ? html` (${t(lang, 'online')})` : ''}${s.location ? html` · ${s.location}` : ''}${s.hostTitle ? html` · ${t(lang, 'host')}: ${s.hostTitle}` : ''}</span></p>`;
}

function sessionList(lang: Lang, sessions: PublicSession[], _withAgency: boolean): Html {
  if (!sessions.length) return html`<p class="muted">${t(lang, 'noSessions')}</p>`;
  return html`<ul class="plain">${sessions.map(
    (s) => html`<li>${sessionLine(lang, s)}${s.bookable ? html`<a href="/dat-lich/${s.id}">${t(lang, 'book')}<span class="hp"> ${formatIsoDateVi(s.heldOn)} ${s.agencyName}</span></a>` : html`<span class="muted">${t(lang, 'full')}</span>`}</li>`,
  )}</ul>`;
}

function answerList(lang: Lang, items: { agencyName: string; kindLabel: string; question: string; answer: string; publishedOn: string }[]): Html {
  if (!items.length) return html`<p class="muted">${t(lang, 'noAnswers')}</p>`;
  return html`<ul class="plain">${items.map(
    (a) => html`<li lang="vi"><h3>${a.agencyName}</h3><p class="muted">${a.kindLabel} · ${t(lang, 'publishedOn')} ${formatIsoDateVi(a.publishedOn)}</p><p><strong>${t(lang, 'question')}:</strong> ${a.question}</p><p><strong>${t(lang, 'answer')}:</strong> ${a.answer}</p></li>`,
  )}</ul>`;
}
