/**
 * Whether a JSON text repeats a key within one object. `JSON.parse` keeps the last of them
 * without a word, where YAML (and so a config read as YAML) refuses the text: a config read
 * by `JSON.parse` is checked with this first. The text must be valid JSON (it parsed).
 */
export function hasDuplicateKeys(json: string): boolean {
  // One set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      let escaped = false;
      for (; json.charCodeAt(end) !== QUOTE; end++) {
        if (json.charCodeAt(end) === BACKSLASH) {
          escaped = true;
          end++;
        }
      }
      let next = end + 1;
      while (isWhitespace(json.charCodeAt(next))) next++;
      const keys = open[open.length - 1];
      if (json.charCodeAt(next) === COLON && keys) {
        const raw = json.slice(i, end + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (keys.has(key)) return true;
        keys.add(key);
      }
      i = end;
    } else if (code === OPEN_BRACE) open.push(new Set());
    else if (code === OPEN_BRACKET) open.push(null);
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) open.pop();
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
