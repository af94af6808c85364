/**
 * What a card (and a search result) shows under a title: the excerpt, less the words the
 * title already shows. Two cases repeat them. Flash news (快讯) is often a title with the same
 * sentence as its body: the excerpt then only repeats the title. And a title cut from the
 * text — made from an untitled item's text (prepare-item.ts), or cut so by the feed, as
 * RSSHub's Weibo routes do — ends in "…" where the excerpt goes on with the same words.
 */

const ELLIPSIS_END = /(?:…|\.\.\.)$/;
/** What a cut leaves off before its ellipsis (cut-text.ts): spaces and punctuation. */
const CUT_AWAY = /^[\s,，、;；:：.。!！?？\-–—]+/u;
const SENTENCE_END = /[.。!！?？]/u;
/**
 * Shorter heads are left alone: "Wait…" over "Wait for it" is the title's own wording, not a
 * cut of the text.
 */
const MIN_HEAD_CHARS = 8;

/** Whether the excerpt only repeats the title (whitespace and a final ellipsis aside). */
export function excerptRepeatsTitle(excerpt: string, title: string): boolean {
  // Cards are made for every item of a full build: most differ at their first character.
  if (excerpt.trimStart().charCodeAt(0) !== title.trimStart().charCodeAt(0)) return false;
  const shown = words(excerpt).replace(ELLIPSIS_END, '').trimEnd();
  return shown.length > 0 && words(title).startsWith(shown);
}

/**
 * The excerpt to show beside `title`: '' when it only repeats the title; what follows the
 * title's words when the title is the text's start cut with "…" (after "…" itself, unless the
 * cut ended a sentence; '' when nothing follows); else the excerpt as it is.
 */
export function excerptBesideTitle(excerpt: string, title: string): string {
  if (excerpt.trimStart().charCodeAt(0) !== title.trimStart().charCodeAt(0)) return excerpt;
  if (excerptRepeatsTitle(excerpt, title)) return '';
  const shownTitle = words(title);
  const cut = ELLIPSIS_END.exec(shownTitle);
  if (cut === null) return excerpt;
  const head = shownTitle.slice(0, cut.index).trimEnd();
  const shown = words(excerpt);
  if (head.length < MIN_HEAD_CHARS || !shown.startsWith(head)) return excerpt;
  const rest = shown.slice(head.length);
  const after = rest.replace(CUT_AWAY, '');
  if (after.replace(ELLIPSIS_END, '').trim() === '') return '';
  return SENTENCE_END.test(rest.slice(0, rest.length - after.length)) ? after : `…${after}`;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
