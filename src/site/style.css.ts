/**
 * The site's one stylesheet, hand-written. A TS module (not an asset file) because the build
 * is `tsc` only and would not copy assets. No web fonts: CJK fonts are large, and every
 * system already has a good one, named in the stack below.
 *
 * Colours meet WCAG AA (4.5:1 for text) on both backgrounds, in light and dark schemes:
 * light text #1c1d21 / muted #595e67 / accent #0b57c4 on #fff and #f6f5f2; dark text
 * #e8e9ec / muted #a9aeb8 / accent #8fb8ff on #17191d and #101114.
 * CJK: system CJK faces after the Latin ones (Traditional Chinese faces for Traditional
 * sites, whose glyph shapes Taiwan and Hong Kong readers expect), generous line height, no faux
 * italics (Chinese emphasis is shown with emphasis dots), punctuation kept from starting a line.
 */
export const STYLE_CSS = `:root {
  color-scheme: light dark;
  --bg: #f6f5f2;
  --surface: #ffffff;
  --text: #1c1d21;
  --muted: #595e67;
  --line: #e4e2dc;
  --accent: #0b57c4;
  --accent-soft: #e9f0fb;
  --on-accent: #ffffff;
  --thumb: #e8e6e0;
  --error: #a4262c;
  --radius: 12px;
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial,
    'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei UI', 'Microsoft YaHei',
    'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace;
}
:root:lang(zh-Hant), :root:lang(zh-TW), :root:lang(zh-HK), :root:lang(zh-MO) {
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial,
    'PingFang TC', 'Microsoft JhengHei UI', 'Microsoft JhengHei', 'Noto Sans CJK TC',
    'Source Han Sans TC', 'Noto Sans TC', sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #101114;
    --surface: #17191d;
    --text: #e8e9ec;
    --muted: #a9aeb8;
    --line: #2a2d33;
    --accent: #8fb8ff;
    --accent-soft: #1c2940;
    --on-accent: #0c0d10;
    --thumb: #23262c;
    --error: #ff9a9f;
  }
  img { filter: brightness(0.9); }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.7 var(--font);
  overflow-wrap: break-word;
  line-break: strict;
  text-rendering: optimizeLegibility;
  -webkit-font-smoothing: antialiased;
}
/* CJK faces have no italics; a synthesised slant is ugly. Emphasis dots are the Chinese way. */
:lang(zh), :lang(ja), :lang(ko) { font-synthesis: weight; }
:is(em, i, cite, dfn, var, address):lang(zh) { font-style: normal; }
em:lang(zh) { text-emphasis: filled circle; -webkit-text-emphasis: filled circle; text-emphasis-position: under right; -webkit-text-emphasis-position: under; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; text-underline-offset: 0.2em; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
.wrap { width: 100%; max-width: 52rem; margin: 0 auto; padding-left: 1.25rem; padding-right: 1.25rem; }
.skip { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); color: var(--text); padding: 0.5rem 1rem; z-index: 2; border-radius: 8px; }
.skip:focus { left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.muted { color: var(--muted); }

.site-header { background: var(--surface); border-bottom: 1px solid var(--line); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; min-height: 3.75rem; padding-top: 0.6rem; padding-bottom: 0.6rem; }
.brand { color: var(--text); font-size: 1.2rem; font-weight: 700; letter-spacing: 0.01em; display: inline-flex; align-items: center; gap: 0.5rem; }
.brand::before { content: ''; flex: none; width: 0.7rem; height: 0.7rem; border-radius: 3px; background: var(--accent); }
.brand:hover { text-decoration: none; }
.site-nav { display: flex; gap: 0.25rem; font-size: 0.95rem; }
.site-nav a { color: var(--muted); padding: 0.3rem 0.65rem; border-radius: 8px; }
.site-nav a:hover { color: var(--text); background: var(--bg); text-decoration: none; }
.site-nav a[aria-current='page'] { color: var(--text); font-weight: 600; background: var(--accent-soft); }
.site-tools { margin-left: auto; display: flex; align-items: center; gap: 0.5rem; }
.site-tools:empty { display: none; }

/* The footer at the bottom of the window on short pages (a 404, an empty list). */
body { display: flex; flex-direction: column; min-height: 100vh; }
main { flex: 1 0 auto; padding-top: 1.75rem; padding-bottom: 3rem; }
h1, h2, h3 { line-height: 1.4; margin: 0; }
.page-head { margin-bottom: 1.25rem; }
.page-head h1 { font-size: 1.65rem; letter-spacing: 0.01em; }
.page-head p { margin: 0.2rem 0 0; color: var(--muted); font-size: 0.95rem; }
.page-head .list-feeds { font-size: 0.85rem; }
.list-feeds a { margin-left: 0.4rem; }

/* Names with no place to break (a long English site name) may break anywhere rather than
   widen the page: flex and grid items are otherwise as wide as their longest word. */
.breadcrumbs, .chips, .category-index, .item-nav, .brand { overflow-wrap: anywhere; }
/* A name is a unit of its own: an Arabic or Hebrew feed name must not take the digits, dots and
   arrows beside it into its right-to-left run ("عربي · 2026年…" shown as "2026 · عربي年…"). */
.source a, .category a, .feed-info a, .health th a { unicode-bidi: isolate; }
/* A name that fits on a line is not split across two (Chinese breaks between any characters).
   Not on phones, where a card's lines are short and a name longer than one stood as a box. */
@media (min-width: 641px) { .source a { display: inline-block; overflow-wrap: anywhere; } }
/* A line may break on either side of the "›" between two names (as text it glues to both:
   "长›EdgeCases…" was one unbreakable run, leaving a short line above it). */
.source .sep { display: inline-block; }
/* Rows of small links (breadcrumbs, a card's or an article's source, the footer) at least 24 px
   apart, so each is a target of its own for a finger (WCAG 2.5.8). */
.breadcrumbs ol, .entry-meta, .article-source, .site-footer { line-height: 1.85; }
.breadcrumbs ol { list-style: none; margin: 0 0 0.75rem; padding: 0; display: flex; flex-wrap: wrap; font-size: 0.875rem; color: var(--muted); }
.breadcrumbs li + li::before { content: '›'; margin: 0 0.45em; }
.breadcrumbs a { color: var(--muted); }
.breadcrumbs [aria-current='page'] { color: var(--text); }

.chips { list-style: none; margin: 0 0 1.5rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.chips a { display: inline-flex; align-items: baseline; gap: 0.4em; padding: 0.25rem 0.8rem; border-radius: 999px; background: var(--surface); border: 1px solid var(--line); color: var(--text); font-size: 0.9rem; }
.chips a:hover { border-color: var(--accent); text-decoration: none; }
.count { color: var(--muted); font-size: 0.85em; font-weight: 400; font-variant-numeric: tabular-nums; }
.days a { min-width: 3.2rem; justify-content: center; }

.river { list-style: none; margin: 0; padding: 0; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.entry { display: flex; gap: 1.1rem; padding: 1.05rem 1.25rem; }
.river > li + li .entry { border-top: 1px solid var(--line); }
.entry-body { flex: 1; min-width: 0; }
.entry-title { font-size: 1.08rem; font-weight: 600; line-height: 1.5; }
/* Titles and excerpts are plain text with no dir of their own: an Arabic or Hebrew one takes its
   direction (and alignment) from its first strong letter, as dir="auto" would. */
.entry-title, .entry-excerpt, .article h1, .item-nav .title { unicode-bidi: plaintext; }
.entry-title a { color: var(--text); }
.entry-title a:visited { color: var(--muted); }
.entry-meta { margin: 0.25rem 0 0; font-size: 0.84rem; color: var(--muted); }
.entry-meta a { color: var(--muted); }
.entry-meta .sep { margin: 0 0.35em; }
.entry-meta .when, .article-meta time { white-space: nowrap; }
.entry-excerpt {
  margin: 0.4rem 0 0; color: var(--muted); font-size: 0.93rem; line-height: 1.7;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden;
}
.thumb { flex: none; position: relative; width: 9rem; aspect-ratio: 4 / 3; border-radius: 8px; overflow: hidden; background: var(--thumb); align-self: flex-start; margin-top: 0.25rem; }
.thumb img { display: block; width: 100%; height: 100%; object-fit: cover; }
/* A broken image (host down, hotlink refused) renders its pseudo-elements; cover the icon. */
.thumb img::before { content: ''; position: absolute; inset: 0; background: var(--thumb); }
.empty { padding: 2rem 1.25rem; color: var(--muted); text-align: center; }

.pagination { display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 0.5rem; margin-top: 1.5rem; font-variant-numeric: tabular-nums; }
.pagination ol { list-style: none; display: flex; flex-wrap: wrap; justify-content: center; gap: 0.3rem; margin: 0; padding: 0; }
.pagination a, .pagination .gap { display: inline-block; min-width: 2.4rem; padding: 0.35rem 0.7rem; border-radius: 8px; text-align: center; }
.pagination a { background: var(--surface); border: 1px solid var(--line); }
.pagination a:hover { text-decoration: none; border-color: var(--accent); }
.pagination [aria-current='page'] { background: var(--accent); border-color: var(--accent); color: var(--on-accent); font-weight: 600; }
.pagination .gap { color: var(--muted); min-width: 1rem; padding: 0.35rem 0; }
.pagination .narrow { display: none; }

.category-index { display: grid; gap: 1rem; }
.category { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.1rem 1.25rem; }
.category h2 { font-size: 1.2rem; }
.category ul { list-style: none; margin: 0.6rem 0 0; padding: 0; }
.category li { padding: 0.4rem 0; border-top: 1px solid var(--line); }
.category .feeds { display: flex; flex-wrap: wrap; gap: 0.1rem 1rem; margin: 0.1rem 0 0; padding: 0 0 0 1rem; font-size: 0.9rem; }
.category .feeds li { border: 0; padding: 0; }
.archive-year { margin-bottom: 1.5rem; }
.archive-year h2 { font-size: 1.2rem; margin-bottom: 0.6rem; }

.article { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.75rem 1.75rem 2rem; }
.article-source { margin: 0 0 0.4rem; font-size: 0.875rem; color: var(--muted); }
.article-source a { color: var(--muted); }
.article-source .sep { margin: 0 0.35em; }
.article h1 { font-size: 1.75rem; line-height: 1.4; letter-spacing: 0.01em; }
.article-meta { margin: 0.6rem 0 1.5rem; color: var(--muted); font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1.1rem; }
.lead-image { margin: 0 0 1.5rem; }
.lead-image img { display: block; max-width: 100%; height: auto; border-radius: 8px; background: var(--thumb); }
.content { font-size: 1.0625rem; line-height: 1.85; }
.content:lang(zh) { text-align: justify; letter-spacing: 0.02em; }
/* Chinese wants the air between lines; Latin-script text reads better a little closer. */
.content:not(:lang(zh), :lang(ja), :lang(ko)) { line-height: 1.7; }
.content > :first-child { margin-top: 0; }
.content p, .content ul, .content ol, .content blockquote, .content pre, .content figure, .content table { margin: 0 0 1.1em; }
.content h1, .content h2, .content h3, .content h4 { margin: 1.6em 0 0.6em; font-size: 1.2em; line-height: 1.45; }
.content :is(h3, h4) { font-size: 1.08em; }
.content img, .content video { max-width: 100%; height: auto; border-radius: 6px; }
.content img { background: var(--thumb); }
.content figure { margin-left: 0; margin-right: 0; }
.content figcaption { color: var(--muted); font-size: 0.875rem; text-align: center; }
/* The last paragraph of a quote or list item ends it: no gap above the quote's bottom edge. */
.content :is(blockquote, li, figure, td, th) > :last-child { margin-bottom: 0; }
.content blockquote { margin-left: 0; padding: 0.1em 0 0.1em 1em; border-left: 3px solid var(--line); color: var(--muted); }
.content pre { overflow-x: auto; padding: 0.85rem 1rem; background: var(--bg); border-radius: 8px; font-size: 0.875rem; line-height: 1.6; text-align: left; letter-spacing: 0; }
.content code { font-family: var(--mono); font-size: 0.9em; }
.content pre code { font-size: inherit; }
/* A long command or path in running Chinese text breaks where the line ends: moved whole to the
   next line it would leave a justified line with wide gaps between its characters. */
.content :not(pre) > code { word-break: break-all; }
.content table { display: block; overflow-x: auto; border-collapse: collapse; text-align: left; }
.content td, .content th { border: 1px solid var(--line); padding: 0.35rem 0.65rem; }
/* Chinese breaks between any two characters: without a floor a wide table squeezes its cells
   to one character a line; with it, the table scrolls sideways. Within a cell Chinese breaks
   only at spaces and punctuation: a table too wide for a phone gives every column its least
   width, and a column of sentences would otherwise stand three characters a line. */
.content td, .content th { min-width: 5em; word-break: keep-all; }
.content a { text-decoration: underline; text-decoration-color: color-mix(in srgb, var(--accent) 40%, transparent); text-underline-offset: 0.2em; }
.content iframe { max-width: 100%; }
.article-foot { margin-top: 2rem; padding-top: 1.1rem; border-top: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; }
.original { display: inline-block; padding: 0.5rem 1.2rem; border-radius: 999px; background: var(--accent); color: var(--on-accent); font-weight: 600; }
.original:hover { text-decoration: none; opacity: 0.92; }
.tags { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; font-size: 0.85rem; color: var(--muted); }
.tags li::before { content: '#'; }
.item-nav { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 1.25rem; }
.item-nav a { display: block; padding: 0.8rem 1rem; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); color: var(--text); }
.item-nav a:hover { border-color: var(--accent); text-decoration: none; }
.item-nav .next { grid-column: 2; text-align: right; }
.item-nav .label { display: block; font-size: 0.8rem; color: var(--muted); }
.item-nav .prev .label::before { content: '← '; }
.item-nav .next .label::after { content: ' →'; }
.item-nav .title { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden; font-weight: 600; font-size: 0.95rem; }

.feed-info { margin: 0 0 1.5rem; color: var(--muted); font-size: 0.9rem; }
.feed-info p { margin: 0; }
.feed-error { color: var(--error); }

.table-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); }
.health { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.health th, .health td { padding: 0.6rem 0.9rem; text-align: left; vertical-align: top; border-top: 1px solid var(--line); }
.health thead th { border-top: 0; color: var(--muted); font-weight: 600; font-size: 0.82rem; white-space: nowrap; }
.health tbody th { font-weight: 600; }
.health .where { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted); overflow-wrap: anywhere; }
.health time { white-space: nowrap; }
.health .num { text-align: right; font-variant-numeric: tabular-nums; }
.health .failing th a { color: var(--error); }
.health .failing .error { color: var(--error); }
.health .error-kind { font-family: var(--mono); font-size: 0.8rem; }

.not-found { text-align: center; padding: 3rem 1rem; }
.not-found .code { font-size: 4rem; font-weight: 700; color: var(--muted); margin: 0; line-height: 1; }
.not-found h1 { margin-top: 0.75rem; }
.not-found-links { display: flex; justify-content: center; gap: 1.25rem; }

.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
.site-footer .wrap { padding-top: 1.25rem; padding-bottom: 2rem; }
.site-footer p { margin: 0 0 0.35rem; }
.site-footer a { color: var(--muted); text-decoration: underline; text-underline-offset: 0.2em; text-decoration-color: var(--line); }
.footer-links a { margin-right: 0.6rem; }
.footer-links .sep { margin-right: 0.6rem; }
/* Groups of footer links do not break inside; on phones, where they wrap, no "·" between them. */
.footer-group { white-space: nowrap; }

@media (max-width: 640px) {
  body { font-size: 15.5px; }
  main { padding-top: 1rem; }
  .wrap { padding-left: 0.85rem; padding-right: 0.85rem; }
  .site-header .wrap { gap: 0.25rem 1rem; }
  .site-nav { margin-left: -0.65rem; }
  .river, .article, .category, .table-wrap { border-radius: 0; border-left: 0; border-right: 0; margin-left: -0.85rem; margin-right: -0.85rem; }
  .entry { padding: 0.9rem 0.85rem; gap: 0.75rem; }
  .entry-title { font-size: 1rem; }
  .entry-excerpt { display: none; }
  .footer-links .footer-group { margin-right: 0.9rem; }
  .footer-links .sep { display: none; }
  .thumb { width: 5.75rem; }
  .article { padding: 1.1rem 0.95rem 1.5rem; }
  .article h1 { font-size: 1.4rem; }
  .content { font-size: 1.02rem; }
  .item-nav { grid-template-columns: 1fr; }
  .item-nav .next { grid-column: 1; }
  /* The search box takes the header's second row, whole. */
  .site-tools, .site-search { flex: 1 1 100%; }
  .site-tools .site-search input { width: 100%; flex: 1; }
  /* Newer and older on one row at the two ends, the page numbers on one row below, each a
     thumb's size: wrapped as they come, a lone "1" or "Older" ended up on a row of its own. */
  .pagination { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6rem 0.5rem; }
  .pagination ol { grid-column: 1 / -1; grid-row: 2; gap: 0.25rem; }
  .pagination > [rel='prev'] { grid-column: 1; justify-self: start; }
  .pagination > [rel='next'] { grid-column: 2; justify-self: end; }
  .pagination a { min-width: 2.6rem; padding: 0.55rem 0.6rem; }
  .pagination .gap { padding: 0.55rem 0; }
  /* The window's nearer half (render-pagination.ts): one row even at page 1234. */
  .pagination .far { display: none; }
  .pagination .narrow { display: block; }
  /* Feed health as a card a feed, each value after its column's name: as a table, what
     matters (the error) sat off the screen to the right. */
  .health, .health tbody, .health tr, .health th, .health td { display: block; }
  .health thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .health tr { padding: 0.75rem 0.85rem; }
  .health tbody tr + tr { border-top: 1px solid var(--line); }
  .health th, .health td { padding: 0; border: 0; }
  .health td { margin-top: 0.2rem; }
  .health td::before { content: attr(data-label) ': '; color: var(--muted); }
  .health td:lang(zh)::before { content: attr(data-label) '：'; }
  .health .ok td.error { display: none; }
  .health td.num { display: inline-block; margin-right: 1.25rem; text-align: left; }
}
@media (min-width: 1200px) {
  .wrap { max-width: 58rem; }
  .thumb { width: 11rem; }
  .entry-excerpt { -webkit-line-clamp: 3; line-clamp: 3; }
}
@media print {
  /* Paper is white whatever the screen's scheme, and browsers drop backgrounds when printing:
     the light palette, or a dark-scheme reader prints light grey text on white. */
  :root {
    color-scheme: light;
    --bg: #fff; --surface: #fff; --text: #000; --muted: #555; --line: #ccc;
    --accent: #0b57c4; --accent-soft: #fff; --on-accent: #fff; --thumb: #eee; --error: #a4262c;
  }
  img { filter: none; }
  .site-header nav, .site-tools, .pagination, .site-footer, .skip, .item-nav { display: none; }
  body, .article { background: #fff; color: #000; border: 0; }
  .original { color: var(--accent); background: none; padding: 0; }
}
`;
