/**
 * The site's one stylesheet, hand-written. A TS module (not an asset file) because the build
 * is `tsc` only and would not copy assets. No web fonts: CJK fonts are large, and every
 * system already has a good one, named in the stack below.
 *
 * Colours meet WCAG AA (4.5:1) for text on both backgrounds, in light and dark schemes.
 */
export const STYLE_CSS = `:root {
  color-scheme: light dark;
  --bg: #f7f7f5;
  --surface: #ffffff;
  --text: #1b1c1f;
  --muted: #5a5e66;
  --line: #e3e3df;
  --accent: #0a58ca;
  --accent-soft: #e8f0fc;
  --thumb: #e9e9e5;
  --radius: 10px;
  --font: -apple-system, BlinkMacSystemFont, 'Segoe UI', system-ui, 'PingFang SC',
    'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC',
    'Noto Sans SC', 'WenQuanYi Micro Hei', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121316;
    --surface: #1a1c20;
    --text: #e7e8ea;
    --muted: #a3a8b1;
    --line: #2c2f35;
    --accent: #8ab4f8;
    --accent-soft: #1f2a3c;
    --thumb: #24272c;
  }
  img { filter: brightness(0.92); }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.7 var(--font);
  overflow-wrap: break-word;
  text-rendering: optimizeLegibility;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; text-underline-offset: 0.2em; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 3px; }
.wrap { width: 100%; max-width: 50rem; margin: 0 auto; padding-left: 1rem; padding-right: 1rem; }
.skip { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); padding: 0.5rem 1rem; z-index: 1; }
.skip:focus { left: 0.5rem; }

.site-header { background: var(--surface); border-bottom: 1px solid var(--line); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1.5rem; padding-top: 0.9rem; padding-bottom: 0.9rem; }
.brand { color: var(--text); font-size: 1.25rem; font-weight: 700; letter-spacing: 0.01em; }
.site-nav { display: flex; gap: 1.1rem; margin-left: auto; font-size: 0.95rem; }
.site-nav a { color: var(--muted); }
.site-nav a[aria-current='page'] { color: var(--text); font-weight: 600; }

main { padding-top: 2rem; padding-bottom: 3rem; min-height: 60vh; }
h1, h2, h3 { line-height: 1.35; margin: 0; }
.page-head { margin-bottom: 1.25rem; }
.page-head h1 { font-size: 1.6rem; }
.page-head p { margin: 0.25rem 0 0; color: var(--muted); }

.breadcrumbs ol { list-style: none; margin: 0 0 0.5rem; padding: 0; display: flex; flex-wrap: wrap; font-size: 0.875rem; color: var(--muted); }
.breadcrumbs li + li::before { content: '›'; margin: 0 0.45em; color: var(--muted); }
.breadcrumbs a { color: var(--muted); }

.chips { list-style: none; margin: 0 0 1.5rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.chips a { display: inline-block; padding: 0.2rem 0.75rem; border-radius: 999px; background: var(--accent-soft); font-size: 0.9rem; }
.count { color: var(--muted); font-size: 0.85em; font-variant-numeric: tabular-nums; }
.chips .count { margin-left: 0.35em; }

.river { list-style: none; margin: 0; padding: 0; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); }
.entry { display: flex; gap: 1rem; padding: 1rem 1.1rem; }
.river > li + li .entry { border-top: 1px solid var(--line); }
.entry-body { flex: 1; min-width: 0; }
.entry-title { font-size: 1.1rem; font-weight: 600; }
.entry-title a { color: var(--text); }
.entry-title a:visited { color: var(--muted); }
.entry-meta { margin: 0.2rem 0 0; font-size: 0.85rem; color: var(--muted); }
.entry-meta a { color: var(--muted); }
.entry-meta .sep { margin: 0 0.3em; }
.entry-meta .when, .article-meta time { white-space: nowrap; }
.entry-excerpt {
  margin: 0.35rem 0 0; color: var(--text); opacity: 0.88; font-size: 0.95rem;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden;
}
.thumb { flex: none; width: 8.5rem; aspect-ratio: 4 / 3; border-radius: 8px; overflow: hidden; background: var(--thumb); align-self: flex-start; margin-top: 0.3rem; }
.thumb { position: relative; }
.thumb img { display: block; width: 100%; height: 100%; object-fit: cover; }
/* A broken image (host down, hotlink refused) renders its pseudo-elements; cover the icon. */
.thumb img::before { content: ''; position: absolute; inset: 0; background: var(--thumb); }
.empty { padding: 2rem 1.1rem; color: var(--muted); text-align: center; }

.pagination { display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 0.5rem; margin-top: 1.5rem; font-variant-numeric: tabular-nums; }
.pagination ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
.pagination a, .pagination span { display: inline-block; min-width: 2.25rem; padding: 0.3rem 0.6rem; border-radius: 8px; text-align: center; }
.pagination a { background: var(--surface); border: 1px solid var(--line); }
.pagination a:hover { text-decoration: none; border-color: var(--accent); }
.pagination [aria-current='page'] { background: var(--accent); border-color: var(--accent); color: var(--bg); font-weight: 600; }
.pagination .gap { color: var(--muted); min-width: 1rem; padding: 0.3rem 0; }

.category-index { display: grid; gap: 1rem; }
.category { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.1rem; }
.category h2 { font-size: 1.2rem; }
.category ul { list-style: none; margin: 0.6rem 0 0; padding: 0; }
.category li { padding: 0.35rem 0; border-top: 1px solid var(--line); }
.category .feeds { display: flex; flex-wrap: wrap; gap: 0.1rem 1rem; margin: 0; padding: 0 0 0 1rem; border: 0; font-size: 0.9rem; }
.category .feeds li { border: 0; padding: 0; }

.article { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.5rem 1.25rem 2rem; }
.article h1 { font-size: 1.65rem; letter-spacing: 0.01em; }
.article-meta { margin: 0.6rem 0 1.5rem; color: var(--muted); font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.lead-image { margin: 0 0 1.5rem; }
.content { font-size: 1.0625rem; line-height: 1.8; }
.content > :first-child { margin-top: 0; }
.content p, .content ul, .content ol, .content blockquote, .content pre, .content figure, .content table { margin: 0 0 1em; }
.content h1, .content h2, .content h3, .content h4 { margin: 1.5em 0 0.6em; font-size: 1.2em; }
.content img, .content video { max-width: 100%; height: auto; border-radius: 6px; }
.content img { background: var(--thumb); }
.content figure { margin-left: 0; margin-right: 0; }
.content figcaption { color: var(--muted); font-size: 0.875rem; text-align: center; }
.content blockquote { margin-left: 0; padding: 0.1em 0 0.1em 1em; border-left: 3px solid var(--line); color: var(--muted); }
.content pre { overflow-x: auto; padding: 0.8rem 1rem; background: var(--bg); border-radius: 8px; font-size: 0.875rem; line-height: 1.55; }
.content code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace; font-size: 0.9em; }
.content table { display: block; overflow-x: auto; border-collapse: collapse; }
.content td, .content th { border: 1px solid var(--line); padding: 0.3rem 0.6rem; }
.content a { text-decoration: underline; text-decoration-color: color-mix(in srgb, var(--accent) 40%, transparent); text-underline-offset: 0.2em; }
.content iframe { max-width: 100%; }
.article-foot { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; }
.original { display: inline-block; padding: 0.45rem 1.1rem; border-radius: 999px; background: var(--accent); color: var(--bg); font-weight: 600; }
.original:hover { text-decoration: none; opacity: 0.92; }
.tags { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; font-size: 0.85rem; color: var(--muted); }
.tags li::before { content: '#'; }

.feed-info { margin: 0 0 1.5rem; color: var(--muted); font-size: 0.9rem; }
.feed-info p { margin: 0; }
.feed-error { color: var(--text); }

.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; }
.site-footer .wrap { padding-top: 1.25rem; padding-bottom: 2rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; justify-content: space-between; }
.site-footer a { color: var(--muted); }

@media (max-width: 600px) {
  body { font-size: 15.5px; }
  main { padding-top: 1rem; }
  .wrap { padding-left: 0.75rem; padding-right: 0.75rem; }
  .river, .article, .category { border-radius: 0; border-left: 0; border-right: 0; margin-left: -0.75rem; margin-right: -0.75rem; }
  .entry { padding: 0.9rem 0.75rem; gap: 0.75rem; }
  .entry-title { font-size: 1.02rem; }
  .entry-excerpt { -webkit-line-clamp: 2; line-clamp: 2; }
  .thumb { width: 6rem; }
  .article { padding: 1.1rem 0.9rem 1.5rem; }
  .article h1 { font-size: 1.4rem; }
  .content { font-size: 1.02rem; }
}
@media (min-width: 1200px) {
  .wrap { max-width: 54rem; }
}
@media print {
  .site-header nav, .pagination, .site-footer, .skip { display: none; }
  body, .article { background: #fff; color: #000; border: 0; }
}
`;
