import { createRequire } from 'node:module';
import { load, YAMLException } from 'js-yaml';
import { ConfigError } from './config-error.js';
import { hasDuplicateKeys } from './json-duplicate-keys.js';

const require = createRequire(import.meta.url);

/** More aliases than this go to the `yaml` package, which guards against alias bombs. */
const MAX_ALIASES = 100;

/**
 * The values of a config text (YAML 1.2, so JSON too) as plain data, or a ConfigError with
 * the line of the first syntax error.
 *
 * js-yaml reads the values: on a 1,000-feed config it costs ~4× fewer instructions than the
 * `yaml` package's Document (~0.2 s of start-up), and `yaml` is not even loaded. Both resolve
 * plain scalars by the YAML 1.2 core schema, so they give the same values. Whatever js-yaml
 * does not take (a syntax error, a duplicate key, a tag it lacks, an empty file, many
 * aliases) and any `%` directive (`%YAML 1.1` changes the schema) go to `yaml`, as before:
 * it decides what such a text means, and its messages are the ones users see. Known
 * differences left, none in a usable config: js-yaml takes implicit keys over 1,024
 * characters, and reads `1e400` as a string where `yaml` gives Infinity.
 */
export function readConfigValues(text: string, displayName: string): unknown {
  const json = readAsJson(text);
  if (json !== undefined) return json;
  let refusal: YAMLException | null = null;
  if (!/^\ufeff?%/m.test(text)) {
    try {
      return load(text, { maxAliases: MAX_ALIASES });
    } catch (error) {
      // `yaml` below says what is wrong (or reads what js-yaml does not).
      if (error instanceof YAMLException) refusal = error;
    }
  }
  return readWithDocument(text, displayName, refusal);
}

function readWithDocument(
  text: string,
  displayName: string,
  refusal: YAMLException | null,
): unknown {
  // Loaded only here: its import alone costs ~40 ms of start-up.
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const start = first.linePos?.[0];
    const column = start && first.code === 'BAD_INDENT' ? firstNonBlank(text, start) : start?.col;
    const where = start ? `line ${start.line}, column ${column}: ` : '';
    // prettyErrors appends " at line L, column C:" and a snippet; the position is said above.
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${displayName}: ${where}invalid YAML: ${reason}`);
  }
  try {
    return document.toJS();
  } catch (error) {
    // An alias to an anchor not defined before it, or too many aliases: thrown only here,
    // without a position; js-yaml's refusal of the same text has the line.
    const mark = refusal?.mark;
    const line = mark ? `line ${mark.line + 1}, column ${mark.column + 1}: ` : '';
    throw new ConfigError(`${displayName}: ${line}invalid YAML: ${(error as Error).message}`);
  }
}

/**
 * The column to name: `yaml` places an indentation error (`BAD_INDENT`: an item indented less
 * or more than its neighbours) at the start of the line, column 1, whatever its indentation;
 * the key that is out of line is where the line's text begins.
 */
function firstNonBlank(text: string, start: { line: number; col: number }): number {
  const line = text.split(/\r\n|\r|\n/)[start.line - 1] ?? '';
  const blank = /^ */.exec(line.slice(start.col - 1))![0].length;
  return blank < line.length - (start.col - 1) ? start.col + blank : start.col;
}

/**
 * A config written as JSON (a program's output, say) read by `JSON.parse`: YAML 1.2 reads any
 * JSON text as the same values, ~50× slower (a 1,000-feed JSON config: ~70 ms of js-yaml, cold,
 * against ~1 ms). A repeated key, which `JSON.parse` would take the last of, and anything it
 * refuses go to YAML, which says what is wrong where. undefined: not read this way.
 */
function readAsJson(text: string): unknown {
  if (!/^[\t\n\r ]*\{/.test(text)) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasDuplicateKeys(text) ? undefined : values;
}
