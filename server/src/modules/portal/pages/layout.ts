/**
 * The page shell: one inline stylesheet (about 3 KB, mobile first, system fonts), no script, landmarks, a skip
 * link, a visible focus ring, the language switch. Everything renders on the server: a cheap phone gets text
 * it can paint at once (issue 7 budget: LCP < 1.2 s on slow 4G, CLS < 0.05, ≤ 100 KB of JS — here none).
 */
import type { Lang } from '../../../i18n.ts';
import { html, raw, type Html, type Part } from './html.ts';
import { t } from './text.ts';

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;background:#f4f6f8}
a{color:#0a4f96}
a:hover{color:#06335f}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:0}
header{background:#0a4f96;color:#fff}
header .in,main,footer .in{max-width:42rem;margin:0 auto;padding:0 1rem}
header .in{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding-top:.6rem;padding-bottom:.6rem}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.05rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem .9rem}
nav a{display:inline-block;padding:.35rem 0;min-height:44px;line-height:2}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.muted{color:#4a4f55}
.card,.box{background:#fff;border:1px solid #d0d5db;border-radius:.5rem;padding:1rem;margin:0 0 .75rem}
.cards{display:grid;gap:.75rem;grid-template-columns:1fr}
@media(min-width:34rem){.cards{grid-template-columns:1fr 1fr}}
.cards a{display:block;text-decoration:none;color:inherit;height:100%}
.cards a strong{color:#0a4f96;font-size:1.1rem;text-decoration:underline}
label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}
fieldset{border:0;padding:0;margin:0}
.hint{display:block;color:#4a4f55;font-size:.92rem;margin:0 0 .35rem;font-weight:400}
input[type=text],input[type=tel],input[type=email],input[type=search],select,textarea{width:100%;font:inherit;padding:.6rem .7rem;border:2px solid #5c6670;border-radius:.35rem;background:#fff;min-height:44px}
textarea{min-height:8rem}
input[type=file]{font:inherit;max-width:100%;padding:.4rem 0}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0}
.choice input{width:1.4rem;height:1.4rem;margin:.15rem 0 0;flex:none}
.choice label{margin:0;font-weight:600}
.choice .hint{margin:0}
button,.button{display:inline-block;font:inherit;font-weight:700;background:#0a4f96;color:#fff;border:0;border-radius:.35rem;padding:.7rem 1.2rem;min-height:44px;cursor:pointer;text-decoration:none;margin-top:1rem}
button:hover,.button:hover{background:#06335f;color:#fff}
.row{display:flex;gap:.5rem;align-items:flex-end}
.row input{flex:1}
.row button{margin-top:0}
.errors{border:3px solid #b3261e;background:#fff;padding:.75rem 1rem;margin:0 0 1rem;border-radius:.35rem}
.errors h2{margin:0 0 .25rem;font-size:1.05rem;color:#b3261e}
.field-error{color:#b3261e;font-weight:600;display:block;margin:.1rem 0 .3rem}
.ok{border-left:6px solid #1d7a36;background:#fff;padding:.75rem 1rem;margin:0 0 1rem}
.code{font:700 1.35rem/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.04em;word-break:break-all}
dl{margin:0}
dt{font-weight:600;margin-top:.5rem}
dd{margin:0}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{border-top:1px solid #d0d5db;padding:.6rem 0}
.state{display:inline-block;background:#e3eefb;color:#06335f;font-weight:700;padding:.15rem .6rem;border-radius:1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{border-top:1px solid #d0d5db;background:#fff;font-size:.9rem}
footer .in{padding-top:1rem;padding-bottom:1.5rem}
`
  .replace(/\n/g, '')
  .trim();

export interface PageInput {
  lang: Lang;
  title: string;
  /** Current path (for aria-current and the language switch), without query. */
  path: string;
  /** The query string to keep when switching language (already safe: rebuilt from parsed values). */
  query?: string;
  body: Part;
  /** Optional `<meta name="description">`. */
  description?: string;
}

const NAV: { href: string; key: 'navHome' | 'navSubmit' | 'navTrack' | 'navAnswers' | 'navBook' | 'navDialogues' | 'navConsult' | 'navModels' }[] = [
  { href: '/', key: 'navHome' },
  { href: '/gui-don', key: 'navSubmit' },
  { href: '/tra-cuu', key: 'navTrack' },
  { href: '/tra-loi', key: 'navAnswers' },
  { href: '/dat-lich', key: 'navBook' },
  { href: '/doi-thoai', key: 'navDialogues' },
  { href: '/gop-y', key: 'navConsult' },
  { href: '/mo-hinh', key: 'navModels' },
];

export function page(p: PageInput): string {
  const other = p.lang === 'vi' ? 'en' : 'vi';
  const q = new URLSearchParams(p.query ?? '');
  q.set('lang', other);
  const section = (href: string) => (href === '/' ? p.path === '/' : p.path === href || p.path.startsWith(`${href}/`));
  const doc: Html = html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${p.title} — ${t(p.lang, 'siteName')}</title>
<meta name="description" content="${p.description ?? t(p.lang, 'siteTag')}">
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">${t(p.lang, 'skip')}</a>
<header><div class="in">
<a class="brand" href="/">${t(p.lang, 'siteName')}</a>
<a href="${p.path}?${q.toString()}" lang="${other}" hreflang="${other}" aria-label="${t(p.lang, 'langSwitchLabel')}">${t(p.lang, 'langSwitch')}</a>
<nav aria-label="${t(p.lang, 'navMain')}"><ul>${NAV.map(
    (n) => html`<li><a href="${n.href}"${section(n.href) ? raw(' aria-current="page"') : ''}>${t(p.lang, n.key)}</a></li>`,
  )}</ul></nav>
</div></header>
<main id="main" tabindex="-1">
${p.body}
</main>
<footer><div class="in"><p>${t(p.lang, 'footer')}</p><p><a href="/app/">${t(p.lang, 'staffLogin')}</a></p></div></footer>
</body>
</html>`;
  return doc.value;
}
