/**
 * The portal's dialogue pages (server-rendered, no script, inside the portal's page context so they share its
 * layout, language switch, form parsing and HTML error pages):
 *   /doi-thoai              upcoming dialogues (with registration) and published conclusions, by agency
 *   /doi-thoai/:id          the notice, the registration form (a question; contact optional), the conclusion and
 *                           each commitment's timeline
 *   /doi-thoai/:id/da-dang-ky  the registration code
 *   /cam-ket                the commitment tracker: fulfilment rate (kept, kept on time, overdue) by agency, with
 *                           links to the CSV and JSON open data
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatCount, formatIsoDateVi, formatPercent } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { fieldLabel, translate, type Lang } from '../../i18n.ts';
import { AppError, type FieldIssue } from '../../plugins/errors.ts';
import { html, type Html, type Part } from '../portal/pages/html.ts';
import { publicCommitments, publicDialogue, publicDialogues } from './public.ts';
import { registerForDialogue } from './register-for-dialogue.ts';

export interface PageTools {
  langOf: (r: FastifyRequest) => Lang;
  render: (request: FastifyRequest, reply: FastifyReply, title: string, body: Part, status?: number) => unknown;
}

const T = {
  vi: {
    title: 'Đối thoại với Nhân dân',
    intro: 'Các hội nghị đối thoại sắp diễn ra (đăng ký dự và gửi câu hỏi trước, không cần tài khoản) và các thông báo kết luận đã công bố.',
    agency: 'Mã cơ quan (xã, tỉnh, bộ)',
    agencyHint: 'Ví dụ 00004 (Phường Ba Đình), 01 (Hà Nội). Để trống: cả nước.',
    show: 'Xem',
    upcoming: 'Sắp diễn ra',
    concluded: 'Đã công bố kết luận',
    none: 'Chưa có.',
    register: 'Đăng ký và gửi câu hỏi',
    when: 'Thời gian',
    where: 'Địa điểm',
    online: 'Trực tuyến',
    how: 'Cách thức tham dự',
    content: 'Nội dung',
    organiser: 'Cơ quan tổ chức',
    coChair: 'Đồng chủ trì, mời dự',
    question: 'Câu hỏi, kiến nghị của bạn',
    questionHint: 'Câu hỏi được chuyển tới hội nghị. Không ghi số định danh cá nhân.',
    name: 'Họ và tên (không bắt buộc)',
    phone: 'Số điện thoại (không bắt buộc)',
    email: 'E-mail (không bắt buộc)',
    contactHint: 'Nếu để lại họ tên, cần số điện thoại hoặc e-mail. Thông tin liên hệ được mã hóa, chỉ dùng để báo cho bạn khi cam kết liên quan có kết quả.',
    speak: 'Tôi muốn phát biểu tại hội nghị',
    send: 'Gửi đăng ký',
    closed: 'Đối thoại này không còn nhận đăng ký.',
    cancelled: 'Hội nghị đã hủy ngày',
    registered: 'Đã nhận đăng ký của bạn',
    keepCode: 'Mã đăng ký của bạn',
    back: 'Quay lại hội nghị',
    conclusion: 'Thông báo kết luận',
    conclusionOn: 'Ngày công bố',
    late: 'công bố muộn so với thời hạn',
    due: 'hạn',
    issues: 'Các vấn đề',
    answer: 'Trả lời',
    to: 'Cơ quan',
    commitments: 'Cam kết',
    tracker: 'Theo dõi cam kết sau đối thoại',
    trackerIntro: 'Mỗi vấn đề được giao tại hội nghị đối thoại là một cam kết có cơ quan thực hiện, hạn và kết quả công khai.',
    made: 'Cam kết',
    kept: 'Đã thực hiện',
    onTime: 'Đúng hạn',
    overdue: 'Quá hạn',
    rate: 'Tỷ lệ thực hiện',
    asOf: 'Tính đến',
    open: 'Dữ liệu mở',
    owner: 'Cơ quan thực hiện',
    status: 'Trạng thái',
    progress: 'Tiến độ',
    result: 'Kết quả',
    timeline: 'Diễn biến',
    files: 'tệp minh chứng',
    attendance: 'Số người dự',
    errors: 'Vui lòng sửa các lỗi sau',
    navTracker: 'Theo dõi cam kết',
    navDialogues: 'Đối thoại',
  },
  en: {
    title: 'Dialogues with citizens',
    intro: 'Upcoming dialogues (register and send a question beforehand, no account needed) and the published conclusions.',
    agency: 'Agency code (commune, province, ministry)',
    agencyHint: 'For example 00004 (Ba Đình ward), 01 (Hà Nội). Empty: the whole country.',
    show: 'Show',
    upcoming: 'Upcoming',
    concluded: 'Conclusions published',
    none: 'None yet.',
    register: 'Register and send a question',
    when: 'When',
    where: 'Where',
    online: 'Online',
    how: 'How to attend',
    content: 'Agenda',
    organiser: 'Organiser',
    coChair: 'Co-chairs, invited',
    question: 'Your question or suggestion',
    questionHint: 'It is passed to the dialogue. Do not write your ID number.',
    name: 'Full name (optional)',
    phone: 'Phone (optional)',
    email: 'E-mail (optional)',
    contactHint: 'With a name, give a phone or an e-mail. Contact details are encrypted and only used to tell you when a related commitment closes.',
    speak: 'I would like to speak at the dialogue',
    send: 'Register',
    closed: 'This dialogue no longer takes registrations.',
    cancelled: 'The dialogue was cancelled on',
    registered: 'Your registration was received',
    keepCode: 'Your registration code',
    back: 'Back to the dialogue',
    conclusion: 'Conclusion',
    conclusionOn: 'Published on',
    late: 'published after the deadline',
    due: 'due',
    issues: 'Issues',
    answer: 'Answer',
    to: 'Agency',
    commitments: 'Commitments',
    tracker: 'Dialogue commitment tracker',
    trackerIntro: 'Every issue assigned at a dialogue is a commitment with an owner agency, a due date and a public result.',
    made: 'Commitments',
    kept: 'Kept',
    onTime: 'On time',
    overdue: 'Overdue',
    rate: 'Fulfilment rate',
    asOf: 'As of',
    open: 'Open data',
    owner: 'Owner agency',
    status: 'Status',
    progress: 'Progress',
    result: 'Result',
    timeline: 'Timeline',
    files: 'evidence files',
    attendance: 'Attendance',
    errors: 'Please correct the following',
    navTracker: 'Commitment tracker',
    navDialogues: 'Dialogues',
  },
} as const;

type Fields = Record<string, string>;
const fields = (body: unknown): Fields => {
  const out: Fields = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
};
const d = (iso: string | null) => (iso ? formatIsoDateVi(iso) : '');

type PublicDialogue = Awaited<ReturnType<typeof publicDialogue>>;
type DialogueHead = Awaited<ReturnType<typeof publicDialogues>>[number];

function agencyForm(lang: Lang, action: string, code: string): Html {
  const s = T[lang];
  return html`<form method="get" action="${action}"><label for="f-co-quan">${s.agency}</label><span class="hint" id="f-co-quan-hint">${s.agencyHint}</span>
<div class="row"><input type="text" id="f-co-quan" name="co-quan" value="${code}" aria-describedby="f-co-quan-hint" inputmode="numeric" autocomplete="off"><button type="submit">${s.show}</button></div></form>`;
}

function headLine(lang: Lang, x: DialogueHead): Html {
  const s = T[lang];
  return html`<li><h3><a href="/doi-thoai/${x.id}">${x.title}</a></h3><p class="muted">${x.agency.name} · ${x.plannedOnText}${x.startTime ? ` ${x.startTime}` : ''}${x.location ? html` · ${x.location}` : ''}</p>
${x.registrationOpen ? html`<p><a href="/doi-thoai/${x.id}#dang-ky">${s.register}<span class="hp"> — ${x.title}</span></a></p>` : ''}</li>`;
}

function summaryBox(lang: Lang, f: { made: number; kept: number; keptOnTime: number; overdue: number; fulfilmentRate: number | null }, asOf: string): Html {
  const s = T[lang];
  return html`<div class="box"><dl>
<dt>${s.made}</dt><dd>${formatCount(f.made)}</dd>
<dt>${s.kept}</dt><dd>${formatCount(f.kept)}</dd>
<dt>${s.onTime}</dt><dd>${formatCount(f.keptOnTime)}</dd>
<dt>${s.overdue}</dt><dd>${formatCount(f.overdue)}</dd>
<dt>${s.rate}</dt><dd><strong>${f.fulfilmentRate === null ? '—' : formatPercent(f.fulfilmentRate)}</strong></dd>
</dl><p class="muted">${s.asOf} ${formatIsoDateVi(asOf)}</p></div>`;
}

function registrationForm(lang: Lang, x: PublicDialogue, f: Fields, issues: FieldIssue[]): Html {
  const s = T[lang];
  const err = (field: string) => {
    const i = issues.find((k) => k.field === field);
    return i ? html`<span class="field-error" id="e-${field}">${translate(lang, i.key, { field: fieldLabel(lang, field), ...i.params })}</span>` : '';
  };
  const described = (field: string, hint?: string) => [hint, issues.some((k) => k.field === field) ? `e-${field}` : undefined].filter(Boolean).join(' ') || undefined;
  return html`<h2 id="dang-ky">${s.register}</h2>
${issues.length ? html`<div class="errors" role="alert"><h2>${s.errors}</h2><ul>${issues.map((i) => html`<li>${translate(lang, i.key, { field: fieldLabel(lang, i.field), ...i.params })}</li>`)}</ul></div>` : ''}
<form method="post" action="/doi-thoai/${x.id}/dang-ky" novalidate>
<input type="hidden" name="key" value="${f.key ?? randomBytes(12).toString('hex')}">
<label for="f-question">${s.question}</label><span class="hint" id="h-question">${s.questionHint}</span>${err('question')}
<textarea id="f-question" name="question" required aria-describedby="${described('question', 'h-question')}">${f.question ?? ''}</textarea>
<p class="hint" id="h-contact">${s.contactHint}</p>
<label for="f-name">${s.name}</label><input type="text" id="f-name" name="name" autocomplete="name" value="${f.name ?? ''}" aria-describedby="h-contact">
<label for="f-phone">${s.phone}</label>${err('phone')}<input type="tel" id="f-phone" name="phone" autocomplete="tel" value="${f.phone ?? ''}" aria-describedby="${described('phone', 'h-contact')}">
<label for="f-email">${s.email}</label>${err('email')}<input type="email" id="f-email" name="email" autocomplete="email" value="${f.email ?? ''}" aria-describedby="${described('email', 'h-contact')}">
<div class="choice"><input type="checkbox" id="f-speak" name="speak" value="1"${f.speak ? html` checked` : ''}><label for="f-speak">${s.speak}</label></div>
<div class="hp" aria-hidden="true"><label for="f-website">Website</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${s.send}</button>
</form>`;
}

function dialoguePage(lang: Lang, x: PublicDialogue, f: Fields = {}, issues: FieldIssue[] = []): Html {
  const s = T[lang];
  return html`<h1>${x.title}</h1>
<p class="muted">${x.agency.name} · <span class="state">${x.statusLabel}</span></p>
${x.cancellation ? html`<div class="box" role="status"><p><strong>${s.cancelled} ${d(x.cancellation.cancelledOn)}</strong>: <span lang="vi">${x.cancellation.reason}</span></p></div>` : ''}
<div class="box"><dl>
<dt>${s.when}</dt><dd>${x.plannedOnText}${x.startTime ? ` ${x.startTime}` : ''}</dd>
${x.location ? html`<dt>${s.where}</dt><dd>${x.location}</dd>` : ''}
${x.onlineLink ? html`<dt>${s.online}</dt><dd><a href="${x.onlineLink}">${x.onlineLink}</a></dd>` : ''}
${x.howToAttend ? html`<dt>${s.how}</dt><dd>${x.howToAttend}</dd>` : ''}
${x.content ? html`<dt>${s.content}</dt><dd>${x.content}</dd>` : ''}
${x.organiser ? html`<dt>${s.organiser}</dt><dd>${x.organiser}</dd>` : ''}
${x.coChair ? html`<dt>${s.coChair}</dt><dd>${x.coChair}</dd>` : ''}
${x.attendance ? html`<dt>${s.attendance}</dt><dd>${formatCount(x.attendance)}</dd>` : ''}
</dl></div>
${x.registrationOpen ? registrationForm(lang, x, f, issues) : x.status === 'noticed' ? html`<p>${s.closed}</p>` : ''}
${x.conclusionOn
    ? html`<h2>${s.conclusion}</h2><p class="muted">${s.conclusionOn} ${d(x.conclusionOn)}${x.conclusionLate ? html` (${s.late}: ${s.due} ${d(x.conclusionDueOn)})` : ''}</p>
<p lang="vi">${x.conclusionSummary ?? ''}</p>
<h3>${s.issues}</h3><ol>${x.issues.map((i) => html`<li lang="vi"><strong>${i.content}</strong><br><span class="muted">${i.outcomeLabel}${i.targetAgency ? html` · ${s.to}: ${i.targetAgency.name}` : ''}</span>${i.answer ? html`<br>${s.answer}: ${i.answer}` : ''}</li>`)}</ol>
${x.commitments.length ? html`<h2>${s.commitments}</h2><ul class="plain">${x.commitments.map((c) => commitmentItem(lang, c))}</ul>` : ''}`
    : ''}`;
}

function commitmentItem(lang: Lang, c: PublicDialogue['commitments'][number] | (Awaited<ReturnType<typeof publicCommitments>>['items'][number] & { timeline?: undefined })): Html {
  const s = T[lang];
  return html`<li lang="vi"><h3>${c.code}: ${c.content}</h3>
${'dialogueCode' in c && c.dialogueCode ? html`<p class="muted"><a href="/doi-thoai/${c.dialogueId}">${c.dialogueTitle ?? c.dialogueCode}</a></p>` : ''}
<p><span class="state">${c.statusLabel}</span> · ${s.owner}: ${c.ownerAgency.name} · ${s.due} ${c.dueOnText}${c.overdue ? html` · <strong>${s.overdue}</strong>` : ''} · ${s.progress} ${c.progress}%</p>
${c.closingNote ? html`<p><strong>${s.result}:</strong> ${c.closingNote}${c.closedOn ? ` (${d(c.closedOn)})` : ''}</p>` : ''}
${c.timeline?.length ? html`<details><summary>${s.timeline}</summary><ul>${c.timeline.map((t) => html`<li>${t.onText}: ${t.statusLabel}, ${t.progress}%${t.note ? ` — ${t.note}` : ''}${t.evidence.length ? ` (${t.evidence.length} ${s.files})` : ''}</li>`)}</ul></details>` : ''}</li>`;
}

export function registerDialoguePages(site: FastifyInstance, ctx: AppContext, tools: PageTools) {
  const { langOf, render } = tools;
  const code = (request: FastifyRequest) => String((request.query as Record<string, unknown>)['co-quan'] ?? '').trim().slice(0, 20);

  site.get('/doi-thoai', { schema: { hide: true } }, async (request, reply) => {
    const lang = langOf(request);
    const s = T[lang];
    const agency = code(request) || undefined;
    const [upcoming, concluded] = await Promise.all([publicDialogues(ctx, agency, 'upcoming'), publicDialogues(ctx, agency, 'concluded')]);
    return render(
      request,
      reply,
      s.title,
      html`<h1>${s.title}</h1><p>${s.intro}</p>${agencyForm(lang, '/doi-thoai', agency ?? '')}
<h2>${s.upcoming}</h2>${upcoming.length ? html`<ul class="plain">${upcoming.map((x) => headLine(lang, x))}</ul>` : html`<p class="muted">${s.none}</p>`}
<h2>${s.concluded}</h2>${concluded.length ? html`<ul class="plain">${concluded.map((x) => headLine(lang, x))}</ul>` : html`<p class="muted">${s.none}</p>`}
<p><a href="/cam-ket${agency ? `?co-quan=${encodeURIComponent(agency)}` : ''}">${s.navTracker}</a></p>`,
    );
  });

  site.get('/doi-thoai/:id', { schema: { hide: true } }, async (request, reply) => {
    const id = String((request.params as Fields).id ?? '');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError(404, 'error.notFound');
    const x = await publicDialogue(ctx, id);
    return render(request, reply, x.title, dialoguePage(langOf(request), x));
  });

  site.post('/doi-thoai/:id/dang-ky', { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const lang = langOf(request);
    const id = String((request.params as Fields).id ?? '');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError(404, 'error.notFound');
    const f = fields(request.body);
    if (f.website) throw new AppError(400, 'error.spam');
    try {
      const r = await registerForDialogue(
        ctx,
        id,
        {
          question: String(f.question ?? '').slice(0, 5000),
          name: String(f.name ?? '').slice(0, 200),
          phone: String(f.phone ?? '').slice(0, 30),
          email: String(f.email ?? '').slice(0, 200),
          wantsToSpeak: Boolean(f.speak),
        },
        { idempotencyKey: /^[0-9a-f]{24}$/.test(f.key ?? '') ? `page:${f.key}` : undefined },
      );
      return reply.redirect(`/doi-thoai/${id}/da-dang-ky?ma=${encodeURIComponent(r.registration.code)}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 400) {
        const x = await publicDialogue(ctx, id);
        return render(request, reply, x.title, dialoguePage(lang, x, f, err.fieldIssues), 400);
      }
      throw err;
    }
  });

  site.get('/doi-thoai/:id/da-dang-ky', { schema: { hide: true } }, async (request, reply) => {
    const lang = langOf(request);
    const s = T[lang];
    const id = String((request.params as Fields).id ?? '');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError(404, 'error.notFound');
    const x = await publicDialogue(ctx, id);
    const ma = String((request.query as Record<string, unknown>).ma ?? '').replace(/[^A-Z0-9-]/g, '').slice(0, 12);
    return render(
      request,
      reply,
      s.registered,
      html`<h1>${s.registered}</h1><div class="ok" role="status"><p>${x.title} — ${x.plannedOnText}</p><p>${s.keepCode}:</p><p class="code">${ma}</p></div><p><a href="/doi-thoai/${x.id}">${s.back}</a></p>`,
    );
  });

  site.get('/cam-ket', { schema: { hide: true } }, async (request, reply) => {
    const lang = langOf(request);
    const s = T[lang];
    const agency = code(request) || undefined;
    const data = await publicCommitments(ctx, agency);
    const q = agency ? `?agency=${encodeURIComponent(agency)}` : '';
    return render(
      request,
      reply,
      s.tracker,
      html`<h1>${s.tracker}${data.agency ? html` — ${data.agency.name}` : ''}</h1><p>${s.trackerIntro}</p>${agencyForm(lang, '/cam-ket', agency ?? '')}
${summaryBox(lang, data.summary, data.asOf)}
<p>${s.open}: <a href="/api/v1/public/commitments.csv${q}">CSV</a> · <a href="/api/v1/public/commitments${q}">JSON</a></p>
<h2>${s.commitments}</h2>${data.items.length ? html`<ul class="plain">${data.items.slice(0, 500).map((c) => html`${commitmentItem(lang, c)}`)}</ul>` : html`<p class="muted">${s.none}</p>`}
<p><a href="/doi-thoai${agency ? `?co-quan=${encodeURIComponent(agency)}` : ''}">${s.navDialogues}</a></p>`,
    );
  });
}
