import { createHash } from 'node:crypto';
import { SEARCH_CORE_SOURCE } from './search-core-source.js';

/**
 * The search page's behaviour, plain browser JavaScript (ES2017, no bundler): it reads `?q=`,
 * runs the shared core (the same source Node used to build the index), fetches the shards and
 * metadata chunks a query needs, and lists results with the query's terms marked. Text from
 * the index is only ever set with textContent, never parsed as HTML.
 *
 * The page it expects is render-search-page.ts: #search holds data-index (the index folder,
 * relative to the page) and the status messages ({n} = count, {q} = query).
 */
const SEARCH_PAGE_SOURCE = String.raw`(function (core) {
  'use strict';
  var root = document.getElementById('search');
  if (!root) return;
  var form = root.querySelector('form');
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var pageTitle = document.title;
  var indexBase = new URL(root.getAttribute('data-index') || 'search/', document.baseURI);
  var PAGE_SIZE = 10;
  var SCHEME = /^[a-z][a-z0-9+.-]*:/i;
  // A BCP 47 tag's shape (language, then subtags of letters and digits): the index's lang is
  // set as an attribute only when it has it, so a damaged or forged index cannot mislabel text.
  var LANGUAGE_TAG = /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i;

  var searcher = core.createSearcher(function (path) {
    // no-cache: revalidate, so a rebuilt site never mixes old and new index files.
    return fetch(new URL(path, indexBase).href, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
      return response.text();
    });
  });

  /** Characters of the query a status message repeats: a pasted page must not bury the results. */
  var QUOTED_QUERY = 40;

  /** The query as messages and the title repeat it: cut after QUOTED_QUERY characters. */
  function shortened(query) {
    var characters = Array.from(query || '');
    if (characters.length <= QUOTED_QUERY) return characters.join('');
    return characters.slice(0, QUOTED_QUERY).join('') + '…';
  }

  function message(name, count, query) {
    var text = root.getAttribute('data-' + name) || '';
    var quoted = shortened(query);
    // Functions, not strings, as replacements: a query's $& or $' must show as typed.
    return text
      .replace('{n}', function () {
        return String(count);
      })
      .replace('{q}', function () {
        return quoted;
      });
  }

  /** Appends text to parent with each match of the terms in a <mark>. */
  function appendMarked(parent, text, terms) {
    var position = 0;
    core.matchRanges(text, terms).forEach(function (range) {
      if (range[0] > position) parent.appendChild(document.createTextNode(text.slice(position, range[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(range[0], range[1]);
      parent.appendChild(mark);
      position = range[1];
    });
    if (position < text.length) parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  /** Marks an element of the item's own words with its language, as its pages do. */
  function setLanguage(node, lang) {
    if (typeof lang === 'string' && LANGUAGE_TAG.test(lang)) node.setAttribute('lang', lang);
  }

  function renderResult(doc, terms) {
    var item = element('li', 'search-result');
    var heading = element('h2', 'search-title');
    // The title and excerpt are the item's words; the source and time are the site's.
    setLanguage(heading, doc.lang);
    var link = element('a');
    link.href = SCHEME.test(doc.path) ? '#' : doc.path;
    appendMarked(link, doc.title, terms);
    heading.appendChild(link);
    item.appendChild(heading);
    // The time first, as on the site's cards: it never breaks, and a long source wraps after it.
    var meta = element('p', 'search-meta');
    var time = element('time');
    time.setAttribute('datetime', doc.time);
    time.textContent = doc.timeText;
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(' · ' + doc.source));
    item.appendChild(meta);
    // None when it would only repeat the title (excerpt-beside-title.ts), as on the cards.
    if (doc.excerpt) {
      var excerpt = element('p', 'search-excerpt');
      setLanguage(excerpt, doc.lang);
      appendMarked(excerpt, doc.excerpt, terms);
      item.appendChild(excerpt);
    }
    return item;
  }

  var run = 0;
  var current = null;

  function busy(value) {
    root.setAttribute('aria-busy', value ? 'true' : 'false');
  }

  function fail(mine) {
    if (mine !== run) return;
    busy(false);
    status.textContent = message('failed', 0, current ? current.query : '');
    more.hidden = true;
  }

  /**
   * Lists the next page of results. focusFirst (the "More results" button, which hides while
   * they load and so loses the focus): the first new result's link takes the focus, so a
   * keyboard reader goes on from where the new results start.
   */
  function showMore(mine, focusFirst) {
    var slice = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    more.hidden = true;
    busy(true);
    return searcher
      .documents(slice.map(function (hit) {
        return hit.doc;
      }))
      .then(function (docs) {
        if (mine !== run) return;
        docs.forEach(function (doc, n) {
          var item = renderResult(doc, current.terms);
          list.appendChild(item);
          if (focusFirst && n === 0) item.querySelector('a').focus();
        });
        current.shown += docs.length;
        more.hidden = current.shown >= current.hits.length;
        busy(false);
      });
  }

  function search(query) {
    var mine = ++run;
    // The query in the title names the page in history and bookmarks.
    document.title = query.trim() ? shortened(query.trim()) + ' · ' + pageTitle : pageTitle;
    list.textContent = '';
    more.hidden = true;
    current = null;
    if (!query.trim()) {
      status.textContent = message('empty', 0, '');
      busy(false);
      return;
    }
    busy(true);
    status.textContent = message('searching', 0, query);
    searcher
      .search(query)
      .then(function (result) {
        if (mine !== run) return;
        current = { query: query, terms: result.terms, hits: result.hits, shown: 0 };
        if (result.hits.length === 0) {
          status.textContent = message('none', 0, query);
          busy(false);
          return;
        }
        status.textContent = message('results', result.hits.length, query);
        return showMore(mine);
      })
      .catch(function () {
        fail(mine);
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var query = input.value;
    var url = new URL(location.href);
    url.searchParams.set('q', query);
    // A new query is a new history entry, so Back returns to the previous results.
    if (url.href === location.href) history.replaceState(null, '', url.href);
    else history.pushState(null, '', url.href);
    shown = query;
    search(query);
  });
  more.addEventListener('click', function () {
    var mine = run;
    showMore(mine, true).catch(function () {
      fail(mine);
    });
  });

  function urlQuery() {
    return new URL(location.href).searchParams.get('q') || '';
  }

  // Back and Forward between searches; a jump to #main (the skip link) keeps the results.
  var shown = urlQuery();
  window.addEventListener('popstate', function () {
    var query = urlQuery();
    if (query === shown) return;
    shown = query;
    input.value = query;
    search(query);
  });
  input.value = shown;
  search(shown);
  // Opened without a query: the reader came to type one.
  if (!shown) input.focus();
})`;

/** search.js: the core, then the page code given the core. */
export const SEARCH_SCRIPT = `${SEARCH_PAGE_SOURCE}(${SEARCH_CORE_SOURCE});\n`;

/** Added to search.js's URL so browsers fetch a changed script. */
export const SEARCH_SCRIPT_VERSION = createHash('sha256')
  .update(SEARCH_SCRIPT)
  .digest('hex')
  .slice(0, 8);
