import { SEARCH_FOLDER } from '../search/build-search-index.js';
import { searchLabelsFor } from '../search/search-labels.js';
import { SEARCH_SCRIPT_VERSION } from '../search/search-script.js';
import { markup } from './html-escape.js';
import { renderLayout } from './layout.js';
import { href, type PageContext } from './page-context.js';

/** Where the search page is, site-relative: the header's search box submits to it. */
export const SEARCH_PAGE = 'search.html';

/**
 * The search page: a search form, a status line read out by screen readers, the results list
 * that search.js fills, and a message for readers without JavaScript. The status texts are data
 * attributes, so the script holds no words of its own and follows the site's language.
 */
export function renderSearchPage(page: PageContext): string {
  const words = searchLabelsFor(page.settings.language);
  const body = markup`<section id="search" class="search" data-index="${href(page, `${SEARCH_FOLDER}/`)}" data-empty="${words.empty}" data-searching="${words.searching}" data-results="${words.results}" data-none="${words.none}" data-failed="${words.failed}">
<h1 id="search-heading">${words.heading}</h1>
<form class="search-form" role="search" aria-labelledby="search-heading" action="${href(page, SEARCH_PAGE)}">
<label class="visually-hidden" for="search-query">${words.search}</label>
<input id="search-query" type="search" name="q" placeholder="${words.placeholder}" autocomplete="off" enterkeyhint="search">
<button type="submit">${words.submit}</button>
</form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<noscript><p>${words.noScript}</p></noscript>
<ol id="search-results" class="search-results"></ol>
<p><button type="button" id="search-more" class="search-more" hidden>${words.more}</button></p>
</section>
<script src="${href(page, 'search.js')}?v=${SEARCH_SCRIPT_VERSION}" defer></script>
`;
  return renderLayout(page, { title: words.heading, body });
}
