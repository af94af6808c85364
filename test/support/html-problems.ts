import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { HtmlValidate, type RuleConfig } from 'html-validate';

/**
 * Issue 6 asks for valid HTML: every page of a built site is checked by html-validate's
 * `recommended` preset (the HTML specification's content models, attributes, ids and nesting,
 * WCAG checks, and good-practice rules) with three rules off that are matters of taste, not
 * validity: `doctype-style` (the specification allows `<!doctype html>` in any case),
 * `long-title` (an SEO hint about titles past 70 characters; an item page's title is its
 * news headline) and `prefer-tbody` (a feed's table is kept as written; a `<tr>` directly in a
 * `<table>` is valid, the parser puts the `<tbody>` in).
 */
const TASTE: RuleConfig = { 'doctype-style': 'off', 'long-title': 'off', 'prefer-tbody': 'off' };

/**
 * Two more matters of taste for sites of real feeds' content, whose markup our sanitizer
 * writes: `void-style` (it writes void elements as `<br />`, which HTML allows; writing them
 * otherwise would change every stored item's content, and so mark each as changed when its
 * feed is next read) and `no-inline-style` (it keeps `style="text-align: …"` on purpose:
 * centred captions and signatures are part of how Chinese articles are laid out).
 */
export const CONTENT_TASTE: RuleConfig = { 'void-style': 'off', 'no-inline-style': 'off' };

/** `file:line:column [rule] message` for every problem in every HTML file below `dir`. */
export async function htmlProblems(dir: string, more: RuleConfig = {}): Promise<string[]> {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: { ...TASTE, ...more },
  });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateString(await readFile(file, 'utf8'), file);
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(`${relative(dir, file)}:${message.line}:${message.column} [${message.ruleId}] ${message.message}`); // prettier-ignore
      }
    }
  }
  return problems;
}

/** How many HTML files are below `dir`. */
export async function htmlFileCount(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).length;
}
