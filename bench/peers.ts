/**
 * The parsers we measure ourselves against, each wrapped to the same shape: bytes in,
 * item count and first title out. They are loaded from bench/node_modules by a computed
 * specifier, so the main package's typecheck does not need the bench's dependencies
 * installed; the few fields we read are typed here by hand.
 */

export type FeedKind = 'xml' | 'json';

export interface ParserResult {
  items: number;
  firstTitle: string | null;
}

export interface Contender {
  name: string;
  /** What the parser is handed, said in the output so the comparison is honest. */
  input: string;
  supports(kind: FeedKind): boolean;
  parse(bytes: Uint8Array, kind: FeedKind): ParserResult | Promise<ParserResult>;
}

interface TitledItem {
  title?: unknown;
}

interface FeedsmithModule {
  parseFeed(value: string): {
    format: string;
    feed: { items?: TitledItem[]; entries?: TitledItem[] };
  };
}

interface RssParserModule {
  default: new () => { parseString(xml: string): Promise<{ items: TitledItem[] }> };
}

interface FeedExtractorModule {
  extractFromXml(xml: string): { entries?: TitledItem[] };
  extractFromJson(json: string): { entries?: TitledItem[] };
}

interface Htmlparser2Module {
  Parser: new (
    handler: object,
    options: { xmlMode: boolean },
  ) => {
    end(chunk: string): void;
  };
}

async function load<T>(name: string): Promise<T> {
  const specifier = name; // computed, so tsc does not resolve it
  return (await import(specifier)) as T;
}

/** Every contender decodes the same Uint8Array with Node's UTF-8 decoder inside the timing. */
function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function titleOf(item: TitledItem | undefined): string | null {
  if (item === undefined) return null;
  const title = item.title;
  if (typeof title === 'string') return title;
  // Some parsers hand back {value} or {text} objects for typed text constructs.
  if (title && typeof title === 'object') {
    const inner =
      (title as Record<string, unknown>).value ?? (title as Record<string, unknown>).text;
    if (typeof inner === 'string') return inner;
  }
  return null;
}

function result(items: TitledItem[] | undefined): ParserResult {
  const list = items ?? [];
  return { items: list.length, firstTitle: titleOf(list[0]) };
}

export async function loadPeers(): Promise<Contender[]> {
  const feedsmith = await load<FeedsmithModule>('feedsmith');
  const rssParser = await load<RssParserModule>('rss-parser');
  const extractor = await load<FeedExtractorModule>('@extractus/feed-extractor');
  const RssParser = rssParser.default;
  return [
    {
      name: 'feedsmith',
      input: 'string (utf-8 decode timed)',
      supports: () => true,
      parse(bytes) {
        const { feed } = feedsmith.parseFeed(utf8(bytes));
        return result(feed.items ?? feed.entries);
      },
    },
    {
      name: 'rss-parser',
      input: 'string (utf-8 decode timed)',
      supports: (kind) => kind === 'xml',
      async parse(bytes) {
        const feed = await new RssParser().parseString(utf8(bytes));
        return result(feed.items);
      },
    },
    {
      name: '@extractus/feed-extractor',
      input: 'string (utf-8 decode timed)',
      supports: () => true,
      parse(bytes, kind) {
        const text = utf8(bytes);
        const feed =
          kind === 'json' ? extractor.extractFromJson(text) : extractor.extractFromXml(text);
        return result(feed.entries);
      },
    },
  ];
}

/** The floor: a bare tokenizer pass with no handlers, over the already decoded string. */
export async function loadTokenizerFloor(): Promise<(text: string) => void> {
  const { Parser } = await load<Htmlparser2Module>('htmlparser2');
  return (text) => new Parser({}, { xmlMode: true }).end(text);
}
