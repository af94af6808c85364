import { SEARCH_CORE_SOURCE } from './search-core-source.js';

/** One ranked document of a query. */
export interface SearchHit {
  doc: number;
  score: number;
  /** How many of the query's terms the document contains, each counted as often as the query has it. */
  matched: number;
  /** The same, of the terms that are not lone CJK characters (see search in the core). */
  required: number;
}

/** What the results list shows for a document (a row of a `d/<n>.json` chunk). */
export interface SearchResultDocument {
  doc: number;
  path: string;
  title: string;
  time: string;
  timeText: string;
  source: string;
  excerpt: string;
  /**
   * The language of the title and excerpt when it is not the site's, else null. As the index
   * holds it: the page checks its shape before it sets it as `lang`.
   */
  lang: string | null;
}

export interface Searcher {
  search(query: string): Promise<{ terms: string[]; hits: SearchHit[] }>;
  documents(docs: number[]): Promise<SearchResultDocument[]>;
}

/** The functions of search-core-source.ts, typed. */
export interface SearchCore {
  /** The text with CJK characters as the tokenizer sees them (Traditional folded), same length. */
  foldCjkText(text: string): string;
  scanTokenRanges(
    text: string,
    unigrams: boolean,
    onCjk: (first: number, second: number) => void,
    onWordAt: (start: number, end: number, plainAscii: boolean) => void,
    /**
     * Also report the parts of a number (4 and 8 of 4.8), before it, and hyphenated words
     * joined (wifi of Wi-Fi), after them: the index does.
     */
    numberParts: boolean,
    /** A word followed straight by a CJK character (A股): the word, the character as folded. */
    onWordCjk: (
      start: number,
      end: number,
      plainAscii: boolean,
      cjk: number,
      cjkEnd: number,
    ) => void,
    /** A CJK character followed straight by a word (第5): the word, the character as folded. */
    onCjkWord?: (start: number, end: number, plainAscii: boolean, cjk: number) => void,
  ): void;
  /** A word's term: text.slice(start, end) NFKC-normalised (unless plainAscii) and lowercased. */
  wordText(text: string, start: number, end: number, plainAscii: boolean): string;
  /** The term of onWordCjk's token: the word's term and the character. */
  wordCjkText(text: string, start: number, end: number, plainAscii: boolean, cjk: number): string;
  /** The term of onCjkWord's token: the character and the word's term. */
  cjkWordText(text: string, start: number, end: number, plainAscii: boolean, cjk: number): string;
  scanTokens(
    text: string,
    unigrams: boolean,
    onCjk: (first: number, second: number) => void,
    onWord: (word: string) => void,
    numberParts?: boolean,
  ): void;
  cjkText(first: number, second: number): string;
  tokenize(text: string, unigrams?: boolean, numberParts?: boolean): string[];
  isCjkToken(token: string): boolean;
  /** Whether a token is a single CJK character (a unigram), not a bigram or a word. */
  isLoneCjkToken(token: string): boolean;
  /** [start, end) ranges of the text where the terms occur, sorted and merged: the highlights. */
  matchRanges(text: string, terms: readonly string[]): [number, number][];
  shardOf(term: string, shardCount: number): number;
  /** The 64 characters of posting lists: 32 for a number's last group, then 32 for the others. */
  digits: string;
  encodeNumber(n: number, out: string[]): void;
  decodeNumbers(text: string): number[];
  postingWeight(titleCount: number, textCount: number, textLength: number): number;
  decodePostings(encoded: string): number[];
  parseShard(text: string): Map<string, string>;
  createSearcher(fetchText: (path: string) => Promise<string>): Searcher;
}

/**
 * Evaluates a copy of the core source: the very text the browser runs. `loadSearchCore` gives a
 * fresh one (tests use it to run the shipped text); `searchCore` is the shared one.
 */
export function loadSearchCore(source: string = SEARCH_CORE_SOURCE): SearchCore {
  return new Function(`return ${source};`)() as SearchCore;
}

export const searchCore: SearchCore = loadSearchCore();
