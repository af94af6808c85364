import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A name's place in the values, and its place in the YAML document (the same keys). */
interface NameSlot {
  owner: Record<string, unknown>;
  key: string;
  path: (string | number)[];
}

/**
 * Category, site and feed names are text, but YAML reads a plain `404`, `2024`, `007`,
 * `1.50` or `true` as a number or a boolean. Such a name is taken as the text written in the
 * config (`007` stays `007`, not 7), read back from the `yaml` package's document, which keeps
 * each scalar's source; a list or a mapping is left for the schema to refuse. Changes the
 * values in place; costs nothing (no second parse) when every name is text.
 */
export function namesAsWritten(values: unknown, text: string): void {
  const slots = nonTextNames(values);
  if (slots.length === 0) return;
  // Loaded only here: its import alone costs ~40 ms of start-up (read-config-values.ts).
  const { parseDocument, isAlias, isScalar } = require('yaml') as typeof import('yaml');
  const document = parseDocument(text);
  for (const { owner, key, path } of slots) {
    let node = document.getIn(path, true);
    if (isAlias(node)) node = node.resolve(document);
    owner[key] = isScalar(node) && node.source ? node.source : String(owner[key]);
  }
}

function nonTextNames(values: unknown): NameSlot[] {
  const slots: NameSlot[] = [];
  const check = (owner: Record<string, unknown>, key: string, path: (string | number)[]) => {
    const value = owner[key];
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      slots.push({ owner, key, path: [...path, key] });
    }
  };
  if (!isMapping(values) || !Array.isArray(values.sources)) return slots;
  values.sources.forEach((category: unknown, c) => {
    if (!isMapping(category)) return;
    check(category, 'category', ['sources', c]);
    if (!Array.isArray(category.sites)) return;
    category.sites.forEach((site: unknown, s) => {
      if (!isMapping(site)) return;
      check(site, 'name', ['sources', c, 'sites', s]);
      if (!Array.isArray(site.feeds)) return;
      site.feeds.forEach((feed: unknown, f) => {
        if (isMapping(feed)) check(feed, 'name', ['sources', c, 'sites', s, 'feeds', f]);
      });
    });
  });
  return slots;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
