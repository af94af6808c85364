import { charsetOf } from './content-type-charset.js';

/** Bytes of an error answer read for its message; a longer page is not worth reading. */
export const ERROR_PAGE_BYTES = 128 * 1024;

const LONGEST_MESSAGE = 300;

/**
 * What an error answer says went wrong, quoted for a one-line report, or null. RSSHub answers
 * a failing route with a 503 page whose "Error Message" is the only useful part ("Twitter API
 * is not configured", "…: Request failed with status code 403"), which "HTTP 503" alone hides.
 * Also: a JSON `message`/`error`, a plain-text answer, else an HTML page's `<title>` when it
 * says more than the status. The text is the server's: quoted (control characters escaped),
 * whitespace collapsed, cut at 300 characters.
 */
export function errorPageMessage(
  body: Uint8Array,
  contentType: string | null,
  status: number,
): string | null {
  if (body.byteLength === 0) return null;
  const text = decode(body, contentType);
  const message = findMessage(text, contentType?.toLowerCase() ?? '', status);
  if (!message) return null;
  const line = message.replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  const cut = line.length > LONGEST_MESSAGE ? `${line.slice(0, LONGEST_MESSAGE)}…` : line;
  return JSON.stringify(cut);
}

function decode(body: Uint8Array, contentType: string | null): string {
  try {
    return new TextDecoder(charsetOf(contentType) ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder().decode(body);
  }
}

function findMessage(text: string, contentType: string, status: number): string | null {
  const start = text.trimStart();
  if (contentType.includes('json') || start.startsWith('{')) return jsonMessage(start);
  if (contentType.includes('html') || start.startsWith('<')) return htmlMessage(text, status);
  if (contentType.startsWith('text/plain')) return start.split('\n', 1)[0] ?? null;
  return null;
}

function jsonMessage(text: string): string | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const fields = value as Record<string, unknown>;
    for (const key of ['message', 'error', 'detail', 'msg']) {
      const field = fields[key];
      if (typeof field === 'string') return field;
      const inner = (field as Record<string, unknown> | null)?.['message'];
      if (typeof inner === 'string') return inner;
    }
  } catch {
    // Not JSON after all: nothing to quote.
  }
  return null;
}

function htmlMessage(page: string, status: number): string | null {
  // The message is near the top; scanning no further bounds the work a hostile page can cause.
  const html = page.slice(0, 32 * 1024);
  // RSSHub's error page: `Error Message: <code class="… details">…</code>` (since 2024),
  // `<pre class="message">…</pre>` before.
  const rsshub =
    firstElementText(html, 'code', (tag) => /\bdetails\b/i.test(tag)) ??
    firstElementText(html, 'pre', (tag) => /\bclass\s*=\s*["']?message\b/i.test(tag));
  if (rsshub) return textOf(rsshub);
  const title = firstElementText(html, 'title', () => true);
  if (!title) return null;
  const text = textOf(title);
  // "503 Service Temporarily Unavailable" says nothing the status did not.
  return text.includes(String(status)) ? null : text;
}

/**
 * The markup inside the first `name` element whose start tag `wanted` accepts, up to its end
 * tag (or the end). No backtracking pattern: a start tag is at most 500 characters.
 */
function firstElementText(
  html: string,
  name: string,
  wanted: (startTag: string) => boolean,
): string | null {
  const startTag = new RegExp(`<${name}\\b[^>]{0,500}>`, 'gi');
  for (let m = startTag.exec(html); m !== null; m = startTag.exec(html)) {
    if (!wanted(m[0])) continue;
    const from = m.index + m[0].length;
    const end = html.toLowerCase().indexOf(`</${name}>`, from);
    return html.slice(from, end === -1 ? undefined : end);
  }
  return null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Markup → text, for a short message: tags dropped, the common references decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec, hex, name) => {
      if (name) return NAMED[String(name).toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : parseInt(String(hex), 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
