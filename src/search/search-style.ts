import { createHash } from 'node:crypto';

/**
 * search.css: the search page's results, and the search box in the site header. It uses the
 * colour variables of the site's style.css, so light and dark follow the site.
 */
export const SEARCH_CSS = `.site-search { display: flex; }
.site-search input { width: 9rem; }
/* The header's submit button (Enter submits too) is hidden until the keyboard reaches it. */
.site-search button:focus-visible {
  position: static; width: auto; height: auto; clip-path: none; margin-left: 0.4rem;
  font: inherit; color: var(--on-accent); background: var(--accent); border: 0;
  border-radius: var(--radius); padding: 0.3rem 0.8rem;
}
.site-search input, .search-form input {
  font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--line);
  border-radius: var(--radius); padding: 0.3rem 0.7rem;
}
/* The browser's own placeholder grey is under 4.5:1 on --bg in both schemes. */
.site-search input::placeholder, .search-form input::placeholder { color: var(--muted); opacity: 1; }
.site-search input:focus-visible, .search-form input:focus-visible, .search-form button:focus-visible,
.search-more:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.search-form { display: flex; gap: 0.5rem; margin: 0 0 1rem; }
.search-form input { flex: 1; min-width: 0; font-size: 1.05rem; padding: 0.5rem 0.9rem; }
.search-form button, .search-more {
  font: inherit; color: #fff; background: var(--accent); border: 0; border-radius: var(--radius);
  padding: 0.5rem 1.1rem; cursor: pointer;
}
@media (prefers-color-scheme: dark) { .search-form button, .search-more { color: #0b0c0e; } }
.search-status { color: var(--muted); }
.search-results { list-style: none; padding: 0; margin: 0; }
.search-result { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius);
  padding: 0.9rem 1.1rem; margin: 0 0 0.8rem; }
.search-title { font-size: 1.1rem; line-height: 1.45; margin: 0 0 0.25rem; }
.search-meta { color: var(--muted); font-size: 0.85rem; margin: 0 0 0.35rem; }
.search-meta time { white-space: nowrap; }
.search-excerpt { margin: 0; }
.search-title, .search-excerpt { unicode-bidi: plaintext; }
.search-result mark { background: var(--accent-soft); color: inherit; border-radius: 3px;
  padding: 0 0.1em; box-shadow: inset 0 -2px 0 var(--accent); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
`;

export const SEARCH_CSS_VERSION = createHash('sha256').update(SEARCH_CSS).digest('hex').slice(0, 8);
